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

    /// <summary>The polling schedule this provider's guidance suggests, used where the options leave a value null.</summary>
    PollingDefaults PollingDefaults { get; }

    /// <summary>
    /// The first polling delay for one task, when the options leave <c>InitialDelay</c> null; null for
    /// <see cref="PollingDefaults"/>. For providers whose guidance depends on the task (APIXO: its speed and age).
    /// </summary>
    TimeSpan? InitialPollDelay(string taskId) => null;

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

    Task<MidjourneyTask> GetTaskAsync(string taskId, CancellationToken cancellationToken);
}
