using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace Midjourney.Sdk.Telemetry;

/// <summary>
/// The SDK's instruments, on one <see cref="Meter"/> named <see cref="MidjourneyTelemetry.MeterName"/>. As HttpClient does:
/// a client from dependency injection creates the meter through the app's <see cref="IMeterFactory"/> (so the app's
/// metrics pipeline owns it and tests can isolate it); any other client shares <see cref="Shared"/>.
/// </summary>
internal sealed class MidjourneyMetrics
{
    // One set of instruments per meter: a factory hands out the same meter for the same name, and every client of a
    // service provider then shares its instruments.
    private static readonly ConditionalWeakTable<Meter, MidjourneyMetrics> ByMeter = [];

    /// <summary>The SDK's version, given to its meter and activity source.</summary>
    internal static readonly string? Version = typeof(MidjourneyMetrics).Assembly.GetName().Version?.ToString();

    private MidjourneyMetrics(Meter meter)
    {
        TasksSubmitted = meter.CreateCounter<long>("midjourney.tasks.submitted", "{task}", "Tasks the provider accepted.");
        TaskDuration = meter.CreateHistogram<double>(
            "midjourney.task.duration",
            "s",
            "How long a task took from submit to its final state (the provider's timestamps when it gives them).",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 5, 10, 20, 30, 45, 60, 90, 120, 180, 300, 600] });
        StatusRequests = meter.CreateCounter<long>("midjourney.status.requests", "{request}", "Status requests the task tracker sent (single or batch).");
        Retries = meter.CreateCounter<long>("midjourney.retries", "{retry}", "Calls resent under the retry rules.");
        CallbacksReceived = meter.CreateCounter<long>("midjourney.callbacks.received", "{callback}", "Callbacks (webhooks) handed to the client.");
        OperationDuration = meter.CreateHistogram<double>(
            "gen_ai.client.operation.duration",
            "s",
            "GenAI operation duration: how long a submit took to be accepted.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92] });
    }

    /// <summary>
    /// The instruments of the process-wide meter, for clients built without an <see cref="IMeterFactory"/>; created on first
    /// use, so an app whose clients all come from dependency injection publishes only its factory's meter.
    /// </summary>
    public static MidjourneyMetrics Shared => SharedMeter.Metrics;

    /// <summary><c>midjourney.tasks.submitted</c>: provider, action.</summary>
    public Counter<long> TasksSubmitted { get; }

    /// <summary><c>midjourney.task.duration</c>: provider, action, final status.</summary>
    public Histogram<double> TaskDuration { get; }

    /// <summary><c>midjourney.status.requests</c>: provider, batch, error type.</summary>
    public Counter<long> StatusRequests { get; }

    /// <summary><c>midjourney.retries</c>: provider, call kind, error type.</summary>
    public Counter<long> Retries { get; }

    /// <summary><c>midjourney.callbacks.received</c>: provider, outcome.</summary>
    public Counter<long> CallbacksReceived { get; }

    /// <summary><c>gen_ai.client.operation.duration</c>: operation, provider, server, action, error type.</summary>
    public Histogram<double> OperationDuration { get; }

    /// <summary>The instruments of the meter <paramref name="factory"/> makes, or of the shared meter without one.</summary>
    public static MidjourneyMetrics Create(IMeterFactory? factory) =>
        factory is null ? Shared : For(factory.Create(new MeterOptions(MidjourneyTelemetry.MeterName) { Version = Version }));

    private static MidjourneyMetrics For(Meter meter) => ByMeter.GetValue(meter, static m => new MidjourneyMetrics(m));

    private static class SharedMeter
    {
        public static readonly MidjourneyMetrics Metrics = For(new Meter(MidjourneyTelemetry.MeterName, Version));
    }
}
