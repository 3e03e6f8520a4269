using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Midjourney.Sdk.Emulator.Faults;

namespace Midjourney.Sdk.Emulator.Callbacks;

/// <summary>
/// POSTs callbacks the way each provider does (<see cref="CallbackPolicy"/>): one task's in order, each retried on the
/// provider's schedule (scaled by <see cref="MidjourneyEmulatorOptions.CallbackRetryDelayScale"/>, waited on the options'
/// clock), with GoAPI's secret header or kie.ai's signature, and every attempt logged. Callback faults are applied as
/// callbacks are queued. Thread-safe.
/// </summary>
internal sealed class CallbackSender : IDisposable
{
    private const string SecretHeader = "x-webhook-secret";
    private const string TimestampHeader = "X-Webhook-Timestamp";
    private const string SignatureHeader = "X-Webhook-Signature";

    private static readonly TimeSpan MinAttemptTimeout = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time;
    private readonly FaultQueue _faults;
    private readonly CallbackLog _log;
    private readonly byte[]? _signingKey;
    private readonly double _delayScale;
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stopping = new();

    public CallbackSender(TimeProvider time, FaultQueue faults, CallbackLog log, string? signingKey, double delayScale)
    {
        _time = time;
        _faults = faults;
        _log = log;
        _signingKey = signingKey is null ? null : Encoding.UTF8.GetBytes(signingKey);
        _delayScale = delayScale;

        // Attempt timeouts come from each provider's policy; a redirect is an answer, as the providers do not follow them.
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>
    /// Queues a callback on its task's lane, after applying the oldest matching callback fault: a drop, a duplicate, or a hold
    /// until the next one (only when <paramref name="hasLater"/> says the task will call back again).
    /// </summary>
    public void Enqueue(CallbackLane lane, CallbackMessage message, bool hasLater)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        lock (lane.Gate)
        {
            var fault = _faults.TakeForCallback(message.Target.Url.PathAndQuery, canHoldBack: hasLater && lane.HeldBack is null);
            switch (fault?.Kind)
            {
                case EmulatorFaultKind.DropCallbacks:
                    Add(lane, message with { Drop = true });
                    break;
                case EmulatorFaultKind.DuplicateCallbacks:
                    Add(lane, message);
                    Add(lane, message with { Duplicate = true });
                    break;
                case EmulatorFaultKind.OutOfOrderCallbacks:
                    _log.Begin();
                    lane.HeldBack = message;
                    return;
                default:
                    Add(lane, message);
                    break;
            }

            if (lane.HeldBack is { } held)
            {
                lane.HeldBack = null;
                lane.Waiting.Enqueue(held);
            }

            if (!lane.Sending)
            {
                lane.Sending = true;
                _ = Task.Run(() => DrainAsync(lane));
            }
        }
    }

    /// <summary>Stops sending: waiting retries and requests in flight are abandoned. Safe to call twice.</summary>
    public void Dispose()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        _stopping.Cancel();
        _http.Dispose();
    }

    private void Add(CallbackLane lane, CallbackMessage message)
    {
        _log.Begin();
        lane.Waiting.Enqueue(message);
    }

    private async Task DrainAsync(CallbackLane lane)
    {
        while (true)
        {
            CallbackMessage? next;
            lock (lane.Gate)
            {
                if (!lane.Waiting.TryDequeue(out next))
                {
                    lane.Sending = false;
                    return;
                }
            }

            await DeliverAsync(next).ConfigureAwait(false);
        }
    }

    /// <summary>Sends one callback with its provider's retries; returns early, logging nothing more, when the emulator stops.</summary>
    private async Task DeliverAsync(CallbackMessage message)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        if (message.Drop)
        {
            _log.Add(Entry(message, 1, _time.GetUtcNow(), [], null, "dropped by an injected DropCallbacks fault: never sent"), last: true);
            return;
        }

        var policy = CallbackPolicy.For(message.Target.Protocol);
        for (var attempt = 1; ; attempt++)
        {
            var at = _time.GetUtcNow();
            var (statusCode, error, headers) = await SendAsync(message, policy, at).ConfigureAwait(false);
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            var retry = !policy.Accepts(statusCode) && attempt <= policy.RetryDelays.Count;

            // The retry's timer starts before the attempt is logged, so a test that sees this attempt in the log and then
            // advances a fake clock always moves the retry on.
            var wait = retry ? Task.Delay(Scale(policy.RetryDelays[attempt - 1]), _time, _stopping.Token) : null;
            _log.Add(Entry(message, attempt, at, headers, statusCode, error), last: wait is null);
            if (wait is null)
            {
                return;
            }

            try
            {
                await wait.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<(int? StatusCode, string? Error, IReadOnlyList<string> Headers)> SendAsync(CallbackMessage message, CallbackPolicy policy, DateTimeOffset at)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, message.Target.Url)
        {
            Content = new StringContent(message.Body, Encoding.UTF8, "application/json"),
        };
        var headers = AddHeaders(request, message, at);
        var timeout = Scale(policy.AttemptTimeout);
        if (timeout < MinAttemptTimeout)
        {
            timeout = MinAttemptTimeout;
        }

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        cancel.CancelAfter(timeout);
        try
        {
            using var response = await _http.SendAsync(request, cancel.Token).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            return (code, policy.Accepts(code) ? null : string.Create(CultureInfo.InvariantCulture, $"the receiver answered HTTP {code}"), headers);
        }
        catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
        {
            return (null, string.Create(CultureInfo.InvariantCulture, $"no answer within {timeout.TotalSeconds:0.###} s"), headers);
        }
        catch (Exception e)
        {
            // A refused connection, a reset, an unknown host, a header the transport refuses: an attempt with no answer.
            // Or the emulator stopping, which the caller checks. Nothing may escape: the task's lane would stop for good.
            return (null, e.Message, headers);
        }
    }

    /// <summary>GoAPI's echoed secret; kie.ai's signature of the task id and the time when a signing key is set. Returns the names.</summary>
    private List<string> AddHeaders(HttpRequestMessage request, CallbackMessage message, DateTimeOffset at)
    {
        List<string> names = [];
        if (message.Target.Protocol == CallbackProtocol.GoApi && message.Target.Secret is { } secret)
        {
            request.Headers.TryAddWithoutValidation(SecretHeader, secret);
            names.Add(SecretHeader);
        }

        if (message.Target.Protocol == CallbackProtocol.MidApi && _signingKey is { } key)
        {
            var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            var signature = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(message.TaskId + "." + timestamp));
            request.Headers.TryAddWithoutValidation(TimestampHeader, timestamp);
            request.Headers.TryAddWithoutValidation(SignatureHeader, Convert.ToBase64String(signature));
            names.Add(TimestampHeader);
            names.Add(SignatureHeader);
        }

        return names;
    }

    private TimeSpan Scale(TimeSpan delay) => TimeSpan.FromTicks((long)Math.Round(delay.Ticks * _delayScale));

    private static EmulatorCallbackDelivery Entry(
        CallbackMessage message, int attempt, DateTimeOffset at, IReadOnlyList<string> headers, int? statusCode, string? error)
        => new(
            message.TaskId,
            message.Target.Url.AbsoluteUri,
            message.Target.Protocol.ToString(),
            message.Change.Status,
            message.Change.State.Progress,
            attempt,
            at,
            message.LoggedBody,
            headers,
            statusCode,
            error,
            dropped: message.Drop,
            duplicate: message.Duplicate);
}
