namespace Midjourney.Sdk.Tests.Redis;

/// <summary>Counts the status requests (GoAPI fetch and multi_fetch) one app instance sends.</summary>
internal sealed class StatusCounter
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Signalled at each request, so a test waits for one instead of polling.</summary>
    public TestSupport.Pulse Changed { get; } = new();

    public void Add()
    {
        Interlocked.Increment(ref _count);
        Changed.Signal();
    }

    /// <summary>Until at least <paramref name="count"/> requests were made.</summary>
    public Task AtLeastAsync(int count, TimeSpan limit) => Changed.WaitUntilAsync(() => Count >= count, limit, $"{count} status request(s)");
}

/// <summary>A handler in the client's chain that counts its status requests.</summary>
internal sealed class CountingStatus(StatusCounter counter) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri!.AbsolutePath.Contains("fetch", StringComparison.Ordinal))
        {
            counter.Add();
        }

        return base.SendAsync(request, cancellationToken);
    }
}
