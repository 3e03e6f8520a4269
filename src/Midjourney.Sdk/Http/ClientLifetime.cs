namespace Midjourney.Sdk.Http;

/// <summary>
/// Whether a client was disposed, shared by everything that sends for it: after <c>Dispose</c> every call fails the same
/// way, with an <see cref="ObjectDisposedException"/> naming the client, whether the client owned its
/// <see cref="HttpClient"/> (which is then disposed too) or was given one (which keeps working for its owner).
/// </summary>
internal sealed class ClientLifetime(MidjourneyProvider provider)
{
    private volatile bool _disposed;

    public bool IsDisposed => _disposed;

    public void Dispose() => _disposed = true;

    public void ThrowIfDisposed()
    {
        if (_disposed)
        {
            throw Disposed();
        }
    }

    /// <summary>The exception every call of a disposed client throws (and every wait it ended).</summary>
    public ObjectDisposedException Disposed() =>
        new(nameof(MidjourneyClient), $"This MidjourneyClient ({provider}) was disposed; create a new one, or resolve it again from a live service provider.");
}
