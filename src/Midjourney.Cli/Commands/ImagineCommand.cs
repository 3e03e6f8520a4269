using System.CommandLine;
using Midjourney.Sdk;

namespace Midjourney.Cli.Commands;

/// <summary><c>mj imagine "prompt" [--ar 16:9] [--speed fast] [--out ./images]</c>: a grid of four images.</summary>
internal static class ImagineCommand
{
    public static Command Create(MjApp app)
    {
        var prompt = new Argument<string>("prompt") { Description = "What to imagine (Midjourney flags such as --v 7 may go inside the quotes)" };
        var aspectRatio = CommandParts.AspectRatio();
        var speed = CommandParts.Speed();
        var output = CommandParts.Out();
        var noWait = CommandParts.NoWait();
        var command = new Command("imagine", "Imagine a grid of four images from a prompt, wait for it and save the images")
        {
            prompt, aspectRatio, speed, output, noWait,
        };
        command.SetAction((parseResult, cancellationToken) => app.WithClientAsync(parseResult, cancellationToken, async client =>
        {
            var request = new ImagineRequest(parseResult.GetValue(prompt)!)
            {
                AspectRatio = parseResult.GetValue(aspectRatio),
                Speed = parseResult.GetValue(speed),
            };
            MidjourneyTask task = await client.ImagineAsync(request, cancellationToken).ConfigureAwait(false);
            return await CommandParts.FinishAsync(app, client, task, parseResult, noWait, output, cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }
}
