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

    /// <summary>How long a task takes from submit to its final status; the first 10% of it the task is queued.</summary>
    /// <value>The default is 3 seconds. <see cref="TimeSpan.Zero"/> finishes tasks at once.</value>
    public TimeSpan TaskDuration { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The clock that drives task lifecycles and injected latency; tests pass a fake clock.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    internal MidjourneyEmulatorOptions Clone() => new()
    {
        Port = Port,
        ApiKey = ApiKey,
        TaskDuration = TaskDuration,
        TimeProvider = TimeProvider,
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

        if (TimeProvider is null)
        {
            throw new ArgumentException("TimeProvider must not be null.", nameof(TimeProvider));
        }
    }
}
