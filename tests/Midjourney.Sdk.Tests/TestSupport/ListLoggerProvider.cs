using Microsoft.Extensions.Logging;

namespace Midjourney.Sdk.Tests.TestSupport;

/// <summary>One log entry as a sink would see it: the formatted message plus every structured value.</summary>
public sealed record LogEntry(string Category, LogLevel Level, string Message, IReadOnlyList<KeyValuePair<string, object?>> State, Exception? Exception)
{
    /// <summary>Everything a log sink could write for this entry, as one string.</summary>
    public string AllText =>
        $"{Category} {Level} {Message} {string.Join(" ", State.Select(kv => $"{kv.Key}={kv.Value}"))} {Exception}";
}

/// <summary>An <see cref="ILoggerProvider"/> that keeps every entry at every level, for asserting on what the SDK logs.</summary>
public sealed class ListLoggerProvider : ILoggerProvider
{
    private readonly List<LogEntry> _entries = [];

    /// <summary>Signalled on every entry, so a test can wait for a log instead of polling.</summary>
    public Pulse Logged { get; } = new();

    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>A factory that sends everything, Trace and up, to this provider.</summary>
    public ILoggerFactory CreateFactory() =>
        LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(this));

    public ILogger CreateLogger(string categoryName) => new ListLogger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(LogEntry entry)
    {
        lock (_entries)
        {
            _entries.Add(entry);
        }

        Logged.Signal();
    }

    private sealed class ListLogger(ListLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            IReadOnlyList<KeyValuePair<string, object?>> values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            owner.Add(new LogEntry(category, logLevel, formatter(state, exception), [.. values], exception));
        }
    }
}
