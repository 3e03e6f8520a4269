using System.CommandLine;
using Midjourney.Sdk;

namespace Midjourney.Cli.Commands;

/// <summary><c>mj variation &lt;task&gt; &lt;1..4&gt;</c>: a new grid of variations on one image.</summary>
internal static class VariationCommand
{
    public static Command Create(MjApp app)
    {
        var task = CommandParts.TaskId();
        var index = CommandParts.Index("vary");
        var output = CommandParts.Out();
        var noWait = CommandParts.NoWait();
        var command = new Command("variation", "Make variations of one image of a finished grid (V1..V4), wait for them and save them")
        {
            task, index, output, noWait,
        };
        command.SetAction((parseResult, cancellationToken) => app.WithClientAsync(parseResult, cancellationToken, async client =>
        {
            MidjourneyTask submitted = await client.VariationAsync(new VariationRequest(parseResult.GetValue(task)!, parseResult.GetValue(index)), cancellationToken).ConfigureAwait(false);
            return await CommandParts.FinishAsync(app, client, submitted, parseResult, noWait, output, cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }
}
