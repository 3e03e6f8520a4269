using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.AspNetCore;

/// <summary>
/// A minimal API app on Kestrel at 127.0.0.1 that the tests post callbacks to over real HTTP. Its address is known before
/// its services are configured (a port found free, tried again if something took it meanwhile), because a client's
/// options, <c>Webhooks.Url</c> included, are read and validated when the host starts, before the server listens.
/// Every log entry of the app, the SDK's included, goes to <see cref="Logs"/>.
/// </summary>
internal sealed class WebhookApp : IAsyncDisposable
{
    private WebhookApp(WebApplication app, Uri baseUrl, ListLoggerProvider logs)
    {
        App = app;
        BaseUrl = baseUrl;
        Logs = logs;
    }

    public WebApplication App { get; }

    /// <summary><c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseUrl { get; }

    public ListLoggerProvider Logs { get; }

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The entries of the SDK's categories (<c>Midjourney.Sdk</c> and <c>Midjourney.Sdk.AspNetCore</c>).</summary>
    public IReadOnlyList<LogEntry> SdkLogs => [.. Logs.Entries.Where(e => e.Category.StartsWith("Midjourney.Sdk", StringComparison.Ordinal))];

    public static async Task<WebhookApp> StartAsync(Action<IServiceCollection, Uri> configureServices, Action<WebApplication> map)
    {
        for (int attempt = 1; ; attempt++)
        {
            var baseUrl = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}/");
            var logs = new ListLoggerProvider();
            WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls(baseUrl.AbsoluteUri);
            builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
            configureServices(builder.Services, baseUrl);
            WebApplication app = builder.Build();
            map(app);
            try
            {
                await app.StartAsync();
                return new WebhookApp(app, baseUrl, logs);
            }
            catch (IOException) when (attempt < 5)
            {
                await app.DisposeAsync(); // the port was taken meanwhile
            }
        }
    }

    /// <summary>The endpoint's absolute URL for a path (and query) on this app.</summary>
    public Uri Url(string pathAndQuery) => new(BaseUrl, pathAndQuery);

    public IMidjourneyClient Client(string? name = null) => name is null
        ? App.Services.GetRequiredService<IMidjourneyClient>()
        : App.Services.GetRequiredKeyedService<IMidjourneyClient>(name);

    /// <summary>Posts <paramref name="body"/> as JSON, with the GoAPI secret header when <paramref name="secret"/> is given.</summary>
    public Task<HttpResponseMessage> PostAsync(string pathAndQuery, string body, string? secret = null) =>
        PostAsync(Url(pathAndQuery), new StringContent(body, System.Text.Encoding.UTF8, "application/json"), secret);

    public async Task<HttpResponseMessage> PostAsync(Uri url, HttpContent content, string? secret = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        if (secret is not null)
        {
            request.Headers.Add("x-webhook-secret", secret);
        }

        return await Http.SendAsync(request, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>A body sent without a Content-Length (chunked), in pieces of 64 KiB.</summary>
internal sealed class ChunkedContent : HttpContent
{
    private readonly byte[] _bytes;

    public ChunkedContent(byte[] bytes)
    {
        _bytes = bytes;
        Headers.ContentType = new MediaTypeHeaderValue("application/json");
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        for (int offset = 0; offset < _bytes.Length; offset += 64 * 1024)
        {
            await stream.WriteAsync(_bytes.AsMemory(offset, Math.Min(64 * 1024, _bytes.Length - offset)));
            await stream.FlushAsync();
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
