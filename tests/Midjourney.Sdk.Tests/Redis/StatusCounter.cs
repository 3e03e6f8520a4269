namespace Midjourney.Sdk.Tests.Redis;

/// <summary>Counts the status requests (GoAPI fetch and multi_fetch) one app instance sends.</summary>
internal sealed class StatusCounter
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Add() => Interlocked.Increment(ref _count);
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
