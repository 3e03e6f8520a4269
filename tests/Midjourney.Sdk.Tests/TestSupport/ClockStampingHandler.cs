namespace Midjourney.Sdk.Tests.TestSupport;

/// <summary>Sends over real sockets and notes the fake clock's time of every request, to assert a schedule.</summary>
public sealed class ClockStampingHandler(TimeProvider time) : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly List<DateTimeOffset> _times = [];

    public IReadOnlyList<DateTimeOffset> Times
    {
        get
        {
            lock (_times)
            {
                return [.. _times];
            }
        }
    }

    /// <summary>The gaps between consecutive requests.</summary>
    public IReadOnlyList<TimeSpan> Gaps => Times.Zip(Times.Skip(1), (a, b) => b - a).ToArray();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (_times)
        {
            _times.Add(time.GetUtcNow());
        }

        return base.SendAsync(request, cancellationToken);
    }
}
