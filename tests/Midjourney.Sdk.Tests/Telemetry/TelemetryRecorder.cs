using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace Midjourney.Sdk.Tests.Telemetry;

/// <summary>One measurement of the SDK's meter: the instrument, the value and its tags.</summary>
public sealed record RecordedMeasurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags)
{
    public string? Tag(string name) => Tags.TryGetValue(name, out object? value) ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;
}

/// <summary>
/// Listens to the SDK's activity source and meter with the BCL's own listeners, keeping only what one test's client
/// reports: listeners are process-wide and tests run in parallel, so everything is filtered by the relay's host and port
/// (<c>server.address</c>, <c>server.port</c>), which each test makes unique (its own loopback server or host name).
/// </summary>
public sealed class TelemetryRecorder : IDisposable
{
    private readonly string _host;
    private readonly string _port;
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters;
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ConcurrentQueue<RecordedMeasurement> _measurements = new();

    public TelemetryRecorder(Uri baseUrl)
    {
        _host = baseUrl.IdnHost;
        _port = baseUrl.Port.ToString(CultureInfo.InvariantCulture);
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MidjourneyTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (IsMine(activity.TagObjects))
                {
                    _stopped.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_activities);

        _meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == MidjourneyTelemetry.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Measured(instrument, value, tags));
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Measured(instrument, value, tags));
        _meters.Start();
    }

    /// <summary>The activities of this test's client that have stopped, in the order they stopped.</summary>
    public IReadOnlyList<Activity> Activities => [.. _stopped];

    public IReadOnlyList<RecordedMeasurement> Measurements => [.. _measurements];

    public IReadOnlyList<Activity> Named(string name) => [.. Activities.Where(a => a.OperationName == name)];

    public IReadOnlyList<RecordedMeasurement> Of(string instrument) => [.. Measurements.Where(m => m.Instrument == instrument)];

    /// <summary>Every text the recorded telemetry carries: names, tag values, event names and event tag values.</summary>
    public IEnumerable<string> AllText()
    {
        foreach (Activity activity in Activities)
        {
            yield return activity.OperationName;
            yield return activity.DisplayName;
            foreach (KeyValuePair<string, object?> tag in activity.TagObjects)
            {
                yield return tag.Key + "=" + Convert.ToString(tag.Value, CultureInfo.InvariantCulture);
            }

            foreach (ActivityEvent e in activity.Events)
            {
                yield return e.Name;
                foreach (KeyValuePair<string, object?> tag in e.Tags)
                {
                    yield return tag.Key + "=" + Convert.ToString(tag.Value, CultureInfo.InvariantCulture);
                }
            }

            if (activity.StatusDescription is { } description)
            {
                yield return description;
            }
        }

        foreach (RecordedMeasurement measurement in Measurements)
        {
            foreach (KeyValuePair<string, object?> tag in measurement.Tags)
            {
                yield return tag.Key + "=" + Convert.ToString(tag.Value, CultureInfo.InvariantCulture);
            }
        }
    }

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
    }

    private void Measured<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        if (IsMine(copy))
        {
            _measurements.Enqueue(new RecordedMeasurement(instrument.Name, Convert.ToDouble(value, CultureInfo.InvariantCulture), copy));
        }
    }

    private bool IsMine(IEnumerable<KeyValuePair<string, object?>> tags)
    {
        bool host = false, port = false;
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            host |= tag.Key == "server.address" && Equals(tag.Value, _host);
            port |= tag.Key == "server.port" && Convert.ToString(tag.Value, CultureInfo.InvariantCulture) == _port;
        }

        return host && port;
    }
}
