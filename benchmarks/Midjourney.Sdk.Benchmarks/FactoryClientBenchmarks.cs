using Microsoft.Extensions.DependencyInjection;

namespace Midjourney.Sdk.Benchmarks;

/// <summary>
/// Both sides get their <see cref="HttpClient"/> from <c>IHttpClientFactory</c>, as apps do: raw through
/// <c>AddHttpClient</c>, the SDK through <c>AddMidjourney</c> (Refit sends through the factory's client directly).
/// </summary>
public class FactoryClientBenchmarks : CallBenchmarks
{
    private ServiceProvider? _services;

    protected override (RawGoApi Raw, IMidjourneyClient Sdk) CreateClients(Uri baseUrl, Func<HttpMessageHandler> handler)
    {
        var services = new ServiceCollection();
        services.AddHttpClient("raw").ConfigurePrimaryHttpMessageHandler(handler);
        services.AddMidjourney(o => { o.ApiKey = Payloads.ApiKey; o.BaseUrl = baseUrl; }).ConfigurePrimaryHttpMessageHandler(handler);
        _services = services.BuildServiceProvider();
        var raw = new RawGoApi(_services.GetRequiredService<IHttpClientFactory>().CreateClient("raw"), baseUrl);
        return (raw, _services.GetRequiredService<IMidjourneyClient>());
    }

    protected override async ValueTask DisposeClientsAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }
}
