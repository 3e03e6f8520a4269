using System.CommandLine;
using Midjourney.Sdk;

namespace Midjourney.Cli.Commands;

/// <summary><c>mj extend &lt;task&gt; &lt;1..4&gt; --prompt "..." [--motion low|high]</c>: one clip of a finished video, continued.</summary>
internal static class ExtendCommand
{
    public static Command Create(MjApp app)
    {
        var task = CommandParts.TaskId();
        var index = CommandParts.Index("extend", "clip of the video");
        var prompt = CommandParts.Prompt("What should happen next in the clip", required: true);
        var motion = new Option<VideoMotion?>("--motion") { Description = "Low or High" };
        var output = CommandParts.Out();
        var noWait = CommandParts.NoWait();
        var command = new Command("extend", "Extend one clip of a finished video (MJ-Proxy servers of the trueai-org line), wait for it and save the clips")
        {
            task, index, prompt, motion, output, noWait,
        };
        command.SetAction((parseResult, cancellationToken) => app.WithClientAsync(parseResult, cancellationToken, async client =>
        {
            var request = new VideoExtendRequest(parseResult.GetValue(task)!, parseResult.GetValue(index))
            {
                Prompt = parseResult.GetValue(prompt),
                Motion = parseResult.GetValue(motion),
            };
            MidjourneyTask submitted = await client.ExtendVideoAsync(request, cancellationToken).ConfigureAwait(false);
            return await CommandParts.FinishAsync(app, client, submitted, parseResult, noWait, output, cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }
}
