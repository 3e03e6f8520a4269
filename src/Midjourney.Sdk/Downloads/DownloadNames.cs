using System.Text;

namespace Midjourney.Sdk.Downloads;

/// <summary>
/// The predictable names a task's files are saved under: <c>{task id}.{ext}</c> for <see cref="MidjourneyTask.ImageUrl"/>,
/// <c>{task id}-{n}.{ext}</c> for the n-th of <see cref="MidjourneyTask.ImageUrls"/> (from 1) and
/// <c>{task id}-video-{n}.{ext}</c> for the n-th of <see cref="MidjourneyTask.VideoUrls"/>. The task id comes from the
/// provider: only letters, digits, '-', '_' and '.' are kept (anything else becomes '_'), so it can never name another
/// folder.
/// </summary>
internal static class DownloadNames
{
    private const int MaxIdLength = 100;

    /// <summary>The files of a task, each with the name it is saved under (without the extension), each URL once.</summary>
    public static List<(Uri Url, string Name)> Of(MidjourneyTask task)
    {
        string id = Safe(task.Id);
        var files = new List<(Uri, string)>();
        var seen = new HashSet<Uri>();
        if (task.ImageUrl is { } main && seen.Add(main))
        {
            files.Add((main, id));
        }

        for (int i = 0; i < task.ImageUrls.Count; i++)
        {
            if (seen.Add(task.ImageUrls[i]))
            {
                files.Add((task.ImageUrls[i], $"{id}-{i + 1}"));
            }
        }

        for (int i = 0; i < task.VideoUrls.Count; i++)
        {
            if (seen.Add(task.VideoUrls[i]))
            {
                files.Add((task.VideoUrls[i], $"{id}-video-{i + 1}"));
            }
        }

        return files;
    }

    /// <summary>The id as a file name part: safe characters only, never empty, never only dots, at most 100 characters.</summary>
    public static string Safe(string id)
    {
        var name = new StringBuilder(Math.Min(id.Length, MaxIdLength));
        foreach (char c in id.AsSpan(0, Math.Min(id.Length, MaxIdLength)))
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }

        string safe = name.ToString().TrimStart('.');
        return safe.Length == 0 ? "task" : safe;
    }
}
