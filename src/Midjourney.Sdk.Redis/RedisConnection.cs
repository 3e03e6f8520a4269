using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Midjourney.Sdk.Redis;

/// <summary>
/// The backplane's connection in one service provider (one app instance): made or fetched once, in the background, when
/// the first client asks for it; closed with the provider when the backplane made it. Its id marks the messages this
/// instance publishes, so it can ignore them when they come back.
/// </summary>
internal sealed class RedisConnection : IDisposable
{
    private readonly Func<Task<IConnectionMultiplexer>> _connect;
    private readonly bool _owned;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private Task<IConnectionMultiplexer?>? _connection;
    private bool _disposed;

    public RedisConnection(Func<Task<IConnectionMultiplexer>> connect, bool owned, ILogger logger)
    {
        _connect = connect;
        _owned = owned;
        _logger = logger;
    }

    /// <summary>This instance's id in the messages it publishes.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>The connection, or null when it could not be made (the instance then works alone).</summary>
    public Task<IConnectionMultiplexer?> GetAsync()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _connection ??= Task.Run(ConnectAsync);
        }
    }

    public void Dispose()
    {
        Task<IConnectionMultiplexer?>? connection;
        lock (_gate)
        {
            _disposed = true;
            connection = _connection;
        }

        if (_owned && connection is not null)
        {
            // Closed when it is made, if it is still being made.
            _ = connection.ContinueWith(
                static c => c.Result?.Dispose(),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    private async Task<IConnectionMultiplexer?> ConnectAsync()
    {
        try
        {
            return await _connect().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.ConnectionUnavailable(_logger, ex.GetType().Name);
            return null;
        }
    }
}
