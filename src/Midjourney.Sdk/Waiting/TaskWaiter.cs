using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace Midjourney.Sdk.Waiting;

/// <summary>
/// One wait on one task: the tracker offers it every snapshot it reads and it passes on each change of status or
/// progress; it ends after a final task (or one waiting for input), with an error, or at its deadline. Disposing it
/// (the reader's <c>finally</c>) tells the tracker nobody waits here any more. The tracker writes under its lock; the
/// channel runs the reader's continuation elsewhere, so nothing of the reader runs under that lock.
/// </summary>
internal sealed class TaskWaiter : IDisposable
{
    private readonly TaskTracker _tracker;
    private readonly Channel<MidjourneyTask> _updates = Channel.CreateUnbounded<MidjourneyTask>(new UnboundedChannelOptions { SingleReader = true });
    private MidjourneyTask? _lastPassedOn;
    private Exception? _error;

    public TaskWaiter(TaskTracker tracker, TrackedTask task, TimeSpan deadline)
    {
        _tracker = tracker;
        Task = task;
        Deadline = deadline;
    }

    public TrackedTask Task { get; }

    /// <summary>The wait's activity, if traced: the status checks that serve this wait link to it.</summary>
    public ActivityContext Trace { get; init; }

    /// <summary>Tracker time at which the wait gives up.</summary>
    public TimeSpan Deadline { get; }

    public bool IsEnded { get; private set; }

    /// <summary>The last snapshot seen, or null before the first check.</summary>
    public MidjourneyTask? LastSeen { get; private set; }

    /// <summary>Whether a snapshot ends a wait: final, or waiting for input that polling alone will never give it.</summary>
    public static bool Ends(MidjourneyTask task) => task.IsCompleted || task.Status == MidjourneyTaskStatus.NeedsInput;

    public void Offer(MidjourneyTask task)
    {
        if (IsEnded)
        {
            return;
        }

        LastSeen = task;
        if (_lastPassedOn is null || task.Status != _lastPassedOn.Status || task.Progress != _lastPassedOn.Progress)
        {
            _lastPassedOn = task;
            _updates.Writer.TryWrite(task);
        }

        if (Ends(task))
        {
            End(null);
        }
    }

    public void Fail(Exception error) => End(error);

    /// <summary>Yields each change, then ends or throws what ended the wait.</summary>
    public async IAsyncEnumerable<MidjourneyTask> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ChannelReader<MidjourneyTask> reader = _updates.Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out MidjourneyTask? task))
            {
                yield return task;
            }
        }

        if (_error is { } error)
        {
            ExceptionDispatchInfo.Throw(error);
        }
    }

    public void Dispose() => _tracker.Leave(this);

    private void End(Exception? error)
    {
        if (!IsEnded)
        {
            IsEnded = true;
            _error = error;
            _updates.Writer.TryComplete();
        }
    }
}
