using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Midjourney.Sdk.Http;

namespace Midjourney.Sdk.Waiting;

/// <summary>
/// The app's <see cref="IMidjourneyTaskHandler"/>s of one client, and the queue that runs them: one update at a time, in
/// arrival order, on the thread pool (never under the tracker's lock). Bounded: past <see cref="Capacity"/> queued updates
/// the oldest is dropped and a warning logged, so a stuck handler cannot grow memory without end.
/// </summary>
internal sealed class TaskHandlers : IDisposable
{
    public const int Capacity = 100_000;

    private readonly Channel<MidjourneyTask> _queue;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private IMidjourneyTaskHandler[] _handlers = [];
    private Task? _runner;

    public TaskHandlers(ILogger logger)
    {
        _logger = logger;
        _queue = Channel.CreateBounded<MidjourneyTask>(
            new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest },
            dropped => Log.TaskUpdateDropped(_logger, dropped.Id));
    }

    public bool Any => Volatile.Read(ref _handlers).Length > 0;

    public IDisposable Add(IMidjourneyTaskHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
            _handlers = [.. _handlers, handler];
            _runner ??= Task.Run(RunAsync);
        }

        return new Registration(this, handler);
    }

    /// <summary>Queues an update for the handlers (nothing when there are none).</summary>
    public void Post(MidjourneyTask task)
    {
        if (Any)
        {
            _queue.Writer.TryWrite(task);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stopping.Cancel();
            _queue.Writer.TryComplete();
        }
    }

    private void Remove(IMidjourneyTaskHandler handler)
    {
        lock (_gate)
        {
            _handlers = [.. _handlers.Where(h => !ReferenceEquals(h, handler))];
        }
    }

    private async Task RunAsync()
    {
        CancellationToken stopping = _stopping.Token;
        try
        {
            await foreach (MidjourneyTask task in _queue.Reader.ReadAllAsync(stopping).ConfigureAwait(false))
            {
                foreach (IMidjourneyTaskHandler handler in Volatile.Read(ref _handlers))
                {
                    try
                    {
                        await handler.HandleAsync(task, stopping).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (!stopping.IsCancellationRequested)
                    {
                        // A handler's failure is the app's to see in its logs; the next update still runs.
                        Log.TaskHandlerFailed(_logger, ex, task.Id, handler.GetType().Name);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Disposed: queued updates are dropped.
        }
    }

    private sealed class Registration(TaskHandlers owner, IMidjourneyTaskHandler handler) : IDisposable
    {
        public void Dispose() => owner.Remove(handler);
    }
}
