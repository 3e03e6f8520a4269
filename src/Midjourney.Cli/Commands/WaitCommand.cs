using System.CommandLine;
using Midjourney.Sdk;
using Spectre.Console;

namespace Midjourney.Cli.Commands;

/// <summary><c>mj wait &lt;task&gt; [--out ./images]</c>: follows a task submitted earlier to its end and saves its files.</summary>
internal static class WaitCommand
{
    public static Command Create(MjApp app)
    {
        var task = CommandParts.TaskId();
        var output = CommandParts.Out();
        var command = new Command("wait", "Wait for a task submitted earlier (such as with --no-wait) and save its results") { task, output };
        command.SetAction((parseResult, cancellationToken) => app.WithClientAsync(parseResult, cancellationToken, async client =>
        {
            MidjourneyTask current = await client.GetTaskAsync(parseResult.GetValue(task)!, cancellationToken).ConfigureAwait(false);
            MidjourneyTask done = await TaskFollower.WaitAsync(app.Console, client, current, cancellationToken).ConfigureAwait(false);
            app.Console.MarkupLineInterpolated($"[green]Task {done.Id} succeeded[/]");
            if (done.Prompts.Count > 0)
            {
                for (var i = 0; i < done.Prompts.Count; i++)
                {
                    app.Console.WriteLine($"{i + 1}. {done.Prompts[i]}");
                }
            }

            await TaskFollower.SaveAsync(app.Console, client, done, parseResult.GetValue(output) ?? CommandParts.DefaultOutput, cancellationToken).ConfigureAwait(false);
            return MjApp.Success;
        }));
        return command;
    }
}
