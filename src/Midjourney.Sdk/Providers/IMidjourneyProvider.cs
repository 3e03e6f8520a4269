using Midjourney.Sdk.Http;

namespace Midjourney.Sdk.Providers;

/// <summary>
/// One adapter per provider: turns the neutral (already validated) requests into wire calls and the provider's
/// task into a <see cref="MidjourneyTask"/>. An operation the provider lacks throws
/// <see cref="MidjourneyNotSupportedException"/> before any traffic; so does an input form it cannot take.
/// </summary>
internal interface IMidjourneyProvider
{
    MidjourneyProvider Kind { get; }

    MidjourneyCapabilities Capabilities { get; }

    /// <summary>The waiting defaults this provider's guidance suggests, used where the options leave a value null.</summary>
    PollingDefaults PollingDefaults { get; }

    /// <summary>The most ids one batch status request carries; 0 when the provider has no batch endpoint.</summary>
    int StatusBatchSize => 0;

    /// <summary>The aspect ratios imagine takes (<c>W:H</c>), when the provider has a fixed list; null when any <c>W:H</c> goes.</summary>
    IReadOnlyList<string>? AspectRatios => null;

    Task<MidjourneyTask> ImagineAsync(ImagineRequest request, CancellationToken cancellationToken);

    Task<MidjourneyTask> UpscaleAsync(UpscaleRequest request, CancellationToken cancellationToken);

    Task<MidjourneyTask> VariationAsync(VariationRequest request, CancellationToken cancellationToken);

    Task<MidjourneyTask> RerollAsync(RerollRequest request, CancellationToken cancellationToken);

    Task<MidjourneyTask> InpaintAsync(InpaintRequest request, CancellationToken cancellationToken);

    Task<MidjourneyTask> OutpaintAsync(OutpaintRequest request, CancellationToken cancellationToken);

    Task<MidjourneyTask> PanAsync(PanRequest request, CancellationToken cancellationToken);

    Task<MidjourneyTask> DescribeAsync(DescribeRequest request, CancellationToken cancellationToken);

    Task<MidjourneyTask> BlendAsync(BlendRequest request, CancellationToken cancellationToken);

    Task<MidjourneyTask> ShortenAsync(ShortenRequest request, CancellationToken cancellationToken);

    /// <summary>Image-to-video; providers without video keep this default.</summary>
    Task<MidjourneyTask> VideoAsync(VideoRequest request, CancellationToken cancellationToken) =>
        throw new MidjourneyNotSupportedException($"{Kind} does not offer Video; it offers {Capabilities}.") { Provider = Kind };

    /// <summary>Extends a finished video; providers without extend keep this default (the client checks the capability first).</summary>
    Task<MidjourneyTask> ExtendVideoAsync(VideoExtendRequest request, CancellationToken cancellationToken) =>
        throw new MidjourneyNotSupportedException($"{Kind} cannot extend a video.") { Provider = Kind };

    /// <summary>Reads one task: retried by the retry rules (<see cref="ApiCallKind.Read"/>), or once (<see cref="ApiCallKind.Check"/>).</summary>
    Task<MidjourneyTask> GetTaskAsync(string taskId, ApiCallKind kind, CancellationToken cancellationToken);

    /// <summary>
    /// The task a callback body reports (the body is within the size limit; its authenticity is checked by the caller,
    /// which may need the task's id for it).
    /// </summary>
    /// <exception cref="MidjourneyWebhookException">The body is not this provider's callback.</exception>
    MidjourneyTask ReadCallback(ReadOnlyMemory<byte> body);

    /// <summary>
    /// Reads several tasks in one request, once (a <see cref="ApiCallKind.Check"/>) (at most <see cref="StatusBatchSize"/>): the tasks the server knows, in any order;
    /// an id it does not know (or answers unreadably) is left out, for a single fetch to explain.
    /// </summary>
    Task<IReadOnlyList<MidjourneyTask>> GetTasksAsync(IReadOnlyList<string> taskIds, CancellationToken cancellationToken) =>
        throw new MidjourneyNotSupportedException($"{Kind} has no batch status endpoint.") { Provider = Kind };

    /// <summary>Cancels a task; providers without a cancel endpoint keep this default (the client checks the capability first).</summary>
    Task CancelTaskAsync(string taskId, CancellationToken cancellationToken) =>
        throw new MidjourneyNotSupportedException($"{Kind} has no endpoint to cancel a task.") { Provider = Kind };

    /// <summary>Looks up a task's seed, null when there is none yet; providers without seeds keep this default (the client checks the capability first).</summary>
    Task<string?> GetSeedAsync(string taskId, CancellationToken cancellationToken) =>
        throw new MidjourneyNotSupportedException($"{Kind} reports no image seed.") { Provider = Kind };

    /// <summary>Reads the account balance; providers (or hosts) without a balance endpoint keep this default.</summary>
    Task<MidjourneyBalance> GetBalanceAsync(CancellationToken cancellationToken) =>
        throw new MidjourneyNotSupportedException($"{Kind} has no endpoint for the account balance.") { Provider = Kind };
}
