using System.Collections.Concurrent;
using Midjourney.Sdk.Emulator.Tasks;

namespace Midjourney.Sdk.Emulator.Images;

/// <summary>Renders each task's pictures on first request and keeps the bytes (drawing a 2048 px upscale is not free).</summary>
internal sealed class ImageStore(TaskStore tasks)
{
    private readonly ConcurrentDictionary<(string TaskId, string File), byte[]> _cache = new();

    /// <summary>The PNG (or a video's MP4) for <paramref name="file"/> of a task, or <see langword="null"/> when the task or the file does not exist.</summary>
    public byte[]? Find(string taskId, string file)
    {
        if (!tasks.TryGet(taskId, out var task) || tasks.StateOf(task).Phase == TaskPhase.Failed)
        {
            return null;
        }

        Func<byte[]>? render = (task.Output, file) switch
        {
            (TaskOutput.Grid, ImageLinks.GridFile) => () => ImageRenderer.RenderGrid(task.Seed, task.Aspect),
            (TaskOutput.Grid, "1.png" or "2.png" or "3.png" or "4.png") =>
                () => ImageRenderer.RenderQuadrant(task.Seed, file[0] - '1', ImageRenderer.QuadrantSize, task.Aspect),
            (TaskOutput.Image, ImageLinks.ImageFile) => () => ImageRenderer.RenderQuadrant(task.Seed, task.Quadrant, task.ImageSize, task.Aspect),
            (TaskOutput.Video, _) when VideoClip(task, file, ".mp4") is int clip => () => VideoClips.Get(clip),
            (TaskOutput.Video, _) when VideoClip(task, file, ".png") is int clip =>
                () => ImageRenderer.RenderQuadrant(task.Seed, clip - 1, ImageRenderer.QuadrantSize, ImageAspect.Square),
            _ => null,
        };

        return render is null ? null : _cache.GetOrAdd((taskId, file), static (_, r) => r(), render);
    }

    /// <summary>The clip number (1..count) of <c>video-N.mp4</c> or its thumbnail <c>video-N.png</c>, or null.</summary>
    private static int? VideoClip(EmulatedTask task, string file, string extension)
    {
        for (var clip = 1; clip <= task.VideoCount; clip++)
        {
            if (file == (extension == ".mp4" ? ImageLinks.VideoFile(clip) : ImageLinks.VideoThumbnailFile(clip)))
            {
                return clip;
            }
        }

        return null;
    }
}
