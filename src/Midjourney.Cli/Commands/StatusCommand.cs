using System.Globalization;
using System.CommandLine;
using Midjourney.Sdk;
using Spectre.Console;

namespace Midjourney.Cli.Commands;

/// <summary><c>mj status &lt;task&gt;</c>: the task as the provider reports it now.</summary>
internal static class StatusCommand
{
    public static Command Create(MjApp app)
    {
        var task = CommandParts.TaskId();
        var command = new Command("status", "Show a task's status, progress and results without waiting") { task };
        command.SetAction((parseResult, cancellationToken) => app.WithClientAsync(parseResult, cancellationToken, async client =>
        {
            MidjourneyTask current = await client.GetTaskAsync(parseResult.GetValue(task)!, cancellationToken).ConfigureAwait(false);
            var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
            void Row(string name, string? value)
            {
                if (!string.IsNullOrEmpty(value))
                {
                    grid.AddRow(new Text(name), new Text(value));
                }
            }

            Row("Task", current.Id);
            Row("Provider", current.Provider.ToString());
            Row("Action", current.Action.ToString());
            Row("Status", current.Status.ToString());
            Row("Progress", current.Progress?.ToString(CultureInfo.InvariantCulture) is string p ? p + "%" : null);
            Row("Prompt", current.Prompt);
            Row("Failure", current.FailureReason is null ? null : current.FailureReason + (current.FailureCode is null ? "" : $" ({current.FailureCode})"));
            Row("Image", current.ImageUrl?.ToString());
            for (var i = 0; i < current.ImageUrls.Count; i++)
            {
                Row($"Image {i + 1}", current.ImageUrls[i].ToString());
            }

            for (var i = 0; i < current.VideoUrls.Count; i++)
            {
                Row($"Video {i + 1}", current.VideoUrls[i].ToString());
            }

            for (var i = 0; i < current.Prompts.Count; i++)
            {
                Row($"Prompt {i + 1}", current.Prompts[i]);
            }

            Row("Expires", current.ExpiresAt?.ToString("u", CultureInfo.InvariantCulture));
            app.Console.Write(grid);
            return MjApp.Success;
        }));
        return command;
    }
}
