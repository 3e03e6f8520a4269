using Microsoft.Extensions.Logging;
using Midjourney.Sdk.Http;
using Midjourney.Sdk.Webhooks;

namespace Midjourney.Sdk.Providers.Apixo;

/// <summary>
/// The APIXO adapter: one submit endpoint (<c>generateTask</c>, the operation is <c>input.mode</c>) and one status endpoint.
/// Offers imagine (text, or with reference image URLs), upscale, variation and inpaint (<c>upload-paint</c>); no progress.
/// Every imagine parameter has a field, so nothing is appended to the prompt (APIXO cuts prompts at the first <c>--</c>).
/// A webhook URL switches to <c>request_type: callback</c>; APIXO does not sign callbacks, so a webhook secret travels as
/// the SDK's token in the callback URL.
/// </summary>
internal sealed class ApixoProvider(
    IApixoApi api,
    ApiCaller http,
    ApixoTaskMapper mapper,
    ApixoFieldNames fieldNames,
    TimeProvider timeProvider,
    ApixoSubmittedTasks submitted,
    string authorization,
    WebhookSettings webhooks) : IMidjourneyProvider
{
    public static readonly Uri DefaultBaseUrl = new("https://api.apixo.ai/");

    private static readonly MidjourneyCapabilities ApixoCapabilities = new(
        [MidjourneyAction.Imagine, MidjourneyAction.Upscale, MidjourneyAction.Variation, MidjourneyAction.Inpaint],
        supportsReferenceImages: true,
        reportsProgress: false)
    {
        SupportsBalance = true,
    };

    public MidjourneyProvider Kind => MidjourneyProvider.Apixo;

    public MidjourneyCapabilities Capabilities => ApixoCapabilities;

    // APIXO's guidance: no checks closer than ~3 s; fast jobs take 30-45 s (turbo 15-25 s), so the median starts at 35 s.
    public IReadOnlyList<string> AspectRatios => ApixoValues.AspectRatios;

    public PollingDefaults PollingDefaults { get; } = new(
        Interval: TimeSpan.FromSeconds(3),
        MaxInterval: TimeSpan.FromSeconds(60),
        Timeout: TimeSpan.FromMinutes(10),
        TypicalDuration: TimeSpan.FromSeconds(35),
        LagBudget: PollingDefaults.DurationLagBudget);

    private static ApixoJsonContext Json => ApixoJsonContext.Default;

    public static ApixoProvider Create(ProviderContext context)
    {
        (IApixoApi api, ApiCaller http) = context.CreateApi<IApixoApi>(DefaultBaseUrl, Json);
        return new ApixoProvider(
            api,
            http,
            new ApixoTaskMapper(context.LoggerFactory.CreateLogger<ApixoProvider>()),
            context.Options.Apixo.FieldNames,
            context.TimeProvider,
            new ApixoSubmittedTasks(),
            "Bearer " + context.Options.ApiKey,
            context.Webhooks);
    }

    public Task<MidjourneyTask> ImagineAsync(ImagineRequest request, CancellationToken cancellationToken)
    {
        string[] references = request.ReferenceImages.Select(RequireUrl).ToArray();
        if (references.Length > 2)
        {
            throw new ArgumentException(
                $"APIXO takes 1 or 2 reference images (image-to-image); ReferenceImages has {references.Length}.", nameof(request));
        }

        // APIXO's image_urls are image prompts (image-to-image); style and omni references have no field, so Midjourney's own flags carry them.
        string prompt = PromptFlags.AppendReferences(request.Prompt, request);
        bool current = fieldNames == ApixoFieldNames.Current;
        string? aspect = request.AspectRatio is null ? null : ApixoValues.AspectRatio(request.AspectRatio);
        var input = new ApixoInput
        {
            Mode = references.Length > 0 ? "image-to-image" : "text-to-image",
            Prompt = prompt,
            Version = request.Version is null ? null : ApixoValues.Version(request.Version),
            Speed = ApixoValues.Speed(request.Speed),
            Aspect = current ? null : aspect,
            AspectRatio = current ? aspect : null,
            Chaos = current ? null : request.Chaos,
            Variety = current ? request.Chaos : null,
            Stylize = current ? null : request.Stylize,
            Stylization = current ? request.Stylize : null,
            Weird = current ? null : request.Weird,
            Weirdness = current ? request.Weird : null,
            ImageUrls = references.Length > 0 ? references : null,
        };
        var submission = new ApixoSubmission(MidjourneyAction.Imagine, prompt, ParentTaskId: null, request.Speed, default);
        return SubmitAsync(request, input, submission, cancellationToken);
    }

    public Task<MidjourneyTask> UpscaleAsync(UpscaleRequest request, CancellationToken cancellationToken)
    {
        int type = ApixoValues.UpscaleType(request.Mode) ?? throw new MidjourneyNotSupportedException(
            $"APIXO has no {request.Mode} upscale; it offers Default (type 0), Creative (1), TwoX (2) and FourX (3).") { Provider = Kind };
        var input = new ApixoInput { Mode = "upscale", TaskId = request.TaskId, ImageIndex = ApixoValues.ImageIndex(request.Index), Type = type };
        return SubmitAsync(request, input, FollowUp(MidjourneyAction.Upscale, request.TaskId, prompt: null), cancellationToken);
    }

    public Task<MidjourneyTask> VariationAsync(VariationRequest request, CancellationToken cancellationToken)
    {
        var input = new ApixoInput
        {
            Mode = "vary",
            TaskId = request.TaskId,
            ImageIndex = ApixoValues.ImageIndex(request.Index),
            Type = ApixoValues.VaryType(request.Strength),
            Prompt = request.Prompt,
        };
        return SubmitAsync(request, input, FollowUp(MidjourneyAction.Variation, request.TaskId, request.Prompt), cancellationToken);
    }

    /// <summary>
    /// upload-paint repaints an image given by URL, so the parent is fetched first and its first result image is the source
    /// (an upscale's only image; image 1 of a grid: upscale first to repaint another). The mask goes as <c>mask.url</c>:
    /// a URL as is, inline bytes as a data URL; an inline PNG's size also gives <c>canvas</c> and <c>imgPos</c> (the whole image).
    /// </summary>
    public async Task<MidjourneyTask> InpaintAsync(InpaintRequest request, CancellationToken cancellationToken)
    {
        ApiResponse<ApixoEnvelope> parentResponse = await StatusAsync(request.TaskId, cancellationToken).ConfigureAwait(false);
        ApixoSubmission? parentSubmission = submitted.Find(request.TaskId);
        MidjourneyTask parent = mapper.Map(request.TaskId, parentResponse.Value, parentResponse.RawJson, parentSubmission);
        // ImageUrls, not ImageUrl: a grid here has no composite image, only its four separate ones.
        if (parent.Status != MidjourneyTaskStatus.Succeeded || parent.ImageUrls.Count == 0)
        {
            string state = parent.Status == MidjourneyTaskStatus.Succeeded ? "finished without a result image" : $"{parent.Status}, not finished";
            throw new MidjourneyInvalidRequestException($"APIXO task {request.TaskId} is {state}; inpaint needs the image of a finished task.")
            {
                Provider = Kind,
            };
        }

        (int Width, int Height)? size = request.Mask.IsUrl ? null : PngHeader.TryReadSize(request.Mask.Data.Span);
        var input = new ApixoInput
        {
            Mode = "upload-paint",
            Prompt = request.Prompt ?? parentSubmission?.Prompt,
            ImageUrls = [parent.ImageUrls[0].AbsoluteUri],
            Mask = new ApixoMask { Url = request.Mask.IsUrl ? request.Mask.Url!.AbsoluteUri : request.Mask.ToDataUri() },
            Canvas = size is { } canvas ? new ApixoSize { Width = canvas.Width, Height = canvas.Height } : null,
            ImagePosition = size is { } image ? new ApixoImagePosition { Width = image.Width, Height = image.Height, X = 0, Y = 0 } : null,
        };
        return await SubmitAsync(request, input, FollowUp(MidjourneyAction.Inpaint, request.TaskId, request.Prompt), cancellationToken).ConfigureAwait(false);
    }

    public Task<MidjourneyTask> RerollAsync(RerollRequest request, CancellationToken cancellationToken) => throw NotOffered(MidjourneyAction.Reroll);

    public Task<MidjourneyTask> OutpaintAsync(OutpaintRequest request, CancellationToken cancellationToken) => throw NotOffered(MidjourneyAction.Outpaint);

    public Task<MidjourneyTask> PanAsync(PanRequest request, CancellationToken cancellationToken) => throw NotOffered(MidjourneyAction.Pan);

    public Task<MidjourneyTask> DescribeAsync(DescribeRequest request, CancellationToken cancellationToken) => throw NotOffered(MidjourneyAction.Describe);

    public Task<MidjourneyTask> BlendAsync(BlendRequest request, CancellationToken cancellationToken) => throw NotOffered(MidjourneyAction.Blend);

    public Task<MidjourneyTask> ShortenAsync(ShortenRequest request, CancellationToken cancellationToken) => throw NotOffered(MidjourneyAction.Shorten);

    public Task<MidjourneyTask> GetTaskAsync(string taskId, ApiCallKind kind, CancellationToken cancellationToken) => http.ReadAsync(
        (api, authorization, taskId, mapper, submitted),
        static (s, ct) => s.api.StatusTaskAsync(s.authorization, s.taskId, ct),
        Json.ApixoEnvelope,
        static (s, answer) => s.mapper.Map(s.taskId, answer.Value, answer.RawJson, s.submitted.Find(s.taskId)),
        cancellationToken,
        kind: kind);

    /// <summary><c>GET api/v1/apikeys/current-balance</c>: the balance in US dollars.</summary>
    public Task<MidjourneyBalance> GetBalanceAsync(CancellationToken cancellationToken) => http.ReadAsync(
        (api, authorization),
        static (s, ct) => s.api.CurrentBalanceAsync(s.authorization, ct),
        Json.ApixoBalanceResponse,
        static (_, answer) => new MidjourneyBalance(answer.Value.Amount!.Value, "USD", answer.RawJson.Text),
        cancellationToken);

    /// <summary>APIXO's callback is its status envelope.</summary>
    public MidjourneyTask ReadCallback(ReadOnlyMemory<byte> body)
    {
        ApixoEnvelope envelope = CallbackBody.Read(body, Json.ApixoEnvelope, MidjourneyProvider.Apixo);
        string? id = envelope.Data is { ValueKind: System.Text.Json.JsonValueKind.Object } data && data.TryGetProperty("taskId", out System.Text.Json.JsonElement taskId)
            ? WireValues.Text(taskId)
            : null;
        string taskIdText = CallbackBody.RequireId(id, MidjourneyProvider.Apixo, "data.taskId");
        return mapper.Map(taskIdText, envelope, CallbackBody.Raw(body), submitted.Find(taskIdText));
    }

    private Task<ApiResponse<ApixoEnvelope>> StatusAsync(string taskId, CancellationToken cancellationToken) => http.ReadAsync(
        (api, authorization, taskId),
        static (s, ct) => s.api.StatusTaskAsync(s.authorization, s.taskId, ct),
        Json.ApixoEnvelope,
        static (_, answer) => answer,
        cancellationToken);

    private Task<MidjourneyTask> SubmitAsync(MidjourneyRequest request, ApixoInput input, ApixoSubmission submission, CancellationToken cancellationToken)
    {
        string? callback = webhooks.For(request)?.Url;
        var body = new ApixoGenerateBody
        {
            RequestType = callback is null ? "async" : "callback",
            CallbackUrl = callback,
            Input = input,
        };
        return http.SubmitAsync(
            (api, authorization, body, submission, submitted, timeProvider),
            static (s, ct) => s.api.GenerateTaskAsync(s.authorization, s.body, ct),
            Json.ApixoSubmitResponse,
            static (s, answer) => Accepted(answer, s.submission with { SubmittedAt = s.timeProvider.GetUtcNow() }, s.submitted),
            submission.ParentTaskId,
            cancellationToken);
    }

    /// <summary>The task a submit created, remembered so its status answers can be completed and its first poll timed.</summary>
    private static MidjourneyTask Accepted(ApiResponse<ApixoSubmitResponse> answer, ApixoSubmission submission, ApixoSubmittedTasks submitted)
    {
        string taskId = answer.Value.TaskId!;
        submitted.Remember(taskId, submission);
        return AcceptedTask.Pending(MidjourneyProvider.Apixo, taskId, submission.Action, submission.Prompt, submission.ParentTaskId, answer.RawJson);
    }

    /// <summary>A follow-up inherits the parent's speed and, without a prompt of its own, the parent's prompt (when this client knows them).</summary>
    private ApixoSubmission FollowUp(MidjourneyAction action, string parentTaskId, string? prompt)
    {
        ApixoSubmission? parent = submitted.Find(parentTaskId);
        return new ApixoSubmission(action, prompt ?? parent?.Prompt, parentTaskId, parent?.Speed, default);
    }

    private static string RequireUrl(MidjourneyImage image) => image.IsUrl
        ? image.Url!.AbsoluteUri
        : throw new ArgumentException(
            $"APIXO takes reference images as URLs, not inline data ({image}): upload the image and pass MidjourneyImage.FromUrl(...).",
            "request");

    private MidjourneyNotSupportedException NotOffered(MidjourneyAction action) =>
        new($"APIXO does not offer {action}. It offers: {Capabilities}.") { Provider = Kind };
}
