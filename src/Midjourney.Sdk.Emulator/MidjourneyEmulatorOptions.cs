namespace Midjourney.Sdk.Emulator;

/// <summary>Settings for a <see cref="MidjourneyEmulator"/>; read once by <see cref="MidjourneyEmulator.StartAsync"/>.</summary>
public sealed class MidjourneyEmulatorOptions
{
    /// <summary>The TCP port to listen on (on 127.0.0.1 only).</summary>
    /// <value>The default is 0: any free port, read back through <see cref="MidjourneyEmulator.BaseUrl"/>.</value>
    public int Port { get; set; }

    /// <summary>The only API key the emulator accepts.</summary>
    /// <value>The default is <c>emulator-key</c>.</value>
    public string ApiKey { get; set; } = "emulator-key";

    /// <summary>
    /// How long a task takes from submit to its final status, or the median of that when <see cref="TaskDurationSpread"/>
    /// is positive. Like on a real relay, a task first waits in the queue for 5% to 45% of its duration (a different share
    /// for each task), then reports Midjourney's progress steps (0, 15, 31, 46, 62, 78, 93) until it ends.
    /// </summary>
    /// <value>The default is 3 seconds. <see cref="TimeSpan.Zero"/> finishes tasks at once.</value>
    public TimeSpan TaskDuration { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How much task durations vary, as the sigma of a lognormal distribution whose median is <see cref="TaskDuration"/>:
    /// real jobs range from quick to many times the usual, and a polling schedule should be measured against that.
    /// Each task's duration is drawn from its id when it is submitted and clipped to between a sixth of
    /// <see cref="TaskDuration"/> and ten times it.
    /// </summary>
    /// <value>The default is 0: every task takes exactly <see cref="TaskDuration"/>. Allowed: 0 to 3; 0.7 is a realistic spread.</value>
    public double TaskDurationSpread { get; set; }

    /// <summary>The clock that drives task lifecycles and injected latency; tests pass a fake clock.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// The key midapi callbacks are signed with, as kie.ai signs them: each carries <c>X-Webhook-Timestamp</c> (unix seconds,
    /// from <see cref="TimeProvider"/>) and <c>X-Webhook-Signature</c>, the base64 HMAC-SHA256 under this key (UTF-8) of
    /// <c>taskId + "." + timestamp</c>. The other protocols have no signature and ignore it.
    /// </summary>
    /// <value>The default is <see langword="null"/>: callbacks are not signed. Must not be empty or blank when set.</value>
    public string? WebhookSigningKey { get; set; }

    /// <summary>
    /// Multiplies every callback retry delay (GoAPI 5, 10, 20, 40 s; APIXO 10, 30, 90 s; midapi 1, 5, 15 min) and the
    /// time a receiver gets to answer (15 s, APIXO 30 s; never under 1 s), so tests can see retries without waiting minutes:
    /// 0.001 turns midapi's 15 minutes into 0.9 s. Delays run on <see cref="TimeProvider"/>.
    /// </summary>
    /// <value>The default is 1: the providers' own delays. Allowed: 0 (retry at once) to 100.</value>
    public double CallbackRetryDelayScale { get; set; } = 1;

    internal MidjourneyEmulatorOptions Clone() => new()
    {
        Port = Port,
        ApiKey = ApiKey,
        TaskDuration = TaskDuration,
        TaskDurationSpread = TaskDurationSpread,
        TimeProvider = TimeProvider,
        WebhookSigningKey = WebhookSigningKey,
        CallbackRetryDelayScale = CallbackRetryDelayScale,
    };

    internal void Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "Port must be between 0 and 65535.");
        }

        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            throw new ArgumentException("ApiKey must not be empty.", nameof(ApiKey));
        }

        if (TaskDuration < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(TaskDuration), TaskDuration, "TaskDuration must not be negative.");
        }

        if (!double.IsFinite(TaskDurationSpread) || TaskDurationSpread is < 0 or > 3)
        {
            throw new ArgumentOutOfRangeException(nameof(TaskDurationSpread), TaskDurationSpread, "TaskDurationSpread must be a number from 0 to 3.");
        }

        if (TimeProvider is null)
        {
            throw new ArgumentException("TimeProvider must not be null.", nameof(TimeProvider));
        }

        if (WebhookSigningKey is not null && string.IsNullOrWhiteSpace(WebhookSigningKey))
        {
            throw new ArgumentException("WebhookSigningKey must not be empty; leave it null to send unsigned callbacks.", nameof(WebhookSigningKey));
        }

        if (!double.IsFinite(CallbackRetryDelayScale) || CallbackRetryDelayScale is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(CallbackRetryDelayScale), CallbackRetryDelayScale, "CallbackRetryDelayScale must be a number from 0 to 100.");
        }
    }
}
