using System.Diagnostics;
using Midjourney.Sdk.Http;

namespace Midjourney.Sdk.Telemetry;

/// <summary>
/// One client's traces and metrics: the activities of its operations, waits and status checks on the SDK's
/// <see cref="ActivitySource"/>, and its measurements on <see cref="MidjourneyMetrics"/>, all tagged with its provider and
/// server. Every method checks first that someone listens, so a client nobody observes allocates nothing for telemetry.
/// Tags hold names, ids, statuses and the relay's host and port: never the API key, a webhook secret or a URL's query.
/// </summary>
internal sealed class ClientTelemetry
{
    /// <summary>The SDK's activity source (static like HttpClient's: an activity source holds no state of a client).</summary>
    public static readonly ActivitySource Source = new(MidjourneyTelemetry.ActivitySourceName, MidjourneyMetrics.Version);

    public const string GetTaskActivity = "midjourney.get_task";
    public const string CancelTaskActivity = "midjourney.cancel_task";
    public const string GetBalanceActivity = "midjourney.get_balance";
    public const string GetSeedActivity = "midjourney.get_seed";
    public const string WaitActivity = "midjourney.wait";
    public const string WatchActivity = "midjourney.watch";
    public const string WaitEachActivity = "midjourney.wait_each";
    public const string StatusCheckActivity = "midjourney.status_check";
    public const string CallbackActivity = "midjourney.callback";

    private static readonly MidjourneyAction[] Actions = Enum.GetValues<MidjourneyAction>();
    private static readonly string[] SubmitNames = [.. Actions.Select(a => TelemetryTags.GenerateContent + " " + ActionName(a))];

    private static readonly object True = true;
    private static readonly object False = false;

    private readonly TimeProvider _clock;
    private object? _port;

    public ClientTelemetry(MidjourneyProvider provider, MidjourneyMetrics metrics, TimeProvider clock)
    {
        ProviderName = ProviderNameOf(provider);
        Metrics = metrics;
        _clock = clock;
    }

    public MidjourneyMetrics Metrics { get; }

    /// <summary>The <c>gen_ai.provider.name</c> value.</summary>
    public string ProviderName { get; }

    /// <summary>The relay's host name, once the provider has resolved its base URL.</summary>
    public string? ServerAddress { get; private set; }

    public int ServerPort { get; private set; }

    /// <summary>Where the provider sends (called while the client is built): only the host and port are kept.</summary>
    public void SetEndpoint(Uri baseUrl)
    {
        ServerAddress = baseUrl.IdnHost;
        ServerPort = baseUrl.Port;
        _port = baseUrl.Port;
    }

    public static string ProviderNameOf(MidjourneyProvider provider) => provider switch
    {
        MidjourneyProvider.GoApi => "goapi",
        MidjourneyProvider.MjProxy => "mj_proxy",
        MidjourneyProvider.Apixo => "apixo",
        MidjourneyProvider.MidApi => "midapi",
        _ => "unknown",
    };

    public static string ActionName(MidjourneyAction action) => action switch
    {
        MidjourneyAction.Imagine => "imagine",
        MidjourneyAction.Upscale => "upscale",
        MidjourneyAction.Variation => "variation",
        MidjourneyAction.Reroll => "reroll",
        MidjourneyAction.Inpaint => "inpaint",
        MidjourneyAction.Outpaint => "outpaint",
        MidjourneyAction.Pan => "pan",
        MidjourneyAction.Describe => "describe",
        MidjourneyAction.Blend => "blend",
        MidjourneyAction.Shorten => "shorten",
        MidjourneyAction.Video => "video",
        _ => "other",
    };

    public static string StatusName(MidjourneyTaskStatus status) => status switch
    {
        MidjourneyTaskStatus.Pending => "pending",
        MidjourneyTaskStatus.InProgress => "in_progress",
        MidjourneyTaskStatus.NeedsInput => "needs_input",
        MidjourneyTaskStatus.Succeeded => "succeeded",
        MidjourneyTaskStatus.Failed => "failed",
        MidjourneyTaskStatus.Canceled => "canceled",
        _ => "unknown",
    };

    /// <summary>The <c>gen_ai.output.type</c> of an action: <c>video</c>, <c>text</c> (describe, shorten: prompts) or <c>image</c>.</summary>
    public static string OutputTypeOf(MidjourneyAction action) => action switch
    {
        MidjourneyAction.Video => "video",
        MidjourneyAction.Describe or MidjourneyAction.Shorten => "text",
        _ => "image",
    };

    /// <summary>The <c>error.type</c> of a failure: the exception's full type name.</summary>
    public static string ErrorTypeOf(Exception exception) => exception.GetType().FullName ?? exception.GetType().Name;

    /// <summary>Whether a submit needs timing: someone listens to its activity or its duration.</summary>
    public bool Observed => Source.HasListeners() || Metrics.OperationDuration.Enabled || Metrics.TasksSubmitted.Enabled;

    public long Timestamp() => _clock.GetTimestamp();

    /// <summary>
    /// Starts a submit's activity (<c>generate_content {action}</c>, a client span), the current one until the caller
    /// restores its own.
    /// </summary>
    public Activity? StartSubmit(MidjourneyAction action, string? parentTaskId)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        Activity? activity = Source.StartActivity(SubmitNames[Array.IndexOf(Actions, action) is int i and >= 0 ? i : ^1], ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(TelemetryTags.OperationName, TelemetryTags.GenerateContent);
            SetCommonTags(activity);
            activity.SetTag(TelemetryTags.OutputType, OutputTypeOf(action));
            activity.SetTag(TelemetryTags.Action, ActionName(action));
            if (parentTaskId is not null)
            {
                activity.SetTag(TelemetryTags.ParentTaskId, parentTaskId);
            }
        }

        return activity;
    }

    /// <summary>A submit the provider accepted: the task on its activity, and counted.</summary>
    public void Submitted(Activity? activity, MidjourneyAction action, MidjourneyTask task, long started)
    {
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(TelemetryTags.TaskId, task.Id);
            activity.SetTag(TelemetryTags.Status, StatusName(task.Status));
        }

        if (Metrics.TasksSubmitted.Enabled)
        {
            TagList tags = CommonTags();
            tags.Add(TelemetryTags.Action, ActionName(action));
            Metrics.TasksSubmitted.Add(1, tags);
        }

        RecordOperation(action, started, error: null);
    }

    /// <summary>A submit that failed: <c>error.type</c> on its activity and its duration.</summary>
    public void SubmitFailed(Activity? activity, MidjourneyAction action, Exception exception, long started)
    {
        Failed(activity, exception);
        RecordOperation(action, started, exception);
    }

    /// <summary>Starts the activity of a call that is not a submit (get task, cancel, balance): a client span.</summary>
    public Activity? StartCall(string name, string? taskId)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        Activity? activity = Source.StartActivity(name, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            SetCommonTags(activity);
            if (taskId is not null)
            {
                activity.SetTag(TelemetryTags.TaskId, taskId);
            }
        }

        return activity;
    }

    /// <summary>
    /// Starts a wait's activity, a child of the caller's, without making it current: nothing runs inside a wait (its
    /// status checks run in the background, see <see cref="StartStatusCheck"/>), and a sync caller's context stays its own.
    /// </summary>
    public Activity? StartWait(string name, string? taskId)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        Activity? previous = Activity.Current;
        Activity? activity = Source.StartActivity(name, ActivityKind.Internal);
        if (activity is null)
        {
            return null;
        }

        Activity.Current = previous;
        if (activity.IsAllDataRequested)
        {
            SetCommonTags(activity);
            if (taskId is not null)
            {
                activity.SetTag(TelemetryTags.TaskId, taskId);
            }
        }

        return activity;
    }

    /// <summary>
    /// A state a wait saw: an event on its activity (status and progress), and the action once known. A wait on several
    /// tasks (<paramref name="several"/>) names the task in each event instead.
    /// </summary>
    public static void StatusSeen(Activity? activity, MidjourneyTask task, bool several = false)
    {
        if (activity is not { IsAllDataRequested: true })
        {
            return;
        }

        var tags = new ActivityTagsCollection { { TelemetryTags.Status, StatusName(task.Status) } };
        if (several)
        {
            tags.Add(TelemetryTags.TaskId, task.Id);
            tags.Add(TelemetryTags.Action, ActionName(task.Action));
        }
        else if (activity.GetTagItem(TelemetryTags.Action) is null)
        {
            activity.SetTag(TelemetryTags.Action, ActionName(task.Action));
        }

        if (task.Progress is int progress)
        {
            tags.Add(TelemetryTags.Progress, progress);
        }

        activity.AddEvent(new ActivityEvent(TelemetryTags.StatusEvent, tags: tags));
    }

    /// <summary>Ends a wait's activity: its outcome (the final status, or <c>timeout</c>, <c>canceled</c>, <c>error</c>), and stops it.</summary>
    public static void WaitEnded(Activity? activity, MidjourneyTask? last, Exception? exception, string? outcome = null)
    {
        if (activity is null)
        {
            return;
        }

        if (activity.IsAllDataRequested)
        {
            outcome ??= exception switch
            {
                null or MidjourneyTaskFailedException => last is null ? "unknown" : StatusName(last.Status),
                MidjourneyWaitTimeoutException => "timeout",
                OperationCanceledException => "canceled",
                _ when last is { Status: MidjourneyTaskStatus.NeedsInput } => StatusName(last.Status),
                _ => "error",
            };
            activity.SetTag(TelemetryTags.WaitOutcome, outcome);
            if (last is not null)
            {
                activity.SetTag(TelemetryTags.Status, StatusName(last.Status));
            }
        }

        if (exception is not null)
        {
            Failed(activity, exception);
        }

        activity.Dispose();
    }

    /// <summary>
    /// Starts a status check's activity: a root (never a child of whichever caller's context the timer ran in), linked
    /// to the waits it serves. Call it from an async method, which confines its change of <see cref="Activity.Current"/>.
    /// </summary>
    public Activity? StartStatusCheck(bool batch, int taskCount, IEnumerable<ActivityLink>? links)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        if (Activity.Current is not null)
        {
            Activity.Current = null;
        }

        Activity? activity = Source.StartActivity(StatusCheckActivity, ActivityKind.Internal, parentContext: default, tags: null, links: links);
        if (activity is { IsAllDataRequested: true })
        {
            SetCommonTags(activity);
            activity.SetTag(TelemetryTags.Batch, batch ? True : False);
            activity.SetTag(TelemetryTags.TaskCount, taskCount);
        }

        return activity;
    }

    /// <summary>A status request the tracker sent, counted with whether it was a batch and how it failed, if it did.</summary>
    public void StatusRequested(bool batch, Exception? error)
    {
        if (!Metrics.StatusRequests.Enabled)
        {
            return;
        }

        TagList tags = CommonTags();
        tags.Add(TelemetryTags.Batch, batch ? True : False);
        if (error is not null)
        {
            tags.Add(TelemetryTags.ErrorType, ErrorTypeOf(error));
        }

        Metrics.StatusRequests.Add(1, tags);
    }

    /// <summary>A call resent by the retry pipeline.</summary>
    public void Retried(ApiCallKind kind, Exception? reason)
    {
        if (!Metrics.Retries.Enabled)
        {
            return;
        }

        TagList tags = CommonTags();
        tags.Add(TelemetryTags.CallKind, kind == ApiCallKind.Submit ? "submit" : "read");
        if (reason is not null)
        {
            tags.Add(TelemetryTags.ErrorType, ErrorTypeOf(reason));
        }

        Metrics.Retries.Add(1, tags);
    }

    /// <summary>A task seen in a final state for the first time, with how long it took.</summary>
    public void TaskEnded(MidjourneyTask task, double seconds)
    {
        if (!Metrics.TaskDuration.Enabled)
        {
            return;
        }

        TagList tags = CommonTags();
        tags.Add(TelemetryTags.Action, ActionName(task.Action));
        tags.Add(TelemetryTags.Status, StatusName(task.Status));
        Metrics.TaskDuration.Record(seconds, tags);
    }

    /// <summary>A callback handed to the client: <c>accepted</c>, <c>repeat</c> or <c>refused</c> (with why).</summary>
    public void CallbackReceived(Activity? activity, string outcome, MidjourneyWebhookRefusal? refusal)
    {
        string? why = refusal switch
        {
            MidjourneyWebhookRefusal.NotAuthentic => "not_authentic",
            MidjourneyWebhookRefusal.TooLarge => "too_large",
            MidjourneyWebhookRefusal.Unreadable => "unreadable",
            null => null,
            _ => "other",
        };
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(TelemetryTags.CallbackOutcome, outcome);
            if (why is not null)
            {
                activity.SetTag(TelemetryTags.CallbackRefusal, why);
            }
        }

        if (!Metrics.CallbacksReceived.Enabled)
        {
            return;
        }

        TagList tags = CommonTags();
        tags.Add(TelemetryTags.CallbackOutcome, outcome);
        if (why is not null)
        {
            tags.Add(TelemetryTags.CallbackRefusal, why);
        }

        Metrics.CallbacksReceived.Add(1, tags);
    }

    /// <summary>Starts the activity of a callback being handled (a server span: the provider calls the app).</summary>
    public Activity? StartCallback()
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        Activity? activity = Source.StartActivity(CallbackActivity, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            SetCommonTags(activity);
        }

        return activity;
    }

    /// <summary>The task an activity ended with: its id and status.</summary>
    public static void TaskSeen(Activity? activity, MidjourneyTask task)
    {
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(TelemetryTags.TaskId, task.Id);
            activity.SetTag(TelemetryTags.Status, StatusName(task.Status));
            if (activity.GetTagItem(TelemetryTags.Action) is null)
            {
                activity.SetTag(TelemetryTags.Action, ActionName(task.Action));
            }
        }
    }

    /// <summary>Marks an activity failed: <c>error.type</c> and the error status (the message is left out: it may quote an answer).</summary>
    public static void Failed(Activity? activity, Exception exception)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error);
        if (activity.IsAllDataRequested)
        {
            activity.SetTag(TelemetryTags.ErrorType, ErrorTypeOf(exception));
        }
    }

    private void RecordOperation(MidjourneyAction action, long started, Exception? error)
    {
        if (!Metrics.OperationDuration.Enabled)
        {
            return;
        }

        TagList tags = CommonTags();
        tags.Add(TelemetryTags.OperationName, TelemetryTags.GenerateContent);
        tags.Add(TelemetryTags.Action, ActionName(action));
        if (error is not null)
        {
            tags.Add(TelemetryTags.ErrorType, ErrorTypeOf(error));
        }

        Metrics.OperationDuration.Record(_clock.GetElapsedTime(started).TotalSeconds, tags);
    }

    private TagList CommonTags()
    {
        var tags = new TagList { { TelemetryTags.ProviderName, ProviderName } };
        if (ServerAddress is not null)
        {
            tags.Add(TelemetryTags.ServerAddress, ServerAddress);
            tags.Add(TelemetryTags.ServerPort, _port);
        }

        return tags;
    }

    private void SetCommonTags(Activity activity)
    {
        activity.SetTag(TelemetryTags.ProviderName, ProviderName);
        if (ServerAddress is not null)
        {
            activity.SetTag(TelemetryTags.ServerAddress, ServerAddress);
            activity.SetTag(TelemetryTags.ServerPort, _port);
        }
    }
}
