using System.Globalization;
using Microsoft.Extensions.Logging;
using Midjourney.Sdk.Http;
using Midjourney.Sdk.Webhooks;

namespace Midjourney.Sdk.Providers.GoApi;

/// <summary>
/// The GoAPI Midjourney API v2 adapter. Version, stylize, chaos, weird and style/omni references travel as prompt flags (the wire has fields
/// for the aspect ratio and speed only); follow-ups inherit the parent's speed. No shorten.
/// </summary>
internal sealed class GoApiProvider(IGoApiV2Api api, ApiCaller http, GoApiTaskMapper mapper, string apiKey, WebhookSettings webhooks) : IMidjourneyProvider
{
    public static readonly Uri DefaultBaseUrl = new("https://api.midjourneyapi.xyz/");

    private static readonly MidjourneyCapabilities GoApiCapabilities = new(
        [
            MidjourneyAction.Imagine, MidjourneyAction.Upscale, MidjourneyAction.Variation, MidjourneyAction.Reroll,
            MidjourneyAction.Inpaint, MidjourneyAction.Outpaint, MidjourneyAction.Pan, MidjourneyAction.Describe, MidjourneyAction.Blend,
        ],
        supportsReferenceImages: false,
        reportsProgress: true)
    {
        SupportsSeedLookup = true,
    };

    public MidjourneyProvider Kind => MidjourneyProvider.GoApi;

    public MidjourneyCapabilities Capabilities => GoApiCapabilities;

    public PollingDefaults PollingDefaults => PollingDefaults.WithProgress;

    /// <summary>multi_fetch takes a list of ids; GoAPI documents no limit, so batches stay modest.</summary>
    public int StatusBatchSize => 50;

    private static GoApiJsonContext Json => GoApiJsonContext.Default;

    public static GoApiProvider Create(ProviderContext context)
    {
        (IGoApiV2Api api, ApiCaller http) = context.CreateApi<IGoApiV2Api>(DefaultBaseUrl, Json);
        return new GoApiProvider(api, http, new GoApiTaskMapper(context.LoggerFactory.CreateLogger<GoApiProvider>()), context.Options.ApiKey!, context.Webhooks);
    }

    public Task<MidjourneyTask> ImagineAsync(ImagineRequest request, CancellationToken cancellationToken)
    {
        // GoAPI v2 has no field for style or omni references: Midjourney's own flags carry them.
        string prompt = PromptFlags.AppendReferences(
            PromptFlags.Append(request, aspectRatio: false, version: true, stylize: true, chaos: true, weird: true), request);
        GoApiImagineBody body = WithWebhook(request, new GoApiImagineBody
        {
            Prompt = prompt,
            AspectRatio = request.AspectRatio,
            ProcessMode = ProcessMode(request.Speed),
        });
        return SubmitAsync(body, static (api, key, b, ct) => api.ImagineAsync(key, b, ct), MidjourneyAction.Imagine, prompt, parent: null, cancellationToken);
    }

    public Task<MidjourneyTask> UpscaleAsync(UpscaleRequest request, CancellationToken cancellationToken)
    {
        string index = request.Mode switch
        {
            UpscaleMode.Default => Index(request.Index),
            UpscaleMode.TwoX => "2x",
            UpscaleMode.FourX => "4x",
            _ => throw new MidjourneyNotSupportedException(
                $"GoAPI v2 has no {request.Mode} upscale; it offers Default (U1..U4), TwoX and FourX.") { Provider = Kind },
        };
        GoApiUpscaleBody body = WithWebhook(request, new GoApiUpscaleBody { OriginTaskId = request.TaskId, Index = index });
        return SubmitAsync(body, static (api, key, b, ct) => api.UpscaleAsync(key, b, ct), MidjourneyAction.Upscale, prompt: null, request.TaskId, cancellationToken);
    }

    public Task<MidjourneyTask> VariationAsync(VariationRequest request, CancellationToken cancellationToken)
    {
        string index = request.Strength switch
        {
            null => Index(request.Index),
            VariationStrength.Subtle => "low_variation",
            _ => "high_variation",
        };
        GoApiVariationBody body = WithWebhook(request, new GoApiVariationBody { OriginTaskId = request.TaskId, Index = index, Prompt = request.Prompt });
        return SubmitAsync(body, static (api, key, b, ct) => api.VariationAsync(key, b, ct), MidjourneyAction.Variation, request.Prompt, request.TaskId, cancellationToken);
    }

    public Task<MidjourneyTask> RerollAsync(RerollRequest request, CancellationToken cancellationToken)
    {
        GoApiRerollBody body = WithWebhook(request, new GoApiRerollBody { OriginTaskId = request.TaskId, Prompt = request.Prompt, AspectRatio = request.AspectRatio });
        return SubmitAsync(body, static (api, key, b, ct) => api.RerollAsync(key, b, ct), MidjourneyAction.Reroll, request.Prompt, request.TaskId, cancellationToken);
    }

    public Task<MidjourneyTask> InpaintAsync(InpaintRequest request, CancellationToken cancellationToken)
    {
        if (request.Mask.IsUrl)
        {
            throw new ArgumentException(
                "GoAPI takes the inpaint mask as inline image data (base64), not a URL: load the mask and pass MidjourneyImage.FromBytes(...) or FromDataUri(...).",
                nameof(request));
        }

        GoApiInpaintBody body = WithWebhook(request, new GoApiInpaintBody { OriginTaskId = request.TaskId, Mask = request.Mask.ToBase64(), Prompt = request.Prompt });
        return SubmitAsync(body, static (api, key, b, ct) => api.InpaintAsync(key, b, ct), MidjourneyAction.Inpaint, request.Prompt, request.TaskId, cancellationToken);
    }

    public Task<MidjourneyTask> OutpaintAsync(OutpaintRequest request, CancellationToken cancellationToken)
    {
        GoApiOutpaintBody body = WithWebhook(request, new GoApiOutpaintBody
        {
            OriginTaskId = request.TaskId,
            ZoomRatio = request.Zoom.ToString("0.###", CultureInfo.InvariantCulture),
            AspectRatio = request.AspectRatio,
            Prompt = request.Prompt,
        });
        return SubmitAsync(body, static (api, key, b, ct) => api.OutpaintAsync(key, b, ct), MidjourneyAction.Outpaint, request.Prompt, request.TaskId, cancellationToken);
    }

    public Task<MidjourneyTask> PanAsync(PanRequest request, CancellationToken cancellationToken)
    {
        GoApiPanBody body = WithWebhook(request, new GoApiPanBody
        {
            OriginTaskId = request.TaskId,
            Direction = request.Direction.ToString().ToLowerInvariant(),
            Prompt = request.Prompt,
        });
        return SubmitAsync(body, static (api, key, b, ct) => api.PanAsync(key, b, ct), MidjourneyAction.Pan, request.Prompt, request.TaskId, cancellationToken);
    }

    public Task<MidjourneyTask> DescribeAsync(DescribeRequest request, CancellationToken cancellationToken)
    {
        string imageUrl = RequireUrl(request.Image, "describe", nameof(request));
        GoApiDescribeBody body = WithWebhook(request, new GoApiDescribeBody { ImageUrl = imageUrl, ProcessMode = ProcessMode(request.Speed) });
        return SubmitAsync(body, static (api, key, b, ct) => api.DescribeAsync(key, b, ct), MidjourneyAction.Describe, prompt: null, parent: null, cancellationToken);
    }

    public Task<MidjourneyTask> BlendAsync(BlendRequest request, CancellationToken cancellationToken)
    {
        string[] urls = request.Images.Select(image => RequireUrl(image, "blend", nameof(request))).ToArray();
        GoApiBlendBody body = WithWebhook(request, new GoApiBlendBody
        {
            ImageUrls = urls,
            ProcessMode = ProcessMode(request.Speed),
            Dimension = request.Dimensions?.ToString().ToLowerInvariant(),
        });
        return SubmitAsync(body, static (api, key, b, ct) => api.BlendAsync(key, b, ct), MidjourneyAction.Blend, prompt: null, parent: null, cancellationToken);
    }

    public Task<MidjourneyTask> ShortenAsync(ShortenRequest request, CancellationToken cancellationToken) =>
        throw new MidjourneyNotSupportedException("GoAPI's Midjourney API v2 has no shorten endpoint.") { Provider = Kind };

    public Task<MidjourneyTask> GetTaskAsync(string taskId, ApiCallKind kind, CancellationToken cancellationToken) => http.ReadAsync(
        (api, apiKey, body: new GoApiFetchBody { TaskId = taskId }, mapper),
        static (s, ct) => s.api.FetchAsync(s.apiKey, s.body, ct),
        Json.GoApiTask,
        static (s, answer) => s.mapper.Map(answer.Value, answer.RawJson),
        cancellationToken,
        kind: kind);

    /// <summary>GoAPI reports the seed on the task itself (<c>task_result.seed</c>, once it succeeded): one fetch.</summary>
    public async Task<string?> GetSeedAsync(string taskId, CancellationToken cancellationToken) =>
        (await GetTaskAsync(taskId, ApiCallKind.Read, cancellationToken).ConfigureAwait(false)).Seed;

    /// <summary>GoAPI's callback is its fetch object.</summary>
    public MidjourneyTask ReadCallback(ReadOnlyMemory<byte> body)
    {
        GoApiTask wire = CallbackBody.Read(body, Json.GoApiTask, MidjourneyProvider.GoApi);
        CallbackBody.RequireId(wire.TaskId, MidjourneyProvider.GoApi, "task_id");
        return mapper.Map(wire, CallbackBody.Raw(body));
    }

    public Task<IReadOnlyList<MidjourneyTask>> GetTasksAsync(IReadOnlyList<string> taskIds, CancellationToken cancellationToken) => http.ReadAsync(
        (api, apiKey, body: new GoApiMultiFetchBody { TaskIds = taskIds }, mapper),
        static (s, ct) => s.api.MultiFetchAsync(s.apiKey, s.body, ct),
        Json.GoApiMultiFetchResponse,
        static (s, answer) => BatchStatus.Map(answer.Value.Data?.Values ?? Enumerable.Empty<System.Text.Json.JsonElement>(), Json.GoApiTask, s.mapper.Map),
        cancellationToken,
        kind: ApiCallKind.Check);

    /// <summary>Sends <paramref name="body"/> to <paramref name="endpoint"/> (a static lambda over the Refit method) and returns the accepted task.</summary>
    private Task<MidjourneyTask> SubmitAsync<TBody>(
        TBody body,
        Func<IGoApiV2Api, string, TBody, CancellationToken, Task<HttpResponseMessage>> endpoint,
        MidjourneyAction action,
        string? prompt,
        string? parent,
        CancellationToken cancellationToken) => http.SubmitAsync(
        (api, apiKey, body, endpoint, action, prompt, parent),
        static (s, ct) => s.endpoint(s.api, s.apiKey, s.body, ct),
        Json.GoApiSubmitResponse,
        static (s, answer) => AcceptedTask.Pending(MidjourneyProvider.GoApi, answer.Value.TaskId!, s.action, s.prompt, s.parent, answer.RawJson),
        parent,
        cancellationToken);

    // GoAPI carries the secret (it echoes it in x-webhook-secret) and asks for progress callbacks on request.
    private T WithWebhook<T>(MidjourneyRequest request, T body)
        where T : GoApiSubmitBody
    {
        if (webhooks.For(request) is { } plan)
        {
            body.WebhookEndpoint = plan.Url;
            body.WebhookSecret = plan.Secret;
            body.NotifyProgress = plan.NotifyProgress ? true : null;
        }

        return body;
    }

    private static string Index(int index) => index.ToString(CultureInfo.InvariantCulture);

    private static string? ProcessMode(MidjourneySpeed? speed) => speed switch
    {
        MidjourneySpeed.Relax => "relax",
        MidjourneySpeed.Fast => "fast",
        MidjourneySpeed.Turbo => "turbo",
        _ => null,
    };

    private static string RequireUrl(MidjourneyImage image, string operation, string paramName) => image.IsUrl
        ? image.Url!.AbsoluteUri
        : throw new ArgumentException(
            $"GoAPI takes {operation} images as URLs, not inline data ({image}): upload the image and pass MidjourneyImage.FromUrl(...).",
            paramName);
}
