using System.Globalization;
using System.Runtime.InteropServices;
using Midjourney.Sdk.Emulator.Hosting;

namespace Midjourney.Sdk.Emulator;

/// <summary>The program mode: starts an emulator from the command line and runs it until Ctrl+C.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var commandLine = EmulatorCommandLine.Parse(args);
        if (commandLine.ShowHelp)
        {
            Console.WriteLine(EmulatorCommandLine.Usage);
            return 0;
        }

        if (commandLine.Error is not null)
        {
            await Console.Error.WriteLineAsync(commandLine.Error + Environment.NewLine + Environment.NewLine + EmulatorCommandLine.Usage);
            return 2;
        }

        using var stop = new CancellationTokenSource();
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true; // stop cleanly instead of letting the runtime kill the process
            stop.Cancel();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

        MidjourneyEmulator emulator;
        try
        {
            emulator = await MidjourneyEmulator.StartAsync(commandLine.Options, stop.Token);
        }
        catch (IOException e)
        {
            await Console.Error.WriteLineAsync($"Could not start the emulator: {e.Message}");
            return 1;
        }

        await using (emulator)
        {
            Console.WriteLine($"Midjourney emulator listening on {emulator.BaseUrl}");
            Console.WriteLine($"API key:       {emulator.ApiKey}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Task duration: {emulator.Options.TaskDuration.TotalSeconds} s{SpreadNote(emulator.Options.TaskDurationSpread)}"));
            Console.WriteLine(CallbackNote(emulator.Options));
            Console.WriteLine($"Client settings for {commandLine.Provider} (other providers: --provider):");
            Console.WriteLine(commandLine.ClientSettings(emulator.BaseUrl, emulator.ApiKey));
            Console.WriteLine("Press Ctrl+C to stop.");
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM: fall through to dispose, which stops the server.
            }
        }

        return 0;
    }

    /// <summary>How callbacks behave; never shows the signing key, only whether one is set.</summary>
    private static string CallbackNote(MidjourneyEmulatorOptions options)
        => string.Create(
            CultureInfo.InvariantCulture,
            $"Callbacks:     sent as each provider does; retry delays x{options.CallbackRetryDelayScale}; midapi {(options.WebhookSigningKey is null ? "unsigned" : "signed")}; log at GET /_emulator/callbacks");

    /// <summary>Says that durations vary, when they do, so whoever reads the banner knows 3 s is only the median.</summary>
    private static string SpreadNote(double spread)
        => spread > 0 ? string.Create(CultureInfo.InvariantCulture, $" median, lognormal spread {spread}") : "";
}
