using System.Text;
using Microsoft.Extensions.Configuration;
using Midjourney.Cli;
using Spectre.Console;

namespace Midjourney.Sdk.Tests.Cli;

/// <summary>
/// Runs <c>mj</c> command lines in process over a non-interactive console, as a pipe or a CI log would see them, or over an
/// interactive ANSI one, as a terminal would.
/// </summary>
internal sealed class CliRunner
{
    private readonly IConfiguration _configuration;
    private readonly bool _interactive;

    public CliRunner(IDictionary<string, string?>? settings = null, bool interactive = false)
    {
        _interactive = interactive;
        _configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
    }

    public LockedWriter Output { get; } = new();

    public LockedWriter Errors { get; } = new();

    public async Task<CliResult> RunAsync(params string[] args) => await RunAsync(args, CancellationToken.None);

    public async Task<CliResult> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var app = new MjApp(Console(Output, _interactive), Console(Errors, interactive: false), _configuration);
        int exitCode = await app.RunAsync(args, cancellationToken);
        return new CliResult(exitCode, Output.ToString(), Errors.ToString());
    }

    private static IAnsiConsole Console(TextWriter writer, bool interactive)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
            Ansi = interactive ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
        });
        console.Profile.Width = 1000;
        return console;
    }
}

internal sealed record CliResult(int ExitCode, string Output, string Errors)
{
    public override string ToString() => $"exit {ExitCode}\n--- output\n{Output}\n--- errors\n{Errors}";
}

/// <summary>A string writer that the command writes to while the test reads it; <see cref="Written"/> signals each write.</summary>
internal sealed class LockedWriter : TextWriter
{
    private readonly StringBuilder _text = new();

    /// <summary>Signalled after every write, so a test waits for output instead of polling it.</summary>
    public TestSupport.Pulse Written { get; } = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_text)
        {
            _text.Append(value);
        }

        Written.Signal();
    }

    public override void Write(string? value)
    {
        lock (_text)
        {
            _text.Append(value);
        }

        Written.Signal();
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (_text)
        {
            _text.Append(buffer, index, count);
        }

        Written.Signal();
    }

    public override string ToString()
    {
        lock (_text)
        {
            return _text.ToString();
        }
    }
}
