namespace Midjourney.Sdk;

/// <summary>
/// The names under which the SDK reports traces and metrics: one <see cref="System.Diagnostics.ActivitySource"/> and one
/// <see cref="System.Diagnostics.Metrics.Meter"/>, both named <c>Midjourney.Sdk</c>. Subscribe with OpenTelemetry's
/// <c>AddSource(MidjourneyTelemetry.ActivitySourceName)</c> and <c>AddMeter(MidjourneyTelemetry.MeterName)</c>; nothing is
/// recorded (or allocated for it) while nobody listens. No tag ever holds the API key or a webhook secret.
/// </summary>
public static class MidjourneyTelemetry
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/>: an activity per operation, per wait and per status check.</summary>
    public const string ActivitySourceName = "Midjourney.Sdk";

    /// <summary>
    /// The name of the <see cref="System.Diagnostics.Metrics.Meter"/>: tasks submitted, task duration, status requests, retries,
    /// callbacks received and operation duration. A client built by <c>AddMidjourney</c> creates it through the app's
    /// <see cref="System.Diagnostics.Metrics.IMeterFactory"/>; a client built directly shares one process-wide meter.
    /// </summary>
    public const string MeterName = "Midjourney.Sdk";
}
