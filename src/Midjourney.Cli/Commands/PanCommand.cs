using System.CommandLine;
using Midjourney.Sdk;

namespace Midjourney.Cli.Commands;

/// <summary><c>mj pan &lt;task&gt; &lt;left|right|up|down&gt; [--prompt "..."]</c>: an upscaled image extended to one side.</summary>
internal static class PanCommand
{
    public static Command Create(MjApp app)
    {
        var task = CommandParts.TaskId();
        var direction = new Argument<PanDirection>("direction")
        {
            Description = "The side to extend",
            HelpName = CommandParts.Names<PanDirection>(),
            CustomParser = result => CommandParts.ParseName<PanDirection>(result, "direction"),
        };
        var prompt = CommandParts.Prompt("A prompt for the new area (default: the image's own)");
        var output = CommandParts.Out();
        var noWait = CommandParts.NoWait();
        var command = new Command("pan", "Extend a finished upscale to one side (GoAPI, MJ-Proxy), wait for it and save it")
        {
            task, direction, prompt, output, noWait,
        };
        command.SetAction((parseResult, cancellationToken) => app.WithClientAsync(parseResult, cancellationToken, async client =>
        {
            var request = new PanRequest(parseResult.GetValue(task)!, parseResult.GetValue(direction)) { Prompt = parseResult.GetValue(prompt) };
            MidjourneyTask submitted = await client.PanAsync(request, cancellationToken).ConfigureAwait(false);
            return await CommandParts.FinishAsync(app, client, submitted, parseResult, noWait, output, cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }
}
