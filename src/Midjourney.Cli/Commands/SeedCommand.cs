using System.CommandLine;
using Midjourney.Sdk;
using Spectre.Console;

namespace Midjourney.Cli.Commands;

/// <summary><c>mj seed &lt;task&gt;</c>: the seed a finished task's images were drawn with (GoAPI, MJ-Proxy servers of the trueai-org line).</summary>
internal static class SeedCommand
{
    public static Command Create(MjApp app)
    {
        var task = CommandParts.TaskId();
        var command = new Command("seed", "Print the seed a task's images were drawn with ('--seed <n>' reproduces them); on MJ-Proxy this asks the server") { task };
        command.SetAction((parseResult, cancellationToken) => app.WithClientAsync(parseResult, cancellationToken, async client =>
        {
            string taskId = parseResult.GetValue(task)!;
            string? seed = await client.GetSeedAsync(taskId, cancellationToken).ConfigureAwait(false);
            if (seed is null)
            {
                app.Errors.MarkupLineInterpolated($"[yellow]{client.Provider} has no seed for task {taskId} (yet): it is known once the task has finished with images.[/]");
                return MjApp.Failure;
            }

            app.Console.WriteLine(seed);
            return MjApp.Success;
        }));
        return command;
    }
}
