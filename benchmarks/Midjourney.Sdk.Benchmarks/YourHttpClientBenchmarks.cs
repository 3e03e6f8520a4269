namespace Midjourney.Sdk.Benchmarks;

/// <summary>
/// Both sides over an <see cref="HttpClient"/> the app made itself: <c>new MidjourneyClient(httpClient, options)</c>, which
/// never changes the caller's client, so Refit reaches it through a client of the SDK's own.
/// </summary>
public class YourHttpClientBenchmarks : CallBenchmarks
{
    private readonly List<IDisposable> _disposables = [];

    protected override (RawGoApi Raw, IMidjourneyClient Sdk) CreateClients(Uri baseUrl, Func<HttpMessageHandler> handler)
    {
        var rawHttp = new HttpClient(handler());
        var sdkHttp = new HttpClient(handler());
        var sdk = new MidjourneyClient(sdkHttp, new MidjourneyClientOptions { ApiKey = Payloads.ApiKey, BaseUrl = baseUrl });
        _disposables.AddRange([sdk, rawHttp, sdkHttp]);
        return (new RawGoApi(rawHttp, baseUrl), sdk);
    }

    protected override ValueTask DisposeClientsAsync()
    {
        _disposables.ForEach(d => d.Dispose());
        return ValueTask.CompletedTask;
    }
}
