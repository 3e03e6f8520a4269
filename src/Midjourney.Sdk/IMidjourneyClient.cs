namespace Midjourney.Sdk;

/// <summary>
/// One client for Midjourney, whichever relay service runs the jobs. Submit methods return as soon as the provider
/// accepted the task; <see cref="WaitForCompletionAsync"/> and <see cref="WatchAsync"/> follow it to the end.
/// </summary>
/// <remarks>
/// Implementations are thread-safe. Every method validates its input before any network traffic
/// (<see cref="ArgumentException"/>), throws <see cref="MidjourneyNotSupportedException"/> for an operation the provider
/// lacks, and reports provider and network failures as <see cref="MidjourneyException"/> subclasses.
/// </remarks>
public interface IMidjourneyClient
{
    /// <summary>The provider this client talks to.</summary>
    MidjourneyProvider Provider { get; }

    /// <summary>What the provider offers.</summary>
    MidjourneyCapabilities Capabilities { get; }

    /// <summary>Starts generating a grid of four images from a prompt.</summary>
    /// <returns>The new task, <see cref="MidjourneyTaskStatus.Pending"/> or <see cref="MidjourneyTaskStatus.InProgress"/>.</returns>
    Task<MidjourneyTask> ImagineAsync(ImagineRequest request, CancellationToken cancellationToken = default);

    /// <summary>Starts upscaling one image of a grid, or an upscaled image further.</summary>
    Task<MidjourneyTask> UpscaleAsync(UpscaleRequest request, CancellationToken cancellationToken = default);

    /// <summary>Starts generating variations of one image.</summary>
    Task<MidjourneyTask> VariationAsync(VariationRequest request, CancellationToken cancellationToken = default);

    /// <summary>Starts running a grid task's prompt again.</summary>
    Task<MidjourneyTask> RerollAsync(RerollRequest request, CancellationToken cancellationToken = default);

    /// <summary>Starts regenerating a masked region of an upscaled image.</summary>
    Task<MidjourneyTask> InpaintAsync(InpaintRequest request, CancellationToken cancellationToken = default);

    /// <summary>Starts extending the canvas of an upscaled image (zoom out, make square).</summary>
    Task<MidjourneyTask> OutpaintAsync(OutpaintRequest request, CancellationToken cancellationToken = default);

    /// <summary>Starts extending an upscaled image in one direction.</summary>
    Task<MidjourneyTask> PanAsync(PanRequest request, CancellationToken cancellationToken = default);

    /// <summary>Starts describing an image; the finished task has four prompts in <see cref="MidjourneyTask.Prompts"/>.</summary>
    Task<MidjourneyTask> DescribeAsync(DescribeRequest request, CancellationToken cancellationToken = default);

    /// <summary>Starts blending two to five images.</summary>
    Task<MidjourneyTask> BlendAsync(BlendRequest request, CancellationToken cancellationToken = default);

    /// <summary>Starts shortening a prompt; the finished task has the suggestions in <see cref="MidjourneyTask.Prompts"/>.</summary>
    Task<MidjourneyTask> ShortenAsync(ShortenRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts animating an image (image-to-video); the finished task has the clips in <see cref="MidjourneyTask.VideoUrls"/>.
    /// Offered by midapi and MJ-Proxy (trueai-org servers); GoAPI and APIXO throw <see cref="MidjourneyNotSupportedException"/>.
    /// </summary>
    /// <returns>The new task, <see cref="MidjourneyTaskStatus.Pending"/> or <see cref="MidjourneyTaskStatus.InProgress"/>, with <see cref="MidjourneyAction.Video"/>.</returns>
    /// <exception cref="ArgumentException">No prompt, a batch size other than 1, 2 or 4, or an image form the provider cannot take.</exception>
    /// <exception cref="MidjourneyNotSupportedException">The provider has no video, or no field for a set option (midapi: <see cref="VideoRequest.EndImage"/>, <see cref="VideoRequest.Loop"/>).</exception>
    Task<MidjourneyTask> VideoAsync(VideoRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts extending one clip of a finished video task; the finished task has the new clips in <see cref="MidjourneyTask.VideoUrls"/>.
    /// Offered by MJ-Proxy (trueai-org servers, <c>/mj/submit/video</c> with <c>action: "extend"</c>) only: see
    /// <see cref="MidjourneyCapabilities.SupportsVideoExtend"/>.
    /// </summary>
    /// <param name="request">The parent video task, the clip (1..4) and what should happen next.</param>
    /// <param name="cancellationToken">Stops the request (not the task).</param>
    /// <returns>The new task, <see cref="MidjourneyTaskStatus.Pending"/>, with <see cref="MidjourneyAction.Video"/> and the parent in <see cref="MidjourneyTask.ParentTaskId"/>.</returns>
    /// <exception cref="ArgumentException">An empty task id, an index outside 1..4 or no prompt (before any request).</exception>
    /// <exception cref="MidjourneyNotSupportedException">The provider cannot extend a video (before any request).</exception>
    /// <exception cref="MidjourneyException">The provider refused: an unknown parent (<see cref="MidjourneyNotFoundException"/>), or one that has not succeeded.</exception>
    Task<MidjourneyTask> ExtendVideoAsync(VideoExtendRequest request, CancellationToken cancellationToken = default);

    /// <summary>Fetches a task's current state.</summary>
    /// <exception cref="MidjourneyNotFoundException">The provider does not know the task.</exception>
    Task<MidjourneyTask> GetTaskAsync(string taskId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Asks the provider to cancel a task that has not finished; the task then ends <see cref="MidjourneyTaskStatus.Canceled"/>.
    /// Offered by MJ-Proxy (trueai-org servers, <c>POST /mj/task/{id}/cancel</c>) only: see <see cref="MidjourneyCapabilities.SupportsCancel"/>.
    /// The request is sent once (never resent after an ambiguous failure).
    /// </summary>
    /// <param name="taskId">The task to cancel.</param>
    /// <param name="cancellationToken">Stops the request (not the task).</param>
    /// <exception cref="ArgumentException">The id is null, empty or blank (before any request).</exception>
    /// <exception cref="MidjourneyNotSupportedException">The provider cannot cancel tasks (before any request).</exception>
    /// <exception cref="MidjourneyException">The provider refused (an unknown or finished task, a refused key).</exception>
    Task CancelTaskAsync(string taskId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Asks the provider for the seed Midjourney drew a task's images with (<c>--seed</c> with it reproduces them).
    /// MJ-Proxy (trueai-org servers) sends <c>GET /mj/task/{id}/image-seed</c>, which may cost the server a Discord
    /// interaction, so the SDK never calls it on its own; GoAPI fetches the task and returns its <see cref="MidjourneyTask.Seed"/>.
    /// See <see cref="MidjourneyCapabilities.SupportsSeedLookup"/>. A read: retried by the retry rules.
    /// </summary>
    /// <param name="taskId">The task whose seed to look up.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>
    /// The seed, a number as text (as in <see cref="MidjourneyTask.Seed"/>); <see langword="null"/> when the provider has none
    /// for the task (yet): it has not finished, it made no image, or the server could not find one.
    /// </returns>
    /// <exception cref="ArgumentException">The id is null, empty or blank (before any request).</exception>
    /// <exception cref="MidjourneyNotSupportedException">The provider (APIXO, midapi) reports no seed (before any request).</exception>
    /// <exception cref="MidjourneyNotFoundException">The provider does not know the task.</exception>
    /// <exception cref="MidjourneyException">The provider refused or failed the lookup (a refused key, Discord's error).</exception>
    Task<string?> GetSeedAsync(string taskId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads what is left on the account: APIXO in US dollars (<c>GET /api/v1/apikeys/current-balance</c>), kie.ai in credits
    /// (<c>GET /api/v1/chat/credit</c>, when <see cref="MidjourneyClientOptions.BaseUrl"/> is <c>https://api.kie.ai</c>).
    /// See <see cref="MidjourneyCapabilities.SupportsBalance"/>.
    /// </summary>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>The balance and its unit (<c>USD</c> or <c>credits</c>).</returns>
    /// <exception cref="MidjourneyNotSupportedException">The provider (GoAPI, MJ-Proxy, midapi.ai) has no balance endpoint (before any request).</exception>
    /// <exception cref="MidjourneyException">The provider refused (a refused key) or answered without a readable balance.</exception>
    Task<MidjourneyBalance> GetBalanceAsync(CancellationToken cancellationToken = default);

    /// <summary>Polls a task until it is final and returns it when it succeeded.</summary>
    /// <param name="taskId">The task to wait for.</param>
    /// <param name="progress">Told of each change of status or progress; null for none.</param>
    /// <param name="cancellationToken">Stops the wait promptly (the task goes on at the provider).</param>
    /// <returns>The task, <see cref="MidjourneyTaskStatus.Succeeded"/>.</returns>
    /// <exception cref="MidjourneyTaskFailedException">The task ended failed or canceled.</exception>
    /// <exception cref="MidjourneyWaitTimeoutException">The task did not finish within <see cref="MidjourneyPollingOptions.Timeout"/>.</exception>
    /// <exception cref="MidjourneyException">The task waits for input (<see cref="MidjourneyTaskStatus.NeedsInput"/>; <see cref="MidjourneyException.ErrorCode"/> <c>NEEDS_INPUT</c>) that polling cannot give it.</exception>
    Task<MidjourneyTask> WaitForCompletionAsync(string taskId, IProgress<MidjourneyTask>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Yields a task each time its status or progress changes, ending after the final state (which is yielded, failed or not)
    /// or after a <see cref="MidjourneyTaskStatus.NeedsInput"/> state, which polling alone never moves on.
    /// </summary>
    /// <exception cref="MidjourneyWaitTimeoutException">The task did not finish within <see cref="MidjourneyPollingOptions.Timeout"/>.</exception>
    IAsyncEnumerable<MidjourneyTask> WatchAsync(string taskId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits for several tasks at once and yields each when it ends, in the order they end: submit a batch of prompts, then
    /// handle each result as soon as it is ready. Every task is yielded once: final (<see cref="MidjourneyTaskStatus.Succeeded"/>,
    /// <see cref="MidjourneyTaskStatus.Failed"/> or <see cref="MidjourneyTaskStatus.Canceled"/>; nothing is thrown for a failed
    /// task, so check <see cref="MidjourneyTask.Status"/>), waiting for input (<see cref="MidjourneyTaskStatus.NeedsInput"/>), or,
    /// when its wait ran past <see cref="MidjourneyPollingOptions.Timeout"/>, as last seen (<see cref="MidjourneyTask.IsCompleted"/> false).
    /// The waits share the client's status checks: where the provider has a batch endpoint, one request checks many tasks.
    /// </summary>
    /// <param name="taskIds">The tasks to wait for; a repeated id is waited for once.</param>
    /// <param name="cancellationToken">Stops every wait promptly (the tasks go on at the provider).</param>
    /// <returns>Each task as it ends.</returns>
    /// <exception cref="ArgumentException">An id is null, empty or blank (before any request).</exception>
    /// <exception cref="MidjourneyException">A check failed in a way waiting cannot get past (an unknown task, a refused key); the enumeration stops.</exception>
    IAsyncEnumerable<MidjourneyTask> WaitForEachAsync(IEnumerable<string> taskIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// Verifies a callback (webhook) the provider sent and reads the task it reports. A genuine, new state of the task ends
    /// or advances every wait on it in this process at once and runs the client's task handlers; a repeated delivery, or one
    /// older than what is known, is accepted and changes nothing. Authenticity: GoAPI's <c>x-webhook-secret</c> header,
    /// kie.ai's signature headers when present, else the SDK's token in the callback URL, all against
    /// <see cref="MidjourneyWebhookOptions.Secret"/> (or the request's own <see cref="MidjourneyRequest.WebhookSecret"/>);
    /// with no secret configured, callbacks are not authenticated.
    /// </summary>
    /// <param name="request">What arrived: the body, headers and the URL it was sent to.</param>
    /// <param name="cancellationToken">Cancels the handling.</param>
    /// <returns>The task as the callback reported it.</returns>
    /// <exception cref="MidjourneyWebhookException">Refused: not authentic, over 1 MiB, or not the provider's callback (see <see cref="MidjourneyWebhookException.Refusal"/>).</exception>
    Task<MidjourneyTask> HandleWebhookAsync(MidjourneyWebhookRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves the task's result files under <paramref name="directory"/> (created if missing), with predictable names:
    /// <c>{task id}.{ext}</c> for <see cref="MidjourneyTask.ImageUrl"/>, <c>{task id}-{n}.{ext}</c> for the n-th of
    /// <see cref="MidjourneyTask.ImageUrls"/> and <c>{task id}-video-{n}.{ext}</c> for the n-th of
    /// <see cref="MidjourneyTask.VideoUrls"/> (n from 1; a URL listed twice is saved once; an existing file of that name is
    /// replaced; characters of the task id that are not letters, digits, '-', '_' or '.' become '_'). Providers keep results
    /// for a limited time (5 to 15 days): save what you need to keep. Each file is checked (an image or video media type,
    /// at most <see cref="MidjourneyClientOptions.MaxDownloadBytes"/>), written under a temporary name and renamed when
    /// complete; transient failures are retried by the client's retry rules for reads. No API key is sent.
    /// </summary>
    /// <param name="task">A finished task, as a wait returned it.</param>
    /// <param name="directory">The folder to save into.</param>
    /// <param name="cancellationToken">Cancels the downloads.</param>
    /// <returns>The saved files, in the order above.</returns>
    /// <exception cref="ArgumentException">The task has no image or video URL, or <paramref name="directory"/> is empty.</exception>
    /// <exception cref="MidjourneyNotFoundException">A file is gone (HTTP 404 or 410: the provider no longer keeps it).</exception>
    /// <exception cref="MidjourneyException">A file could not be downloaded, is not an image or video, or is too large.</exception>
    Task<IReadOnlyList<MidjourneyDownload>> DownloadAsync(MidjourneyTask task, string directory, CancellationToken cancellationToken = default);

    /// <summary>
    /// Copies one result file (an image or video URL of a task) to <paramref name="destination"/>, with the checks and
    /// retries of <see cref="DownloadAsync(MidjourneyTask, string, CancellationToken)"/>. A retry after part of the file was
    /// written needs a stream that can seek back; otherwise the failure is thrown. The stream is left open.
    /// </summary>
    /// <param name="url">The file's URL (absolute http or https).</param>
    /// <param name="destination">Where to write it.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>What was copied: the media type and length.</returns>
    /// <exception cref="ArgumentException"><paramref name="url"/> is not http(s), or <paramref name="destination"/> cannot be written.</exception>
    /// <exception cref="MidjourneyException">The file could not be downloaded, is not an image or video, or is too large.</exception>
    Task<MidjourneyDownload> DownloadAsync(Uri url, Stream destination, CancellationToken cancellationToken = default);
}
