using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Midjourney.Cli.Commands;
using Midjourney.Sdk;
using Spectre.Console;

namespace Midjourney.Cli;

/// <summary>
/// The <c>mj</c> command line: builds the commands over an injected console and configuration, so tests run them in process
/// and read what a user would see. Exit codes: 0 done, 1 the provider or the task failed, 2 bad arguments or settings,
/// 130 interrupted.
/// </summary>
internal sealed class MjApp
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;
    public const int Interrupted = 130;

    public MjApp(IAnsiConsole console, IAnsiConsole? errors = null, IConfiguration? configuration = null)
    {
        Console = console;
        Errors = errors ?? console;
        Configuration = configuration ?? new ConfigurationBuilder().Build();
    }

    /// <summary>Where results and progress go.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Where errors go (standard error in the program).</summary>
    public IAnsiConsole Errors { get; }

    /// <summary>The configuration whose <c>Midjourney</c> section holds the client settings (the program's environment variables).</summary>
    public IConfiguration Configuration { get; }

    /// <summary>Whether Ctrl+C and SIGTERM cancel the running command (the program); tests cancel through the token instead.</summary>
    public bool HandleTermination { get; init; }

    public GlobalOptions Options { get; } = new();

    public RootCommand CreateRootCommand()
    {
        var root = new RootCommand(
            "mj: Midjourney from the command line over GoAPI, MJ-Proxy, APIXO and midapi. Settings come from MIDJOURNEY__PROVIDER, "
            + "MIDJOURNEY__APIKEY and MIDJOURNEY__BASEURL (and the other MIDJOURNEY__* keys), overridden by the flags below; "
            + "--emulator needs none.");
        foreach (Option option in Options.All)
        {
            root.Options.Add(option);
        }

        root.Subcommands.Add(ImagineCommand.Create(this));
        root.Subcommands.Add(UpscaleCommand.Create(this));
        root.Subcommands.Add(VariationCommand.Create(this));
        root.Subcommands.Add(RerollCommand.Create(this));
        root.Subcommands.Add(PanCommand.Create(this));
        root.Subcommands.Add(BlendCommand.Create(this));
        root.Subcommands.Add(DescribeCommand.Create(this));
        root.Subcommands.Add(VideoCommand.Create(this));
        root.Subcommands.Add(ExtendCommand.Create(this));
        root.Subcommands.Add(StatusCommand.Create(this));
        root.Subcommands.Add(WaitCommand.Create(this));
        root.Subcommands.Add(SeedCommand.Create(this));
        root.Subcommands.Add(EmulatorCommand.Create(this));
        return root;
    }

    /// <summary>Parses and runs one command line; never throws for what a user can cause.</summary>
    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        ParseResult parseResult = CreateRootCommand().Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                Errors.MarkupLineInterpolated($"[red]{error.Message}[/]");
            }

            Errors.WriteLine("Run 'mj --help' (or 'mj <command> --help') for usage.");
            return UsageError;
        }

        TextWriter output = Console.Profile.Out.Writer;
        var invocation = new InvocationConfiguration
        {
            Output = output,
            Error = Errors.Profile.Out.Writer,
            ProcessTerminationTimeout = HandleTermination ? TimeSpan.FromSeconds(2) : null,
        };
        return await parseResult.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs a command's work with a client, and turns every failure into one red line and an exit code (never a stack trace).
    /// </summary>
    public async Task<int> WithClientAsync(ParseResult parseResult, CancellationToken cancellationToken, Func<IMidjourneyClient, Task<int>> work)
    {
        return await GuardAsync(async () =>
        {
            await using ClientSession session = await ClientSession.StartAsync(parseResult, Options, Configuration, cancellationToken).ConfigureAwait(false);
            return await work(session.Client).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs work and maps what it throws to a one-line message and an exit code.</summary>
    public async Task<int> GuardAsync(Func<Task<int>> work, CancellationToken cancellationToken)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Errors.MarkupLine("[yellow]Canceled.[/]");
            return Interrupted;
        }
        catch (MidjourneyTaskFailedException e)
        {
            return Fail(Failure, $"Task {e.Task.Id} {e.Task.Status.ToString().ToLowerInvariant()}: {e.Task.FailureReason ?? e.Message}{Code(e.Task.FailureCode)}");
        }
        catch (MidjourneyWaitTimeoutException e)
        {
            return Fail(Failure, $"Gave up waiting for task {e.Task.Id} (last seen {e.Task.Status}{Percent(e.Task)}); 'mj wait {e.Task.Id}' waits again.");
        }
        catch (MidjourneyException e)
        {
            string status = e.StatusCode is null ? "" : $"HTTP {e.StatusCode}, ";
            string code = e.ErrorCode is null ? "" : $"{e.ErrorCode}, ";
            return Fail(Failure, $"{e.Message} ({status}{code}{e.GetType().Name.Replace("Midjourney", "", StringComparison.Ordinal).Replace("Exception", "", StringComparison.Ordinal)})");
        }
        catch (OptionsValidationException e)
        {
            return Fail(UsageError, $"Settings: {string.Join(" ", e.Failures)} Set MIDJOURNEY__APIKEY (and MIDJOURNEY__PROVIDER, MIDJOURNEY__BASEURL) or pass --api-key, or try --emulator.");
        }
        catch (ArgumentException e)
        {
            return Fail(UsageError, WithoutParameter(e));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or HttpRequestException)
        {
            return Fail(Failure, e.Message);
        }
        catch (Exception e)
        {
            // Anything else is a defect of mj or the SDK; still one line, with the type to report it by.
            return Fail(Failure, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private int Fail(int exitCode, string message)
    {
        Errors.MarkupLineInterpolated($"[red]Error: {OneLine(message)}[/]");
        return exitCode;
    }

    /// <summary>The message without the runtime's " (Parameter 'request')": the parameter means nothing on a command line.</summary>
    private static string WithoutParameter(ArgumentException e)
    {
        string suffix = $" (Parameter '{e.ParamName}')";
        return e.ParamName is not null && e.Message.EndsWith(suffix, StringComparison.Ordinal) ? e.Message[..^suffix.Length] : e.Message;
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string Code(string? code) => code is null ? "" : $" ({code})";

    internal static string Percent(MidjourneyTask task) => task.Progress is int p ? $" {p}%" : "";
}
