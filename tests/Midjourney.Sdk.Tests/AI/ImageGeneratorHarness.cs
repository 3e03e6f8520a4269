using Microsoft.Extensions.AI;
using Midjourney.Sdk.Emulator;
using Midjourney.Sdk.Tests.TestSupport;

#pragma warning disable MEAI001 // IImageGenerator is experimental in Microsoft.Extensions.AI; these tests use it on purpose.

namespace Midjourney.Sdk.Tests.AI;

/// <summary>
/// The emulator, a client over real loopback HTTP that records what it sends (method, path, body), and the client's
/// <see cref="IImageGenerator"/>, all on one fake clock driven by <see cref="WaitDriver"/>: a generation runs in milliseconds.
/// </summary>
internal sealed class ImageGeneratorHarness : IAsyncDisposable
{
    private ImageGeneratorHarness(MidjourneyEmulator emulator, FakeTimeProvider time, BodyRecordingHandler handler, MidjourneyClient client)
    {
        Emulator = emulator;
        Time = time;
        Handler = handler;
        Client = client;
        Generator = client.AsIImageGenerator();
    }

    public MidjourneyEmulator Emulator { get; }

    public FakeTimeProvider Time { get; }

    public BodyRecordingHandler Handler { get; }

    public MidjourneyClient Client { get; }

    public IImageGenerator Generator { get; }

    /// <summary>The first request that went out: the imagine submit.</summary>
    public RecordedRequest Submit => Handler.Requests[0];

    public static async Task<ImageGeneratorHarness> StartAsync(MidjourneyProvider provider)
    {
        var handler = new BodyRecordingHandler();
        (MidjourneyEmulator emulator, FakeTimeProvider time, MidjourneyClient client) = await EmulatorHarness.StartClientAsync(provider, handler);
        return new ImageGeneratorHarness(emulator, time, handler, client);
    }

    /// <summary>Runs a generation, driving the clock through its wait.</summary>
    public Task<ImageGenerationResponse> GenerateAsync(ImageGenerationRequest request, ImageGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        Time.DriveAsync(Client, _ => Generator.GenerateAsync(request, options, cancellationToken));

    public async ValueTask DisposeAsync()
    {
        Generator.Dispose();
        Client.Dispose();
        await Emulator.DisposeAsync();
    }
}

/// <summary>Records each request (method, URL, body) in front of a real socket handler.</summary>
internal sealed class BodyRecordingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly List<RecordedRequest> _requests = [];

    /// <summary>Completes when the first answer has come back (the imagine submit's).</summary>
    public TaskCompletionSource FirstAnswer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (_requests)
        {
            _requests.Add(new RecordedRequest(request.Method, request.RequestUri!, new Dictionary<string, string>(), body, request.Content?.Headers.ContentType?.MediaType));
        }

        HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
        FirstAnswer.TrySetResult();
        return response;
    }
}
