using System.CommandLine;
using Midjourney.Sdk;

namespace Midjourney.Cli.Commands;

/// <summary><c>mj upscale &lt;task&gt; &lt;1..4&gt; [--mode subtle|creative|twox|fourx]</c>: one image of a grid, on its own, or an upscale upscaled further.</summary>
internal static class UpscaleCommand
{
    public static Command Create(MjApp app)
    {
        var task = CommandParts.TaskId();
        var index = CommandParts.Index("upscale");
        var mode = new Option<UpscaleMode>("--mode")
        {
            Description = "The upscaler: default picks one image of a grid; the others act on an upscaled image (the index is still "
                + "required) where the provider offers them",
            HelpName = CommandParts.Names<UpscaleMode>(),
            DefaultValueFactory = _ => UpscaleMode.Default,
            CustomParser = result => CommandParts.ParseName<UpscaleMode>(result, "--mode"),
        };
        var output = CommandParts.Out();
        var noWait = CommandParts.NoWait();
        var command = new Command("upscale", "Upscale one image of a finished grid (U1..U4), wait for it and save it")
        {
            task, index, mode, output, noWait,
        };
        command.SetAction((parseResult, cancellationToken) => app.WithClientAsync(parseResult, cancellationToken, async client =>
        {
            var request = new UpscaleRequest(parseResult.GetValue(task)!, parseResult.GetValue(index)) { Mode = parseResult.GetValue(mode) };
            MidjourneyTask submitted = await client.UpscaleAsync(request, cancellationToken).ConfigureAwait(false);
            return await CommandParts.FinishAsync(app, client, submitted, parseResult, noWait, output, cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }
}
