using Microsoft.Extensions.Configuration;
using Midjourney.Cli;
using Spectre.Console;

// mj: the Midjourney.Sdk command line. Settings come from MIDJOURNEY__* environment variables and the flags that override them.
IConfiguration configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
IAnsiConsole output = AnsiConsole.Console;
IAnsiConsole errors = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

// Into a pipe or a log, lines are not wrapped at 80 columns: an error stays one line, a saved file's path stays whole.
const int Unwrapped = 4096;
if (Console.IsOutputRedirected)
{
    output.Profile.Width = Unwrapped;
}

if (Console.IsErrorRedirected)
{
    errors.Profile.Width = Unwrapped;
}

var app = new MjApp(output, errors, configuration) { HandleTermination = true };
return await app.RunAsync(args);
