using System.CommandLine;
using Midjourney.Sdk;

namespace Midjourney.Cli.Commands;

/// <summary><c>mj video &lt;image&gt; --prompt "..." [--motion low|high] [--hd]</c>: short clips that animate an image.</summary>
internal static class VideoCommand
{
    public static Command Create(MjApp app)
    {
        var image = CommandParts.Image("The start frame");
        var prompt = CommandParts.Prompt("How the image should move (required by the providers)");
        var motion = new Option<VideoMotion?>("--motion") { Description = "Low or High" };
        var highDefinition = new Option<bool>("--hd") { Description = "720p instead of 480p" };
        var output = CommandParts.Out();
        var noWait = CommandParts.NoWait();
        var command = new Command("video", "Animate an image into short clips (midapi, MJ-Proxy servers of the trueai-org line), wait for them and save them")
        {
            image, prompt, motion, highDefinition, output, noWait,
        };
        command.SetAction((parseResult, cancellationToken) => app.WithClientAsync(parseResult, cancellationToken, async client =>
        {
            MidjourneyImage start = await CommandParts.ReadImageAsync(parseResult.GetValue(image)!, cancellationToken).ConfigureAwait(false);
            var request = new VideoRequest(start)
            {
                Prompt = parseResult.GetValue(prompt),
                Motion = parseResult.GetValue(motion),
                HighDefinition = parseResult.GetValue(highDefinition),
            };
            MidjourneyTask submitted = await client.VideoAsync(request, cancellationToken).ConfigureAwait(false);
            return await CommandParts.FinishAsync(app, client, submitted, parseResult, noWait, output, cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }
}
