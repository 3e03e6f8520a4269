using System.CommandLine;
using Midjourney.Sdk;
using Spectre.Console;

namespace Midjourney.Cli.Commands;

/// <summary><c>mj describe &lt;image&gt;</c>: four prompts that would make an image like it.</summary>
internal static class DescribeCommand
{
    public static Command Create(MjApp app)
    {
        var image = CommandParts.Image("The image to describe");
        var command = new Command("describe", "Describe an image: four prompts that would make one like it") { image };
        command.SetAction((parseResult, cancellationToken) => app.WithClientAsync(parseResult, cancellationToken, async client =>
        {
            MidjourneyImage input = await CommandParts.ReadImageAsync(parseResult.GetValue(image)!, cancellationToken).ConfigureAwait(false);
            MidjourneyTask submitted = await client.DescribeAsync(new DescribeRequest(input), cancellationToken).ConfigureAwait(false);
            app.Console.MarkupLineInterpolated($"Submitted [bold]Describe[/] task [bold]{submitted.Id}[/] to {client.Provider}");
            MidjourneyTask done = await TaskFollower.WaitAsync(app.Console, client, submitted, cancellationToken).ConfigureAwait(false);
            app.Console.MarkupLineInterpolated($"[green]Task {done.Id} succeeded[/]");
            for (var i = 0; i < done.Prompts.Count; i++)
            {
                app.Console.WriteLine($"{i + 1}. {done.Prompts[i]}");
            }

            return MjApp.Success;
        }));
        return command;
    }
}
