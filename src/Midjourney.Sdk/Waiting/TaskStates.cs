namespace Midjourney.Sdk.Waiting;

/// <summary>
/// How far each recent task has got, so an update is applied once and never moves a task back: a callback delivered
/// twice, or a status answer older than a callback already seen, changes nothing. Keeps only the position (status and
/// progress), bounded: past <see cref="Capacity"/> the oldest is forgotten. Not thread-safe: the tracker's lock guards it.
/// </summary>
internal sealed class TaskStates(int capacity = TaskStates.DefaultCapacity)
{
    public const int DefaultCapacity = 8192;

    private readonly Dictionary<string, (int Stage, MidjourneyTaskStatus Status, int Progress)> _byId = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public int Capacity => capacity;

    /// <summary>Records <paramref name="task"/> when it is further along than anything seen of it; false for a repeat or an older state.</summary>
    public bool TryAdvance(MidjourneyTask task)
    {
        (int Stage, MidjourneyTaskStatus Status, int Progress) position = (Stage(task.Status), task.Status, task.Progress ?? -1);
        if (_byId.TryGetValue(task.Id, out (int Stage, MidjourneyTaskStatus Status, int Progress) known))
        {
            // A final state is never replaced. Otherwise news is a later stage; in the same stage, a change between running
            // and waiting for input (a dialog opened or answered), or more progress.
            bool news = known.Stage != FinalStage && (position.Stage > known.Stage
                || (position.Stage == known.Stage && (position.Status != known.Status || position.Progress > known.Progress)));
            if (news)
            {
                _byId[task.Id] = position;
            }

            return news;
        }

        _byId.Add(task.Id, position);
        _order.Enqueue(task.Id);
        while (_order.Count > capacity)
        {
            _byId.Remove(_order.Dequeue());
        }

        return true;
    }

    private const int FinalStage = 2;

    /// <summary>Queued, then running (or waiting for input, which a dialog's answer turns back into running), then final.</summary>
    private static int Stage(MidjourneyTaskStatus status) => status switch
    {
        MidjourneyTaskStatus.Pending => 0,
        MidjourneyTaskStatus.InProgress or MidjourneyTaskStatus.NeedsInput => 1,
        _ => FinalStage,
    };
}
