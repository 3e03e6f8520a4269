namespace Midjourney.Sdk.Benchmarks.Waiting;

/// <summary>Counts the status requests a client sends (everything but submits).</summary>
internal sealed class StatusRequestCounter : DelegatingHandler
{
    private int _requests;

    public StatusRequestCounter()
    {
    }

    public StatusRequestCounter(HttpMessageHandler inner)
        : base(inner)
    {
    }

    public int Requests => Volatile.Read(ref _requests);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!SubmitPaths.IsSubmit(request.RequestUri!))
        {
            Interlocked.Increment(ref _requests);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
