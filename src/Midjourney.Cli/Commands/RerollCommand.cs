using System.CommandLine;
using Midjourney.Sdk;

namespace Midjourney.Cli.Commands;

/// <summary><c>mj reroll &lt;task&gt; [--prompt "..."] [--ar W:H]</c>: a grid's prompt run again, as a new grid.</summary>
internal static class RerollCommand
{
    public static Command Create(MjApp app)
    {
        var task = CommandParts.TaskId();
        var prompt = CommandParts.Prompt("A new prompt (default: the grid's own)");
        var aspectRatio = CommandParts.AspectRatio("A new aspect ratio, such as 16:9 (default: the grid's own)");
        var output = CommandParts.Out();
        var noWait = CommandParts.NoWait();
        var command = new Command("reroll", "Run a finished grid's prompt again (GoAPI, MJ-Proxy), wait for the new grid and save it")
        {
            task, prompt, aspectRatio, output, noWait,
        };
        command.SetAction((parseResult, cancellationToken) => app.WithClientAsync(parseResult, cancellationToken, async client =>
        {
            var request = new RerollRequest(parseResult.GetValue(task)!)
            {
                Prompt = parseResult.GetValue(prompt),
                AspectRatio = parseResult.GetValue(aspectRatio),
            };
            MidjourneyTask submitted = await client.RerollAsync(request, cancellationToken).ConfigureAwait(false);
            return await CommandParts.FinishAsync(app, client, submitted, parseResult, noWait, output, cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }
}
