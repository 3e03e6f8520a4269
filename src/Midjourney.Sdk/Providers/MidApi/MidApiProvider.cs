using Microsoft.Extensions.Logging;
using Midjourney.Sdk.Http;
using Midjourney.Sdk.Webhooks;

namespace Midjourney.Sdk.Providers.MidApi;

/// <summary>
/// The midapi adapter (the same API is served by kie.ai: set <see cref="MidjourneyClientOptions.BaseUrl"/>). Every imagine
/// parameter has a field; reference images go as URLs in <c>fileUrls</c> (style and omni references
/// too, as the <c>mj_style_reference</c> and <c>mj_omni_reference</c> task types). Upscale and vary take a grid image by index
/// only; video is <c>mj_video</c>/<c>mj_video_hd</c> with the start image as a URL; nothing else is offered, and no progress is reported. Webhooks go as <c>callBackUrl</c> (midapi has no field for a
/// secret, so <see cref="MidjourneyRequest.WebhookSecret"/> travels as the SDK's token in that URL).
/// </summary>
internal sealed class MidApiProvider(IMidApiApi api, ApiCaller http, MidApiTaskMapper mapper, int variationIndexBase, string authorization, WebhookSettings webhooks, bool kieAi = false) : IMidjourneyProvider
{
    public static readonly Uri DefaultBaseUrl = new("https://api.midapi.ai/");

    private static readonly MidjourneyCapabilities MidApiCapabilities = new(
        [MidjourneyAction.Imagine, MidjourneyAction.Upscale, MidjourneyAction.Variation, MidjourneyAction.Video],
        supportsReferenceImages: true,
        reportsProgress: false);

    /// <summary>The same API on kie.ai, which also reports the account's credits.</summary>
    private static readonly MidjourneyCapabilities KieAiCapabilities = new(MidApiCapabilities.SupportedActions, supportsReferenceImages: true, reportsProgress: false)
    {
        SupportsBalance = true,
    };

    public MidjourneyProvider Kind => MidjourneyProvider.MidApi;

    public MidjourneyCapabilities Capabilities => kieAi ? KieAiCapabilities : MidApiCapabilities;

    // midapi's guide polls every 30 s and gives up after 10 minutes; a fast job takes 30-60 s and shows no progress.
    // The timeout leaves room for relaxed jobs, which queue longer.
    public IReadOnlyList<string> AspectRatios => MidApiFields.AspectRatios;

    public PollingDefaults PollingDefaults { get; } = new(
        Interval: TimeSpan.FromSeconds(2),
        MaxInterval: TimeSpan.FromSeconds(60),
        Timeout: TimeSpan.FromMinutes(15),
        TypicalDuration: TimeSpan.FromSeconds(45),
        LagBudget: PollingDefaults.DurationLagBudget);

    private static MidApiJsonContext Json => MidApiJsonContext.Default;

    public static MidApiProvider Create(ProviderContext context)
    {
        (IMidApiApi api, ApiCaller http) = context.CreateApi<IMidApiApi>(DefaultBaseUrl, Json);
        return new MidApiProvider(
            api, http, new MidApiTaskMapper(context.LoggerFactory.CreateLogger<MidApiProvider>()), context.Options.MidApi.VariationIndexBase, "Bearer " + context.Options.ApiKey, context.Webhooks,
            IsKieAi(context.Options.BaseUrl));
    }

    public Task<MidjourneyTask> ImagineAsync(ImagineRequest request, CancellationToken cancellationToken)
    {
        string prompt = MidApiFields.Prompt(request.Prompt);
        (string taskType, string[] fileUrls) = ImagineTask(request);
        var body = new MidApiGenerateBody
        {
            TaskType = taskType,
            Prompt = prompt,
            Speed = MidApiFields.Speed(request.Speed),
            AspectRatio = MidApiFields.AspectRatio(request.AspectRatio),
            Version = MidApiFields.Version(request.Version),
            Stylization = request.Stylize,
            Weirdness = request.Weird,
            Variety = request.Chaos,
            FileUrls = fileUrls.Length > 0 ? fileUrls : null,
            Ow = request.OmniWeight,
            CallBackUrl = webhooks.For(request)?.Url,
        };
        return SubmitAsync(body, static (api, auth, b, ct) => api.GenerateAsync(auth, b, ct), MidjourneyAction.Imagine, prompt, parent: null, cancellationToken);
    }

    public Task<MidjourneyTask> UpscaleAsync(UpscaleRequest request, CancellationToken cancellationToken)
    {
        if (request.Mode != UpscaleMode.Default)
        {
            throw new MidjourneyNotSupportedException(
                $"midapi has no {request.Mode} upscale; generateUpscale only picks one image of a grid (UpscaleMode.Default).") { Provider = Kind };
        }

        // generateUpscale's imageIndex is 0..3 in every version of the reference.
        var body = new MidApiImageIndexBody { TaskId = request.TaskId, ImageIndex = request.Index - 1, CallBackUrl = webhooks.For(request)?.Url };
        return SubmitAsync(body, static (api, auth, b, ct) => api.GenerateUpscaleAsync(auth, b, ct), MidjourneyAction.Upscale, prompt: null, request.TaskId, cancellationToken);
    }

    public Task<MidjourneyTask> VariationAsync(VariationRequest request, CancellationToken cancellationToken)
    {
        if (request.Strength is { } strength)
        {
            throw new MidjourneyNotSupportedException(
                $"midapi varies a grid image by index only; it has no {strength} variation. Leave Strength null.") { Provider = Kind };
        }

        if (request.Prompt is not null)
        {
            throw new MidjourneyNotSupportedException(
                "midapi's generateVary takes no prompt; leave VariationRequest.Prompt null.") { Provider = Kind };
        }

        var body = new MidApiImageIndexBody
        {
            TaskId = request.TaskId,
            ImageIndex = request.Index - 1 + variationIndexBase,
            CallBackUrl = webhooks.For(request)?.Url,
        };
        return SubmitAsync(body, static (api, auth, b, ct) => api.GenerateVaryAsync(auth, b, ct), MidjourneyAction.Variation, prompt: null, request.TaskId, cancellationToken);
    }

    public Task<MidjourneyTask> VideoAsync(VideoRequest request, CancellationToken cancellationToken)
    {
        if (request.EndImage is not null)
        {
            throw new MidjourneyNotSupportedException("midapi's video has no end image; leave VideoRequest.EndImage null (MJ-Proxy takes one).") { Provider = Kind };
        }

        if (request.Loop)
        {
            throw new MidjourneyNotSupportedException("midapi's video has no loop option; leave VideoRequest.Loop false (MJ-Proxy takes one).") { Provider = Kind };
        }

        string startImage = request.Image.IsUrl
            ? request.Image.Url!.AbsoluteUri
            : throw new ArgumentException(
                $"midapi takes a video's start image as a URL in fileUrl, not inline data ({request.Image}): upload the image and pass MidjourneyImage.FromUrl(...).",
                nameof(request));
        string prompt = MidApiFields.Prompt(request.Prompt!);

        // Speed is not used for video; motion is always sent (low is Midjourney's default), the batch size only when set.
        var body = new MidApiGenerateBody
        {
            TaskType = request.HighDefinition ? "mj_video_hd" : "mj_video",
            Prompt = prompt,
            FileUrl = startImage,
            Motion = request.Motion == VideoMotion.High ? "high" : "low",
            VideoBatchSize = request.BatchSize,
            CallBackUrl = webhooks.For(request)?.Url,
        };
        return SubmitAsync(body, static (api, auth, b, ct) => api.GenerateAsync(auth, b, ct), MidjourneyAction.Video, prompt, parent: null, cancellationToken);
    }

    public Task<MidjourneyTask> RerollAsync(RerollRequest request, CancellationToken cancellationToken) => throw NotOffered(MidjourneyAction.Reroll);

    public Task<MidjourneyTask> InpaintAsync(InpaintRequest request, CancellationToken cancellationToken) => throw NotOffered(MidjourneyAction.Inpaint);

    public Task<MidjourneyTask> OutpaintAsync(OutpaintRequest request, CancellationToken cancellationToken) => throw NotOffered(MidjourneyAction.Outpaint);

    public Task<MidjourneyTask> PanAsync(PanRequest request, CancellationToken cancellationToken) => throw NotOffered(MidjourneyAction.Pan);

    public Task<MidjourneyTask> DescribeAsync(DescribeRequest request, CancellationToken cancellationToken) => throw NotOffered(MidjourneyAction.Describe);

    public Task<MidjourneyTask> BlendAsync(BlendRequest request, CancellationToken cancellationToken) => throw NotOffered(MidjourneyAction.Blend);

    public Task<MidjourneyTask> ShortenAsync(ShortenRequest request, CancellationToken cancellationToken) => throw NotOffered(MidjourneyAction.Shorten);

    public Task<MidjourneyTask> GetTaskAsync(string taskId, ApiCallKind kind, CancellationToken cancellationToken) => http.ReadAsync(
        (api, authorization, taskId, mapper),
        static (s, ct) => s.api.RecordInfoAsync(s.authorization, s.taskId, ct),
        Json.MidApiRecordResponse,
        static (s, answer) => s.mapper.Map(answer.Value, s.taskId, answer.RawJson),
        cancellationToken,
        kind: kind);

    /// <summary>kie.ai only (the client checks <see cref="MidjourneyCapabilities.SupportsBalance"/>): <c>GET api/v1/chat/credit</c>, the credits left.</summary>
    public Task<MidjourneyBalance> GetBalanceAsync(CancellationToken cancellationToken) => http.ReadAsync(
        (api, authorization),
        static (s, ct) => s.api.CreditAsync(s.authorization, ct),
        Json.MidApiCreditResponse,
        static (_, answer) => new MidjourneyBalance(answer.Value.Amount!.Value, "credits", answer.RawJson.Text),
        cancellationToken);

    /// <summary>Whether the base URL is kie.ai's (<c>api.kie.ai</c>), which serves the credit endpoint midapi.ai lacks.</summary>
    internal static bool IsKieAi(Uri? baseUrl) =>
        baseUrl is not null && (baseUrl.Host.Equals("kie.ai", StringComparison.OrdinalIgnoreCase) || baseUrl.Host.EndsWith(".kie.ai", StringComparison.OrdinalIgnoreCase));

    /// <summary>midapi's callback: <c>{code, msg, data: {taskId, promptJson, resultUrls}}</c>, a failure as a non-200 code.</summary>
    public MidjourneyTask ReadCallback(ReadOnlyMemory<byte> body)
    {
        MidApiCallback callback = CallbackBody.Read(body, Json.MidApiCallback, MidjourneyProvider.MidApi);
        CallbackBody.RequireId(callback.Data?.TaskId, MidjourneyProvider.MidApi, "data.taskId");
        return MidApiTaskMapper.MapCallback(callback, CallbackBody.Raw(body));
    }

    /// <summary>Sends <paramref name="body"/> to <paramref name="endpoint"/> (a static lambda over the Refit method) and returns the accepted task.</summary>
    private Task<MidjourneyTask> SubmitAsync<TBody>(
        TBody body,
        Func<IMidApiApi, string, TBody, CancellationToken, Task<HttpResponseMessage>> endpoint,
        MidjourneyAction action,
        string? prompt,
        string? parent,
        CancellationToken cancellationToken) => http.SubmitAsync(
        (api, authorization, body, endpoint, action, prompt, parent),
        static (s, ct) => s.endpoint(s.api, s.authorization, s.body, ct),
        Json.MidApiSubmitResponse,
        static (s, answer) => AcceptedTask.Pending(MidjourneyProvider.MidApi, answer.Value.TaskId!, s.action, s.prompt, s.parent, answer.RawJson),
        parent,
        cancellationToken);

    /// <summary>
    /// The task type and its <c>fileUrls</c>: image prompts (<c>mj_img2img</c>), style references (<c>mj_style_reference</c>)
    /// and the omni reference (<c>mj_omni_reference</c>) are each their own task type with the images in the same field,
    /// so one request can carry only one kind; a mix is refused rather than silently dropping some images.
    /// </summary>
    private (string TaskType, string[] FileUrls) ImagineTask(ImagineRequest request)
    {
        int kinds = (request.ReferenceImages.Count > 0 ? 1 : 0) + (request.StyleReferences.Count > 0 ? 1 : 0) + (request.OmniReference is null ? 0 : 1);
        if (kinds > 1)
        {
            throw new MidjourneyNotSupportedException(
                "midapi takes one kind of reference per imagine (mj_img2img, mj_style_reference or mj_omni_reference, each with its images in fileUrls); "
                + "set only one of ReferenceImages, StyleReferences and OmniReference.") { Provider = Kind };
        }

        if (request.StyleReferences.Count > 0)
        {
            // The validator has made sure these are URLs.
            return ("mj_style_reference", request.StyleReferences.Select(image => image.Url!.AbsoluteUri).ToArray());
        }

        if (request.OmniReference is { } omni)
        {
            return ("mj_omni_reference", [omni.Url!.AbsoluteUri]);
        }

        string[] images = request.ReferenceImages.Select(ReferenceUrl).ToArray();
        return (images.Length > 0 ? "mj_img2img" : "mj_txt2img", images);
    }

    private static string ReferenceUrl(MidjourneyImage image) => image.IsUrl
        ? image.Url!.AbsoluteUri
        : throw new ArgumentException(
            $"midapi takes reference images as URLs in fileUrls, not inline data ({image}): upload the image and pass MidjourneyImage.FromUrl(...).",
            nameof(ImagineRequest.ReferenceImages));

    private MidjourneyNotSupportedException NotOffered(MidjourneyAction action) =>
        new($"midapi does not offer {action}; it offers {MidApiCapabilities}.") { Provider = Kind };
}
