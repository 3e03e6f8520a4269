using System.CommandLine;
using Midjourney.Sdk;

namespace Midjourney.Cli.Commands;

/// <summary><c>mj upscale &lt;task&gt; &lt;1..4&gt;</c>: one image of a grid, on its own.</summary>
internal static class UpscaleCommand
{
    public static Command Create(MjApp app)
    {
        var task = CommandParts.TaskId();
        var index = CommandParts.Index("upscale");
        var output = CommandParts.Out();
        var noWait = CommandParts.NoWait();
        var command = new Command("upscale", "Upscale one image of a finished grid (U1..U4), wait for it and save it")
        {
            task, index, output, noWait,
        };
        command.SetAction((parseResult, cancellationToken) => app.WithClientAsync(parseResult, cancellationToken, async client =>
        {
            MidjourneyTask submitted = await client.UpscaleAsync(new UpscaleRequest(parseResult.GetValue(task)!, parseResult.GetValue(index)), cancellationToken).ConfigureAwait(false);
            return await CommandParts.FinishAsync(app, client, submitted, parseResult, noWait, output, cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }
}
