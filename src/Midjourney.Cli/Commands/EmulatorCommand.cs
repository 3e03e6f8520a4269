using System.CommandLine;
using System.Globalization;
using Midjourney.Sdk;
using Midjourney.Sdk.Emulator;
using Spectre.Console;

namespace Midjourney.Cli.Commands;

/// <summary><c>mj emulator [--port 8080] [--task-duration 3]</c>: runs the emulator until Ctrl+C and prints the settings that point a client at it.</summary>
internal static class EmulatorCommand
{
    public const int DefaultPort = 8080;

    public static Command Create(MjApp app)
    {
        var port = new Option<int>("--port")
        {
            Description = $"Port on 127.0.0.1 (default {DefaultPort}; 0 = any free port)",
            DefaultValueFactory = _ => DefaultPort,
            CustomParser = result =>
            {
                double? value = CommandParts.ParseNumber(result, "--port", 0, 65535);
                if (value is double number && number != Math.Floor(number))
                {
                    result.AddError($"--port must be a whole number, not '{result.Tokens[^1].Value}'.");
                }

                return (int)(value ?? 0);
            },
        };
        var taskDuration = new Option<double>("--task-duration")
        {
            Description = "Seconds from submit to the end of every task (default 3; 0 = at once)",
            DefaultValueFactory = _ => 3,
            CustomParser = result => CommandParts.ParseNumber(result, "--task-duration", 0, 86400) ?? 0,
        };
        var command = new Command("emulator", "Run the Midjourney emulator (every provider's API on 127.0.0.1) until Ctrl+C, and print the settings to use it")
        {
            port, taskDuration,
        };
        command.SetAction((parseResult, cancellationToken) => app.GuardAsync(async () =>
        {
            MidjourneyProvider provider = parseResult.GetValue(app.Options.Provider) ?? MidjourneyProvider.GoApi;
            var options = new MidjourneyEmulatorOptions
            {
                Port = parseResult.GetValue(port),
                TaskDuration = TimeSpan.FromSeconds(parseResult.GetValue(taskDuration)),
            };
            MidjourneyEmulator emulator;
            try
            {
                emulator = await MidjourneyEmulator.StartAsync(options, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new IOException($"Could not start the emulator on port {options.Port}: {e.Message} (--port 0 picks a free port)", e);
            }

            await using (emulator.ConfigureAwait(false))
            {
                string baseUrl = emulator.BaseUrl.ToString();
                app.Console.MarkupLineInterpolated($"[green]Midjourney emulator listening on {baseUrl}[/] (every provider's API; tasks take {options.TaskDuration.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s)");
                app.Console.WriteLine($"Settings for {provider} (other providers: --provider):");
                app.Console.WriteLine($"  MIDJOURNEY__PROVIDER={provider}");
                app.Console.WriteLine($"  MIDJOURNEY__BASEURL={baseUrl}");
                app.Console.WriteLine($"  MIDJOURNEY__APIKEY={emulator.ApiKey}");
                app.Console.WriteLine("or, with flags:");
                app.Console.WriteLine($"  mj imagine \"a cat\" --provider {provider} --base-url {baseUrl} --api-key {emulator.ApiKey}");
                app.Console.WriteLine("Press Ctrl+C to stop.");
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C: stop the server and end normally.
                }
            }

            app.Console.WriteLine("Emulator stopped.");
            return MjApp.Success;
        }, CancellationToken.None));
        return command;
    }
}
