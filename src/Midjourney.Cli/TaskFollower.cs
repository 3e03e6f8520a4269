using System.Globalization;
using Midjourney.Sdk;
using Spectre.Console;

namespace Midjourney.Cli;

/// <summary>
/// Follows a task to its end with a live progress bar (plain lines when the console is not an interactive ANSI terminal,
/// as in a pipe, a CI log or a test), then saves its files and lists them.
/// </summary>
internal static class TaskFollower
{
    /// <summary>Waits for the task (through <see cref="IMidjourneyClient.WatchAsync"/>) and returns it once it succeeded.</summary>
    /// <exception cref="MidjourneyTaskFailedException">The task ended failed or canceled.</exception>
    public static async Task<MidjourneyTask> WaitAsync(IAnsiConsole console, IMidjourneyClient client, MidjourneyTask submitted, CancellationToken cancellationToken)
    {
        MidjourneyTask last = submitted;
        // A bar needs a terminal that moves the cursor: without ANSI, Spectre's fallback would show nothing until the end.
        if (console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi)
        {
            await console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    ProgressTask bar = context.AddTask(Describe(submitted), maxValue: 100);
                    await foreach (MidjourneyTask update in client.WatchAsync(submitted.Id, cancellationToken).ConfigureAwait(false))
                    {
                        last = update;
                        bar.Description = Describe(update);
                        bar.Value = update.Status == MidjourneyTaskStatus.Succeeded ? 100 : update.Progress ?? bar.Value;
                    }

                    bar.StopTask();
                }).ConfigureAwait(false);
        }
        else
        {
            string? previous = null;
            await foreach (MidjourneyTask update in client.WatchAsync(submitted.Id, cancellationToken).ConfigureAwait(false))
            {
                last = update;
                string line = $"{update.Id}: {update.Status}{MjApp.Percent(update)}";
                if (line != previous)
                {
                    console.WriteLine(line);
                    previous = line;
                }
            }
        }

        if (last.Status != MidjourneyTaskStatus.Succeeded)
        {
            throw new MidjourneyTaskFailedException(last);
        }

        return last;
    }

    /// <summary>Saves the task's images and videos under <paramref name="directory"/> and lists them.</summary>
    public static async Task SaveAsync(IAnsiConsole console, IMidjourneyClient client, MidjourneyTask task, string directory, CancellationToken cancellationToken)
    {
        string folder = Path.GetFullPath(directory);
        Directory.CreateDirectory(folder);
        IReadOnlyList<MidjourneyDownload> files = await client.DownloadAsync(task, folder, cancellationToken).ConfigureAwait(false);
        if (files.Count == 0)
        {
            console.WriteLine("Nothing to save: the task has no images or videos.");
            return;
        }

        console.MarkupLineInterpolated($"[green]Saved {files.Count} file{(files.Count == 1 ? "" : "s")}:[/]");
        foreach (MidjourneyDownload file in files)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {file.Path} ({file.ContentType}, {file.Length} bytes)"));
        }
    }

    private static string Describe(MidjourneyTask task) => Markup.Escape($"{task.Action} {task.Id} {task.Status}");
}
