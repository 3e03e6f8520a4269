using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Midjourney.Sdk.Tests.Emulator;

/// <summary>
/// A webhook receiver on 127.0.0.1 (Kestrel, any free port) for the emulator's callbacks: it records every request and answers
/// the scripted statuses in turn, the last one repeating (<see cref="Hang"/>: never answer, until the caller gives up).
/// </summary>
internal sealed class CallbackReceiver : IAsyncDisposable
{
    /// <summary>An answer that is never sent: the request hangs until the sender cancels it.</summary>
    public const int Hang = -1;

    private readonly Lock _gate = new();
    private readonly List<ReceivedCallback> _received = [];
    private readonly int[] _answers;
    private WebApplication? _app;

    private CallbackReceiver(int[] answers) => _answers = answers;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Every request received, in order of arrival.</summary>
    public IReadOnlyList<ReceivedCallback> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>Starts a receiver answering <paramref name="answersInTurn"/> (default: always 200).</summary>
    public static async Task<CallbackReceiver> StartAsync(params int[] answersInTurn)
    {
        var receiver = new CallbackReceiver(answersInTurn.Length == 0 ? [200] : answersInTurn);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        receiver._app = app;
        receiver.BaseUrl = new Uri($"http://127.0.0.1:{new Uri(app.Urls.First()).Port}/");
        return receiver;
    }

    /// <summary>An absolute URL on this receiver, such as <c>/hook?x=1</c>.</summary>
    public string Url(string pathAndQuery = "/hook") => new Uri(BaseUrl, pathAndQuery).AbsoluteUri;

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        int answer;
        lock (_gate)
        {
            _received.Add(new ReceivedCallback(
                context.Request.Method, context.Request.Path + context.Request.QueryString, headers, context.Request.ContentType, body));
            answer = _answers[Math.Min(_received.Count, _answers.Length) - 1];
        }

        if (answer == Hang)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The sender gave up.
            }

            return;
        }

        context.Response.StatusCode = answer;
    }
}

/// <summary>One request a <see cref="CallbackReceiver"/> got.</summary>
internal sealed record ReceivedCallback(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string? ContentType, string Body)
{
    public JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
    }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
