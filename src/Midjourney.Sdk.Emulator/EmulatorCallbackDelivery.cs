namespace Midjourney.Sdk.Emulator;

/// <summary>
/// One attempt to deliver a callback (webhook), or a delivery an injected fault dropped: what
/// <see cref="MidjourneyEmulator.CallbackDeliveries"/> and <c>GET /_emulator/callbacks</c> list, in the order they happened.
/// Secrets are never recorded: <see cref="Headers"/> names the headers sent without their values, and a GoAPI
/// <c>webhook_secret</c> echoed in <see cref="Body"/> reads <c>***</c>.
/// </summary>
public sealed record EmulatorCallbackDelivery
{
    internal EmulatorCallbackDelivery(
        string taskId,
        string url,
        string provider,
        string status,
        int progress,
        int attempt,
        DateTimeOffset at,
        string body,
        IReadOnlyList<string> headers,
        int? statusCode,
        string? error,
        bool dropped = false,
        bool duplicate = false)
    {
        TaskId = taskId;
        Url = url;
        Provider = provider;
        Status = status;
        Progress = progress;
        Attempt = attempt;
        At = at;
        Body = body;
        Headers = headers;
        StatusCode = statusCode;
        Error = error;
        Dropped = dropped;
        Duplicate = duplicate;
    }

    /// <summary>The task the callback reports on.</summary>
    public string TaskId { get; }

    /// <summary>The URL called, query included (the submit's URL in its normal form).</summary>
    public string Url { get; }

    /// <summary>The protocol whose rules the callback follows, by the SDK's provider name: <c>GoApi</c>, <c>MjProxy</c>, <c>Apixo</c> or <c>MidApi</c>.</summary>
    public string Provider { get; }

    /// <summary>
    /// The change that triggered the callback: the task's status as the SDK names it, <c>Pending</c>, <c>InProgress</c>,
    /// <c>Succeeded</c> or <c>Failed</c> (a midapi task with <c>successFlag</c> 3 is <c>Failed</c>).
    /// </summary>
    public string Status { get; }

    /// <summary>The task's progress, 0 to 100, that the callback reports.</summary>
    public int Progress { get; }

    /// <summary>1 for the first attempt, then 2, 3, ... for the provider's retries.</summary>
    public int Attempt { get; }

    /// <summary>The HTTP status the receiver answered, or <see langword="null"/> when there was no answer (a network error, a timeout, a drop).</summary>
    public int? StatusCode { get; }

    /// <summary>What went wrong (a network error, a timeout, a status the provider does not accept, a drop), or <see langword="null"/> when the receiver accepted it.</summary>
    public string? Error { get; }

    /// <summary>When the attempt was made, on the emulator's <see cref="MidjourneyEmulatorOptions.TimeProvider"/>.</summary>
    public DateTimeOffset At { get; }

    /// <summary>The JSON body POSTed (with a GoAPI <c>webhook_secret</c> masked as <c>***</c>).</summary>
    public string Body { get; }

    /// <summary>The names, without values, of the headers sent beyond <c>Content-Type</c>, such as <c>x-webhook-secret</c> or <c>X-Webhook-Signature</c>.</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>True when an <see cref="EmulatorFault.DropCallbacks"/> fault kept the callback from being sent at all.</summary>
    public bool Dropped { get; }

    /// <summary>True for the second copy an <see cref="EmulatorFault.DuplicateCallbacks"/> fault sent.</summary>
    public bool Duplicate { get; }
}
