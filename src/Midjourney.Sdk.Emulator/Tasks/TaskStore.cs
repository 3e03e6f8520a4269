using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Midjourney.Sdk.Emulator.Callbacks;

namespace Midjourney.Sdk.Emulator.Tasks;

/// <summary>
/// Every task the emulator has accepted, for every protocol, and the rules that make new ones.
/// Protocols validate their own wire fields, then call a Create method here with neutral values.
/// Thread-safe: tasks are immutable once stored.
/// </summary>
/// <param name="timeProvider">The clock tasks are created by and read against.</param>
/// <param name="taskDuration">The duration of every task, or the median duration when <paramref name="taskDurationSpread"/> is positive.</param>
/// <param name="taskDurationSpread">The lognormal sigma of task durations; 0 gives every task exactly <paramref name="taskDuration"/>.</param>
internal sealed class TaskStore(TimeProvider timeProvider, TimeSpan taskDuration, double taskDurationSpread = 0)
{
    /// <summary>The largest image an upscale draws, so a 4x of a 2x stays cheap to render.</summary>
    private const int MaxImageSize = 2048;

    private readonly ConcurrentDictionary<string, EmulatedTask> _tasks = new(StringComparer.Ordinal);

    /// <summary>When each canceled task was canceled (tasks stay immutable; a cancel is a fact beside them).</summary>
    private readonly ConcurrentDictionary<string, DateTimeOffset> _canceled = new(StringComparer.Ordinal);

    /// <summary>The tasks whose seed someone looked up (MJ-Proxy's <c>image-seed</c>); trueai-org reports it on the task only after that.</summary>
    private readonly ConcurrentDictionary<string, byte> _seedsLookedUp = new(StringComparer.Ordinal);

    public DateTimeOffset Now => timeProvider.GetUtcNow();

    /// <summary>Called with every task once it is stored (the callback scheduler listens here); <see langword="null"/> for none.</summary>
    public Action<EmulatedTask>? Added { get; init; }

    public bool TryGet(string id, out EmulatedTask task) => _tasks.TryGetValue(id, out task!);

    public TaskState StateOf(EmulatedTask task)
    {
        var now = Now;
        if (_canceled.TryGetValue(task.Id, out var canceledAt) && canceledAt <= now)
        {
            var before = TaskLifecycle.StateAt(task, canceledAt);
            return new TaskState(TaskPhase.Failed, before.Progress, before.StartedAt, canceledAt) { Canceled = true };
        }

        return TaskLifecycle.StateAt(task, now) with { SeedLookedUp = _seedsLookedUp.ContainsKey(task.Id) };
    }

    /// <summary>Records that the task's seed was looked up: from now on the task reports it where the protocol does so only then.</summary>
    public void MarkSeedLookedUp(EmulatedTask task) => _seedsLookedUp.TryAdd(task.Id, 0);

    /// <summary>Cancels a task that has not ended; false when it has (succeeded, failed or already canceled).</summary>
    public bool TryCancel(EmulatedTask task)
    {
        var now = Now;
        return !StateOf(task).IsTerminal && _canceled.TryAdd(task.Id, now);
    }

    /// <summary>
    /// Creates an imagine. <paramref name="imageUrls"/> are reference images sent beside the prompt (midapi's
    /// <c>fileUrls</c>), which can carry the <c>[fail]</c> marker as a prompt can.
    /// </summary>
    public EmulatedTask CreateImagine(string prompt, ProcessMode mode, JsonElement request, CallbackTarget? callback = null, IReadOnlyList<string>? imageUrls = null)
    {
        var id = NewId();
        return Add(new EmulatedTask
        {
            Id = id,
            Kind = TaskKind.Imagine,
            Output = TaskOutput.Grid,
            Prompt = prompt,
            Mode = mode,
            CreatedAt = Now,
            Duration = DurationOf(id),
            Request = request,
            Callback = callback,
            Seed = StableHash.Of(prompt),
            Aspect = ImageAspect.Of(prompt, request),
            FailureReason = FailureFor(prompt)
                ?? (imageUrls?.Any(PromptFlags.AsksForFailure) == true ? "Emulated failure: an image URL contains the [fail] marker" : null),
        });
    }

    /// <summary>
    /// Creates a follow-up. The protocol has already checked the parent exists, is finished and fits the button.
    /// A protocol that handed out the task's id before it started (MJ-Proxy's dialogs) passes it as <paramref name="id"/>.
    /// A video extend makes as many clips as its parent video did.
    /// </summary>
    public EmulatedTask CreateFollowUp(EmulatedTask parent, FollowUp followUp, string? prompt, JsonElement request, string? id = null, CallbackTarget? callback = null)
    {
        id ??= NewId();
        var effectivePrompt = string.IsNullOrWhiteSpace(prompt) ? parent.Prompt : prompt;
        var (seed, quadrant, size) = followUp.Kind switch
        {
            // An upscale shows the chosen quadrant of its parent grid, drawn again at full size.
            FollowUpKind.Upscale => (parent.Seed, followUp.Index - 1, 512),
            FollowUpKind.UpscaleTwoX => (parent.Seed, parent.Quadrant, Math.Min(parent.ImageSize * 2, MaxImageSize)),
            FollowUpKind.UpscaleFourX => (parent.Seed, parent.Quadrant, Math.Min(parent.ImageSize * 4, MaxImageSize)),
            _ => (StableHash.Of(parent.Seed, followUp.Kind.ToString(), followUp.Index.ToString(CultureInfo.InvariantCulture), followUp.Detail, effectivePrompt), -1, 512),
        };

        return Add(new EmulatedTask
        {
            Id = id,
            Kind = followUp.ResultKind,
            Output = followUp.ResultOutput,
            Prompt = effectivePrompt,
            Mode = parent.Mode,
            CreatedAt = Now,
            Duration = DurationOf(id),
            Request = request,
            Callback = callback,
            ParentId = parent.Id,
            FollowUp = followUp,
            Seed = seed,
            Quadrant = quadrant,
            ImageSize = size,
            Aspect = parent.Aspect,
            FailureReason = FailureFor(effectivePrompt),
            VideoCount = followUp.ResultOutput == TaskOutput.Video ? parent.VideoCount : 0,
        });
    }

    public EmulatedTask CreateDescribe(string imageUrl, ProcessMode mode, JsonElement request, CallbackTarget? callback = null)
    {
        var id = NewId();
        return Add(new EmulatedTask
        {
            Id = id,
            Kind = TaskKind.Describe,
            Output = TaskOutput.Text,
            Prompt = "",
            Mode = mode,
            CreatedAt = Now,
            Duration = DurationOf(id),
            Request = request,
            Callback = callback,
            FailureReason = PromptFlags.AsksForFailure(imageUrl) ? "Emulated failure: the image URL contains the [fail] marker" : null,
            DescribedPrompts = DescribePrompts.For(imageUrl),
        });
    }

    public EmulatedTask CreateBlend(IReadOnlyList<string> imageUrls, string dimension, ProcessMode mode, JsonElement request, CallbackTarget? callback = null)
    {
        var id = NewId();
        return Add(new EmulatedTask
        {
            Id = id,
            Kind = TaskKind.Blend,
            Output = TaskOutput.Grid,
            Prompt = "",
            Mode = mode,
            CreatedAt = Now,
            Duration = DurationOf(id),
            Request = request,
            Callback = callback,
            Seed = StableHash.Of(["blend", dimension, .. imageUrls]),
            Aspect = ImageAspect.OfDimension(dimension),
            FailureReason = imageUrls.Any(PromptFlags.AsksForFailure) ? "Emulated failure: an image URL contains the [fail] marker" : null,
        });
    }

    /// <summary>Midjourney's /shorten: an analysis of the prompt with shorter versions of it.</summary>
    public EmulatedTask CreateShorten(string prompt, ProcessMode mode, JsonElement request, CallbackTarget? callback = null)
    {
        var id = NewId();
        return Add(new EmulatedTask
        {
            Id = id,
            Kind = TaskKind.Shorten,
            Output = TaskOutput.Text,
            Prompt = prompt,
            Mode = mode,
            CreatedAt = Now,
            Duration = DurationOf(id),
            Request = request,
            Callback = callback,
            FailureReason = FailureFor(prompt),
            DescribedPrompts = ShortenPrompts.For(prompt),
        });
    }

    /// <summary>Image-to-video: <paramref name="clips"/> clips from <paramref name="startImage"/> (a URL or a data URL).</summary>
    public EmulatedTask CreateVideo(string prompt, string startImage, int clips, ProcessMode mode, JsonElement request, CallbackTarget? callback = null)
    {
        var id = NewId();
        return Add(new EmulatedTask
        {
            Id = id,
            Kind = TaskKind.Video,
            Output = TaskOutput.Video,
            Prompt = prompt,
            Mode = mode,
            CreatedAt = Now,
            Duration = DurationOf(id),
            Request = request,
            Callback = callback,
            Seed = StableHash.Of("video", prompt, startImage),
            FailureReason = FailureFor(prompt) ?? (PromptFlags.AsksForFailure(startImage) ? "Emulated failure: the image URL contains the [fail] marker" : null),
            VideoCount = clips,
        });
    }

    /// <summary>A new task id, for protocols that hand one out before the task exists.</summary>
    public static string NewId() => Guid.NewGuid().ToString("D");

    /// <summary>Each task's duration is decided once, here at creation, so it never changes while a client polls.</summary>
    private TimeSpan DurationOf(string id) => TaskDurations.For(id, taskDuration, taskDurationSpread);

    private static string? FailureFor(string prompt)
        => PromptFlags.AsksForContentViolation(prompt) ? "Emulated content violation: the prompt contains the [nsfw] or [moderated] marker"
            : PromptFlags.AsksForFailure(prompt) ? "Emulated failure: the prompt contains the [fail] marker"
            : PromptFlags.ReferenceProblem(prompt) is { } problem ? "Invalid parameter: " + problem
            : null;

    private EmulatedTask Add(EmulatedTask task)
    {
        _tasks[task.Id] = task;
        Added?.Invoke(task);
        return task;
    }
}
