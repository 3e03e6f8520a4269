namespace Midjourney.Sdk.Tests.TestSupport;

/// <summary>Counts the requests that really went out, by path, in front of a real socket handler.</summary>
public sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly List<string> _paths = [];

    public IReadOnlyList<string> Paths
    {
        get
        {
            lock (_paths)
            {
                return [.. _paths];
            }
        }
    }

    public int Count(string path) => Paths.Count(p => p == path);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (_paths)
        {
            _paths.Add(request.RequestUri!.AbsolutePath);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
