using System.Globalization;

namespace Midjourney.Sdk.Emulator;

/// <summary>
/// A failure to inject into upcoming API requests (never into image downloads), or, for <see cref="DropCallbacks"/>,
/// <see cref="DuplicateCallbacks"/> and <see cref="OutOfOrderCallbacks"/>, into upcoming callbacks. Queue it with
/// <see cref="MidjourneyEmulator.InjectFault"/>; queued faults hit matching requests (or callbacks) in the order they were queued.
/// </summary>
public sealed record EmulatorFault
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromDays(1);

    private EmulatorFault(EmulatorFaultKind kind, int? statusCode, TimeSpan? retryAfter, TimeSpan delay)
    {
        Kind = kind;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
        Delay = delay;
    }

    /// <summary>What the fault does.</summary>
    public EmulatorFaultKind Kind { get; }

    /// <summary>
    /// The HTTP status the fault answers with; <see langword="null"/> for <see cref="EmulatorFaultKind.Latency"/>, which serves the
    /// request normally, and for the callback faults.
    /// </summary>
    public int? StatusCode { get; }

    /// <summary>The <c>Retry-After</c> value sent (whole seconds, rounded up), or <see langword="null"/> when none is sent.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>How long a <see cref="EmulatorFaultKind.Latency"/> fault holds the request; zero for the other kinds.</summary>
    public TimeSpan Delay { get; }

    /// <summary>Hits only requests whose path contains this text (ignoring case); a callback fault, only callbacks whose URL path and query contain it.</summary>
    /// <value>The default is <see langword="null"/>: any API request.</value>
    public string? PathContains { get; init; }

    /// <summary>How many matching requests (or callbacks) the fault hits before it is used up.</summary>
    /// <value>The default is 1.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int Times
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            field = value;
        }
    } = 1;

    /// <summary>A 429 answer with <c>Retry-After</c> and a JSON error body.</summary>
    /// <param name="retryAfter">The wait to advertise; sent as whole seconds, rounded up.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="retryAfter"/> is negative.</exception>
    public static EmulatorFault RateLimit(TimeSpan retryAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retryAfter, TimeSpan.Zero);
        return new(EmulatorFaultKind.RateLimit, 429, retryAfter, TimeSpan.Zero);
    }

    /// <summary>A 5xx answer with a JSON error body.</summary>
    /// <param name="statusCode">The status, 500 to 599; the default is 500.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is not a 5xx status.</exception>
    public static EmulatorFault ServerError(int statusCode = 500)
    {
        ThrowIfOutside(statusCode, 500, 599);
        return new(EmulatorFaultKind.ServerError, statusCode, null, TimeSpan.Zero);
    }

    /// <summary>A 503 answer with a JSON error body.</summary>
    /// <param name="retryAfter">The wait to advertise in <c>Retry-After</c>; the default, <see langword="null"/>, sends no header.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="retryAfter"/> is negative.</exception>
    public static EmulatorFault ServiceUnavailable(TimeSpan? retryAfter = null)
    {
        if (retryAfter is { } value)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero, nameof(retryAfter));
        }

        return new(EmulatorFaultKind.ServiceUnavailable, 503, retryAfter, TimeSpan.Zero);
    }

    /// <summary>Holds the request for <paramref name="delay"/> on the emulator's <see cref="MidjourneyEmulatorOptions.TimeProvider"/>, then serves it normally.</summary>
    /// <param name="delay">The wait, from zero to one day.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative or longer than a day.</exception>
    public static EmulatorFault Latency(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(delay, MaxDelay);
        return new(EmulatorFaultKind.Latency, null, null, delay);
    }

    /// <summary>A 200 answer whose <c>application/json</c> body is cut off mid-value.</summary>
    public static EmulatorFault MalformedJson() => new(EmulatorFaultKind.MalformedJson, 200, null, TimeSpan.Zero);

    /// <summary>An HTML error page like a CDN or load balancer sends, with content type <c>text/html</c>.</summary>
    /// <param name="statusCode">The status, 400 to 599; the default is 502.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is not a 4xx or 5xx status.</exception>
    public static EmulatorFault HtmlErrorPage(int statusCode = 502)
    {
        ThrowIfOutside(statusCode, 400, 599);
        return new(EmulatorFaultKind.HtmlErrorPage, statusCode, null, TimeSpan.Zero);
    }

    /// <summary>
    /// The next <paramref name="times"/> callbacks are not sent at all, as when a provider loses them: no attempt, no retry, and
    /// the delivery log lists each one with <see cref="EmulatorCallbackDelivery.Dropped"/> set.
    /// </summary>
    /// <param name="times">How many callbacks to drop; the default is 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="times"/> is less than 1.</exception>
    public static EmulatorFault DropCallbacks(int times = 1) => Callbacks(EmulatorFaultKind.DropCallbacks, times);

    /// <summary>
    /// The next <paramref name="times"/> callbacks are each sent twice (the copy right after the original, each with the
    /// provider's retries), as providers warn they may be: a receiver must accept a repeat once.
    /// </summary>
    /// <param name="times">How many callbacks to duplicate; the default is 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="times"/> is less than 1.</exception>
    public static EmulatorFault DuplicateCallbacks(int times = 1) => Callbacks(EmulatorFaultKind.DuplicateCallbacks, times);

    /// <summary>
    /// The next <paramref name="times"/> callbacks are each held back and sent right after the same task's next callback, so the
    /// receiver sees a later state before an earlier one. Only a callback that has a later one hits it (an MJ-Proxy task's
    /// changes, GoAPI's with <c>notify_progress</c>); a task's last callback passes the fault on.
    /// </summary>
    /// <param name="times">How many callbacks to send out of order; the default is 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="times"/> is less than 1.</exception>
    public static EmulatorFault OutOfOrderCallbacks(int times = 1) => Callbacks(EmulatorFaultKind.OutOfOrderCallbacks, times);

    /// <summary>True for the kinds that hit callbacks rather than requests.</summary>
    internal bool HitsCallbacks => Kind is EmulatorFaultKind.DropCallbacks or EmulatorFaultKind.DuplicateCallbacks or EmulatorFaultKind.OutOfOrderCallbacks;

    private static EmulatorFault Callbacks(EmulatorFaultKind kind, int times)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        return new(kind, null, null, TimeSpan.Zero) { Times = times };
    }

    private static void ThrowIfOutside(int statusCode, int min, int max)
    {
        if (statusCode < min || statusCode > max)
        {
            throw new ArgumentOutOfRangeException(
                nameof(statusCode),
                statusCode,
                string.Create(CultureInfo.InvariantCulture, $"The status code must be between {min} and {max}."));
        }
    }
}
