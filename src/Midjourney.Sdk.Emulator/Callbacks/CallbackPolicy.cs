namespace Midjourney.Sdk.Emulator.Callbacks;

/// <summary>How one provider delivers its callbacks: which answers count as received, how long it waits for one, and its retries.</summary>
/// <param name="RetryDelays">The waits before each retry, in order; empty when the provider never retries.</param>
/// <param name="AttemptTimeout">How long an attempt waits for the receiver's answer.</param>
/// <param name="AcceptsAny2xx">True when any 2xx answer counts as received; otherwise only HTTP 200 does.</param>
internal sealed record CallbackPolicy(IReadOnlyList<TimeSpan> RetryDelays, TimeSpan AttemptTimeout, bool AcceptsAny2xx)
{
    /// <summary>GoAPI retries any answer but HTTP 200: five attempts in all, the waits doubling from 5 s.</summary>
    public static readonly CallbackPolicy GoApi = new(
        [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(40)], TimeSpan.FromSeconds(15), false);

    /// <summary>MJ-Proxy servers POST once and only log a failure.</summary>
    public static readonly CallbackPolicy MjProxy = new([], TimeSpan.FromSeconds(15), true);

    /// <summary>APIXO wants HTTP 200 within 30 s, else retries up to 3 times with growing waits.</summary>
    public static readonly CallbackPolicy Apixo = new(
        [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(90)], TimeSpan.FromSeconds(30), false);

    /// <summary>midapi (kie.ai) waits 15 s for an answer and retries 3 times, after 1, 5 and 15 minutes.</summary>
    public static readonly CallbackPolicy MidApi = new(
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15)], TimeSpan.FromSeconds(15), false);

    public static CallbackPolicy For(CallbackProtocol protocol) => protocol switch
    {
        CallbackProtocol.GoApi => GoApi,
        CallbackProtocol.MjProxy => MjProxy,
        CallbackProtocol.Apixo => Apixo,
        _ => MidApi,
    };

    /// <summary>True when the receiver's answer (<see langword="null"/>: none) counts as received.</summary>
    public bool Accepts(int? statusCode) => statusCode is { } code && (AcceptsAny2xx ? code is >= 200 and < 300 : code == 200);
}
