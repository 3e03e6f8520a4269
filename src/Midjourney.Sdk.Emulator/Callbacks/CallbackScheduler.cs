using Midjourney.Sdk.Emulator.Faults;
using Midjourney.Sdk.Emulator.Tasks;

namespace Midjourney.Sdk.Emulator.Callbacks;

/// <summary>
/// Calls back the tasks that asked for it, at their known transition times (<see cref="CallbackTriggers"/>): one timer per
/// task on the options' <see cref="TimeProvider"/>, set for its next change, so a fake clock fires them as it is advanced and
/// the real clock in real time. The callbacks due at a firing are queued in order, each with the state of its own moment,
/// so a clock that jumps past several changes still reports every one. Owns the sender and the delivery log. Thread-safe.
/// </summary>
internal sealed class CallbackScheduler : IDisposable
{
    /// <summary>System timers take due times up to about 49 days; a longer wait is covered by re-arming.</summary>
    private static readonly TimeSpan MaxTimerDue = TimeSpan.FromDays(1);

    private readonly TimeProvider _time;
    private readonly CallbackSender _sender;
    private readonly Lock _gate = new();
    private readonly HashSet<Plan> _plans = [];
    private bool _stopped;
    private Uri? _baseUrl;

    public CallbackScheduler(MidjourneyEmulatorOptions options, FaultQueue faults)
    {
        _time = options.TimeProvider;
        _sender = new CallbackSender(options.TimeProvider, faults, Log, options.WebhookSigningKey, options.CallbackRetryDelayScale);
    }

    public CallbackLog Log { get; } = new();

    /// <summary>
    /// Reads where the image links in callback bodies point: the emulator's own address, known once Kestrel has bound its port
    /// (before the first request can arrive), so it is read on first use.
    /// </summary>
    public Func<Uri> BaseUrlSource { get; set; } = () => new Uri("http://127.0.0.1/");

    private Uri BaseUrl => _baseUrl ??= BaseUrlSource();

    /// <summary>Plans a new task's callbacks; a task without a callback is ignored. Callbacks due at once are queued before this returns.</summary>
    public void Schedule(EmulatedTask task)
    {
        if (task.Callback is not { } target)
        {
            return;
        }

        var plan = new Plan(this, task, target, CallbackTriggers.ChangesOf(task, target));
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _plans.Add(plan);
        }

        plan.Run();
    }

    /// <summary>Stops every timer and the sender; the log stays readable. Safe to call twice.</summary>
    public void Dispose()
    {
        List<Plan> plans;
        lock (_gate)
        {
            _stopped = true;
            plans = [.. _plans];
            _plans.Clear();
        }

        plans.ForEach(plan => plan.Stop());
        _sender.Dispose();
        Log.Close();
    }

    private void Forget(Plan plan)
    {
        lock (_gate)
        {
            _plans.Remove(plan);
        }
    }

    /// <summary>One task's callbacks: which is next, and the timer set for it.</summary>
    private sealed class Plan(CallbackScheduler owner, EmulatedTask task, CallbackTarget target, IReadOnlyList<CallbackChange> changes)
    {
        private readonly Lock _gate = new();
        private readonly CallbackLane _lane = new();
        private ITimer? _timer;
        private int _next;
        private bool _done;

        /// <summary>Queues every change that has come due, then sets the timer for the next one (or forgets the plan).</summary>
        public void Run()
        {
            lock (_gate)
            {
                if (_done)
                {
                    return;
                }

                var now = owner._time.GetUtcNow();
                for (; _next < changes.Count && changes[_next].At <= now; _next++)
                {
                    var change = changes[_next];
                    var body = CallbackBodies.Write(task, target, change, owner.BaseUrl);
                    var message = new CallbackMessage(task.Id, target, change, body, CallbackBodies.ForLog(body, target.Secret));
                    owner._sender.Enqueue(_lane, message, hasLater: _next < changes.Count - 1);
                }

                if (_next < changes.Count)
                {
                    var due = changes[_next].At - now;
                    due = due > MaxTimerDue ? MaxTimerDue : due;
                    if (_timer is null)
                    {
                        _timer = owner._time.CreateTimer(static state => ((Plan)state!).Run(), this, due, Timeout.InfiniteTimeSpan);
                    }
                    else
                    {
                        _timer.Change(due, Timeout.InfiniteTimeSpan);
                    }

                    return;
                }

                _done = true;
                _timer?.Dispose();
            }

            // Outside this plan's lock: the owner's lock is taken before a plan's in Dispose, never after.
            owner.Forget(this);
        }

        public void Stop()
        {
            lock (_gate)
            {
                _done = true;
                _timer?.Dispose();
            }
        }
    }
}
