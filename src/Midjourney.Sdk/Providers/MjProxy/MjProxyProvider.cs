using Microsoft.Extensions.Logging;
using Midjourney.Sdk.Http;
using Midjourney.Sdk.Webhooks;

namespace Midjourney.Sdk.Providers.MjProxy;

/// <summary>
/// The MJ-Proxy adapter (the open-source midjourney-proxy servers and the relays that resell them).
/// New tasks have their own submit endpoints; every follow-up presses one of the parent task's Discord buttons:
/// the parent is fetched, the button is picked from its <c>buttons</c> by customId, and <c>/mj/submit/action</c> is posted.
/// Custom Zoom and Vary (Region) open Midjourney's dialog (code 21, task in <c>MODAL</c>), which is confirmed through
/// <c>/mj/submit/modal</c> with the prompt (and mask) the request carries. Version, stylize, chaos, weird and aspect ratio
/// travel as prompt flags (the wire has no fields for them). A request's speed selects the relay's lane by path prefix
/// when one is configured; follow-ups and fetches use no prefix (Midjourney runs a follow-up at its parent's speed).
/// </summary>
internal sealed class MjProxyProvider(IMjProxyApi api, ApiCaller http, MjProxyTaskMapper mapper, MjProxyOptions options, MjProxyKey key, ILogger logger, WebhookSettings webhooks) : IMidjourneyProvider
{
    private static readonly MidjourneyCapabilities MjProxyCapabilities = new(
        [
            MidjourneyAction.Imagine, MidjourneyAction.Upscale, MidjourneyAction.Variation, MidjourneyAction.Reroll, MidjourneyAction.Inpaint,
            MidjourneyAction.Outpaint, MidjourneyAction.Pan, MidjourneyAction.Describe, MidjourneyAction.Blend, MidjourneyAction.Shorten,
            MidjourneyAction.Video,
        ],
        supportsReferenceImages: true,
        reportsProgress: true)
    {
        SupportsCancel = true,
        SupportsVideoExtend = true,
        SupportsSeedLookup = true,
    };

    public MidjourneyProvider Kind => MidjourneyProvider.MjProxy;

    public MidjourneyCapabilities Capabilities => MjProxyCapabilities;

    public PollingDefaults PollingDefaults => PollingDefaults.WithProgress;

    /// <summary>list-by-condition takes a list of ids; servers page their lists at 100 or more.</summary>
    public int StatusBatchSize => 50;

    private static MjProxyJsonContext Json => MjProxyJsonContext.Default;

    public static MjProxyProvider Create(ProviderContext context)
    {
        MjProxyOptions options = context.Options.MjProxy;

        // MJ-Proxy has no public endpoint: the options validator requires BaseUrl for this provider.
        (IMjProxyApi api, ApiCaller http) = context.CreateApi<IMjProxyApi>(context.Options.BaseUrl!, Json);
        ILogger logger = context.LoggerFactory.CreateLogger<MjProxyProvider>();
        return new MjProxyProvider(api, http, new MjProxyTaskMapper(logger), options, new MjProxyKey(options.AuthHeader, context.Options.ApiKey!), logger, context.Webhooks);
    }

    public Task<MidjourneyTask> ImagineAsync(ImagineRequest request, CancellationToken cancellationToken)
    {
        // MJ-Proxy's base64Array holds image prompts, not style or omni references: Midjourney's own flags carry those.
        string prompt = PromptFlags.AppendReferences(
            PromptFlags.Append(request, aspectRatio: true, version: true, stylize: true, chaos: true, weird: true), request);
        string? lane = Lane(request.Speed);
        if (request.Speed is { } speed && lane is null)
        {
            // No lane configured for this speed: Midjourney's own speed flag asks for it instead.
            prompt = MjProxyPrompts.WithSpeed(prompt, speed);
        }

        // Images given by URL are Midjourney's own image prompts: URLs at the start of the prompt. Inline ones go as data URLs.
        string[] urls = request.ReferenceImages.Where(image => image.IsUrl).Select(image => image.Url!.AbsoluteUri).ToArray();
        if (urls.Length > 0)
        {
            prompt = string.Join(' ', urls) + " " + prompt;
        }

        string[] inline = request.ReferenceImages.Where(image => !image.IsUrl).Select(image => image.ToDataUri()).ToArray();
        MjProxyImagineBody body = WithHook(request, new MjProxyImagineBody
        {
            Prompt = prompt,
            Base64Array = inline.Length > 0 ? inline : null,
            BotType = IsNiji(request.Version) ? "NIJI_JOURNEY" : "MID_JOURNEY",
        });
        string route = MjProxyLanes.Route(lane);
        return SubmitAsync((Lane: route, Body: body), static (api, key, s, ct) => api.ImagineAsync(key.Authorization, key.ApiSecret, s.Lane, s.Body, ct), MidjourneyAction.Imagine, prompt, cancellationToken);
    }

    public Task<MidjourneyTask> BlendAsync(BlendRequest request, CancellationToken cancellationToken)
    {
        string[] images = request.Images.Select(image => Inline(image, "blend images")).ToArray();
        MjProxyBlendBody body = WithHook(request, new MjProxyBlendBody
        {
            Base64Array = images,
            Dimensions = (request.Dimensions ?? BlendDimensions.Square).ToString().ToUpperInvariant(),
        });
        string lane = MjProxyLanes.Route(Lane(request.Speed));
        return SubmitAsync((Lane: lane, Body: body), static (api, key, s, ct) => api.BlendAsync(key.Authorization, key.ApiSecret, s.Lane, s.Body, ct), MidjourneyAction.Blend, prompt: null, cancellationToken);
    }

    public Task<MidjourneyTask> DescribeAsync(DescribeRequest request, CancellationToken cancellationToken)
    {
        MjProxyDescribeBody body;
        if (!request.Image.IsUrl)
        {
            body = new MjProxyDescribeBody { Base64 = request.Image.ToDataUri() };
        }
        else if (options.SendDescribeLink)
        {
            body = new MjProxyDescribeBody { Link = request.Image.Url!.AbsoluteUri };
        }
        else
        {
            throw new MidjourneyNotSupportedException(
                $"MJ-Proxy's describe takes the image inline (base64), not as a URL ({request.Image}): pass MidjourneyImage.FromBytes(...) or FromDataUri(...), "
                + "or set MjProxy.SendDescribeLink when your relay accepts 'link'.") { Provider = Kind };
        }

        string lane = MjProxyLanes.Route(Lane(request.Speed));
        WithHook(request, body);
        return SubmitAsync((Lane: lane, Body: body), static (api, key, s, ct) => api.DescribeAsync(key.Authorization, key.ApiSecret, s.Lane, s.Body, ct), MidjourneyAction.Describe, prompt: null, cancellationToken);
    }

    /// <summary>trueai-org's <c>/mj/submit/video</c>; images go as URLs or data URLs, the resolution as <c>videoType</c>.</summary>
    public Task<MidjourneyTask> VideoAsync(VideoRequest request, CancellationToken cancellationToken)
    {
        (string route, string prompt) = VideoLane(request.Prompt!, request.Speed);
        MjProxyVideoBody body = WithHook(request, new MjProxyVideoBody
        {
            Prompt = prompt,
            Motion = Motion(request.Motion),
            Image = UrlOrInline(request.Image),
            EndImage = request.EndImage is { } end ? UrlOrInline(end) : null,
            Loop = request.Loop ? true : null,
            BatchSize = request.BatchSize,
            VideoType = request.HighDefinition ? "vid_1.1_i2v_720" : "vid_1.1_i2v_480",
        });
        return SubmitVideoAsync(route, body, parentTaskId: null, cancellationToken);
    }

    /// <summary>
    /// trueai-org's extend: <c>/mj/submit/video</c> with <c>action: "extend"</c>, the parent video task and its clip
    /// 0-based, and no image. The server checks the parent (unknown: HTTP 404, code 3; not finished: code 4).
    /// </summary>
    public Task<MidjourneyTask> ExtendVideoAsync(VideoExtendRequest request, CancellationToken cancellationToken)
    {
        (string route, string prompt) = VideoLane(request.Prompt!, request.Speed);
        MjProxyVideoBody body = WithHook(request, new MjProxyVideoBody
        {
            Prompt = prompt,
            Motion = Motion(request.Motion),
            Action = "extend",
            TaskId = request.TaskId,
            Index = request.Index - 1,
        });
        return SubmitVideoAsync(route, body, request.TaskId, cancellationToken);
    }

    public Task<MidjourneyTask> ShortenAsync(ShortenRequest request, CancellationToken cancellationToken)
    {
        MjProxyShortenBody body = WithHook(request, new MjProxyShortenBody { Prompt = request.Prompt.Trim() });
        return SubmitAsync((Lane: MjProxyLanes.None, Body: body), static (api, key, s, ct) => api.ShortenAsync(key.Authorization, key.ApiSecret, s.Lane, s.Body, ct), MidjourneyAction.Shorten, body.Prompt, cancellationToken);
    }

    public Task<MidjourneyTask> UpscaleAsync(UpscaleRequest request, CancellationToken cancellationToken)
    {
        MjProxyButtonChoice button = request.Mode switch
        {
            UpscaleMode.Subtle => MjProxyButtons.UpscaleSubtle,
            UpscaleMode.Creative => MjProxyButtons.UpscaleCreative,
            UpscaleMode.TwoX => MjProxyButtons.Upscale2X,
            UpscaleMode.FourX => MjProxyButtons.Upscale4X,
            _ => MjProxyButtons.Upscale(request.Index),
        };
        return PressAsync(new MjProxyFollowUp(request, request.TaskId, MidjourneyAction.Upscale, button, NewPrompt: null, Unused: null), cancellationToken);
    }

    public Task<MidjourneyTask> VariationAsync(VariationRequest request, CancellationToken cancellationToken)
    {
        MjProxyButtonChoice button = request.Strength switch
        {
            VariationStrength.Subtle => MjProxyButtons.VarySubtle,
            VariationStrength.Strong => MjProxyButtons.VaryStrong,
            _ => MjProxyButtons.Variation(request.Index),
        };
        return PressAsync(new MjProxyFollowUp(request, request.TaskId, MidjourneyAction.Variation, button, request.Prompt, Unused: request.Prompt is null ? null : "prompt"), cancellationToken);
    }

    public Task<MidjourneyTask> RerollAsync(RerollRequest request, CancellationToken cancellationToken)
    {
        string? unused = (request.Prompt, request.AspectRatio) switch
        {
            (null, null) => null,
            (_, null) => "prompt",
            (null, _) => "aspect ratio",
            _ => "prompt and aspect ratio",
        };
        return PressAsync(
            new MjProxyFollowUp(request, request.TaskId, MidjourneyAction.Reroll, MjProxyButtons.Reroll, request.Prompt, unused)
            {
                DialogPrompt = basePrompt => request.AspectRatio is { } ar ? MjProxyPrompts.WithFlag(basePrompt, "--ar", ar, "--ar", "--aspect") : basePrompt,
            },
            cancellationToken);
    }

    public Task<MidjourneyTask> PanAsync(PanRequest request, CancellationToken cancellationToken) =>
        PressAsync(
            new MjProxyFollowUp(request, request.TaskId, MidjourneyAction.Pan, MjProxyButtons.Pan(request.Direction), request.Prompt, Unused: request.Prompt is null ? null : "prompt"),
            cancellationToken);

    public Task<MidjourneyTask> OutpaintAsync(OutpaintRequest request, CancellationToken cancellationToken)
    {
        // Zoom Out 2x / 1.5x and Make Square take no input; a prompt or aspect ratio can only travel through Custom Zoom's
        // dialog, where "--zoom 2" is Zoom Out 2x and "--zoom 1 --ar 1:1" is Make Square.
        bool plain = request.Prompt is null && request.AspectRatio is null;
        MjProxyButtonChoice button = request.Zoom switch
        {
            2 when plain => MjProxyButtons.ZoomOut2X,
            1.5 when plain => MjProxyButtons.ZoomOut15X,
            1 when plain => MjProxyButtons.MakeSquare,
            _ => MjProxyButtons.CustomZoom,
        };
        string? aspectRatio = request.AspectRatio ?? (request.Zoom == 1 ? "1:1" : null);
        return PressAsync(
            new MjProxyFollowUp(request, request.TaskId, MidjourneyAction.Outpaint, button, request.Prompt, Unused: null)
            {
                DialogPrompt = basePrompt =>
                {
                    string prompt = MjProxyPrompts.WithFlag(basePrompt, "--zoom", MjProxyPrompts.Zoom(request.Zoom), "--zoom");
                    return aspectRatio is null ? prompt : MjProxyPrompts.WithFlag(prompt, "--ar", aspectRatio, "--ar", "--aspect");
                },
            },
            cancellationToken);
    }

    public Task<MidjourneyTask> InpaintAsync(InpaintRequest request, CancellationToken cancellationToken)
    {
        string mask = Inline(request.Mask, "the inpaint mask");
        return PressAsync(
            new MjProxyFollowUp(request, request.TaskId, MidjourneyAction.Inpaint, MjProxyButtons.VaryRegion, request.Prompt, Unused: null) { Mask = mask },
            cancellationToken);
    }

    public Task<MidjourneyTask> GetTaskAsync(string taskId, ApiCallKind kind, CancellationToken cancellationToken) => http.ReadAsync(
        (api, key, taskId, mapper),
        static (s, ct) => s.api.FetchAsync(s.key.Authorization, s.key.ApiSecret, s.taskId, ct),
        Json.MjProxyTask,
        static (s, answer) => s.mapper.Map(answer.Value, answer.RawJson),
        cancellationToken,
        UnknownTask(taskId),
        kind);

    /// <summary>
    /// <c>POST mj/task/{id}/cancel</c>, sent as a submit is (never resent after an ambiguous failure); a 404 means the
    /// task is unknown, not the endpoint missing.
    /// </summary>
    public Task CancelTaskAsync(string taskId, CancellationToken cancellationToken) => http.SubmitAsync(
        (api, key, taskId),
        static (s, ct) => s.api.CancelAsync(s.key.Authorization, s.key.ApiSecret, s.taskId, ct),
        Json.MjProxyResultResponse,
        static (_, _) => true,
        parentTaskId: taskId,
        cancellationToken);

    /// <summary>
    /// <c>GET mj/task/{id}/image-seed</c>, a read (the retry rules apply). trueai-org's server answers a task without its
    /// Discord message yet (unfinished) with HTTP 400 and code 4, which here means no seed yet; an unknown task is HTTP 404.
    /// </summary>
    public async Task<string?> GetSeedAsync(string taskId, CancellationToken cancellationToken)
    {
        try
        {
            return await http.ReadAsync(
                (api, key, taskId),
                static (s, ct) => s.api.ImageSeedAsync(s.key.Authorization, s.key.ApiSecret, s.taskId, ct),
                Json.MjProxySeedResponse,
                static (_, answer) => answer.Value.Seed,
                cancellationToken).ConfigureAwait(false);
        }
        catch (MidjourneyInvalidRequestException e) when (e.ErrorCode == "4")
        {
            MjProxyLog.NoSeedYet(logger, taskId, e.Message);
            return null;
        }
    }

    /// <summary>MJ-Proxy's notifyHook body is its task object.</summary>
    public MidjourneyTask ReadCallback(ReadOnlyMemory<byte> body)
    {
        MjProxyTask wire = CallbackBody.Read(body, Json.MjProxyTask, MidjourneyProvider.MjProxy);
        CallbackBody.RequireId(wire.IdValue is { } id ? WireValues.Text(id) : null, MidjourneyProvider.MjProxy, "id");
        return mapper.Map(wire, CallbackBody.Raw(body));
    }

    public Task<IReadOnlyList<MidjourneyTask>> GetTasksAsync(IReadOnlyList<string> taskIds, CancellationToken cancellationToken) => http.ReadAsync(
        (api, key, body: new MjProxyListByConditionBody { Ids = taskIds }, mapper),
        static (s, ct) => s.api.ListByConditionAsync(s.key.Authorization, s.key.ApiSecret, s.body, ct),
        Json.JsonElementArray,
        static (s, answer) => BatchStatus.Map(answer.Value, Json.MjProxyTask, s.mapper.Map),
        cancellationToken,
        kind: ApiCallKind.Check);

    /// <summary>Fetches the parent, presses the button, and confirms Midjourney's dialog when the relay opens one.</summary>
    private async Task<MidjourneyTask> PressAsync(MjProxyFollowUp followUp, CancellationToken cancellationToken)
    {
        MjProxyTask parent = (await FetchAsync(followUp.ParentId, cancellationToken).ConfigureAwait(false)).Value;
        EnsureFinished(parent, followUp.ParentId);
        string customId = MjProxyButtons.Find(parent.Buttons, followUp.Button) ?? throw NoSuchButton(parent, followUp);

        var press = WithHook(followUp.Request, new MjProxyActionBody { TaskId = followUp.ParentId, CustomId = customId });
        ApiResponse<MjProxySubmitResponse> pressed = await http.SubmitAsync(
            (api, key, press),
            static (s, ct) => s.api.ActionAsync(s.key.Authorization, s.key.ApiSecret, s.press, ct),
            Json.MjProxySubmitResponse,
            static (_, answer) => answer,
            followUp.ParentId,
            cancellationToken).ConfigureAwait(false);
        string taskId = pressed.Value.TaskId!;
        if (!OpensDialog(pressed.Value, customId))
        {
            // Code 1 or 22: the job runs; code 21 without a dialog: the same job already exists, and taskId is it.
            if (followUp.Unused is { } unused)
            {
                MjProxyLog.InputNotUsed(logger, followUp.Button.Name, followUp.ParentId, unused);
            }

            return Accepted(pressed, taskId, followUp.Action, prompt: null, followUp.ParentId);
        }

        // Midjourney pre-fills its dialog with the parent's prompt; a request's own prompt replaces it.
        string basePrompt = followUp.NewPrompt ?? NullIfEmpty(parent.PromptEn) ?? NullIfEmpty(parent.Prompt) ?? "";
        string dialogPrompt = followUp.DialogPrompt(basePrompt).Trim();
        if (dialogPrompt.Length == 0)
        {
            // Nothing to confirm the dialog with (a blend's image has no prompt): hand the waiting task back.
            MjProxyLog.ModalLeftOpen(logger, taskId);
            return Accepted(pressed, taskId, followUp.Action, prompt: null, followUp.ParentId) with { Status = MidjourneyTaskStatus.NeedsInput };
        }

        var confirm = WithHook(followUp.Request, new MjProxyModalBody { TaskId = taskId, Prompt = dialogPrompt, MaskBase64 = followUp.Mask });
        ApiResponse<MjProxySubmitResponse> confirmed = await http.SubmitAsync(
            (api, key, confirm),
            static (s, ct) => s.api.ModalAsync(s.key.Authorization, s.key.ApiSecret, s.confirm, ct),
            Json.MjProxySubmitResponse,
            static (_, answer) => answer,
            taskId,
            cancellationToken).ConfigureAwait(false);
        return Accepted(confirmed, confirmed.Value.TaskId ?? taskId, followUp.Action, dialogPrompt, followUp.ParentId);
    }

    /// <summary>Code 21 is "waiting for the dialog" for Custom Zoom and Vary (Region), and for any button when remix is on (then the relay says so).</summary>
    private static bool OpensDialog(MjProxySubmitResponse answer, string customId)
    {
        if (answer.Code != MjProxyCodes.Existed)
        {
            return false;
        }

        return MjProxyButtons.AlwaysOpensModal(customId)
            || answer.Description?.Contains("window confirm", StringComparison.OrdinalIgnoreCase) == true
            || answer.Properties?.Remix is { ValueKind: System.Text.Json.JsonValueKind.True };
    }

    private void EnsureFinished(MjProxyTask parent, string parentId)
    {
        MidjourneyTaskStatus status = mapper.MapStatus(parent.Status);
        if (status == MidjourneyTaskStatus.Succeeded)
        {
            return;
        }

        string shown = parent.Status ?? "(no status)";
        string message = status switch
        {
            MidjourneyTaskStatus.Failed or MidjourneyTaskStatus.Canceled =>
                $"MJ-Proxy task {parentId} ended {shown}{(string.IsNullOrWhiteSpace(parent.FailReason) ? "" : $" ({parent.FailReason})")}; it has no buttons to press.",
            MidjourneyTaskStatus.NeedsInput =>
                $"MJ-Proxy task {parentId} is {shown}: it waits for Midjourney's dialog and has no image yet, so it has no buttons to press.",
            _ => $"MJ-Proxy task {parentId} is {shown}{(WireValues.Percent(parent.Progress) is int p ? $" ({p}%)" : "")}; its buttons can be pressed once it is SUCCESS: wait for it with WaitForCompletionAsync first.",
        };
        throw new MidjourneyInvalidRequestException(message) { Provider = Kind };
    }

    private MidjourneyInvalidRequestException NoSuchButton(MjProxyTask parent, MjProxyFollowUp followUp)
    {
        MjProxyButtonChoice wanted = followUp.Button;
        IReadOnlyList<MjProxyButton?>? buttons = parent.Buttons;
        string hint = "";
        if (wanted.OnGrid && MjProxyButtons.LookLikeImage(buttons) && !MjProxyButtons.LookLikeGrid(buttons))
        {
            hint = $" {wanted.Name} is under a grid, and this task is a single upscaled image.";
        }
        else if (!wanted.OnGrid && MjProxyButtons.LookLikeGrid(buttons))
        {
            hint = $" {wanted.Name} is under an upscaled image: upscale one image of this grid first (U1..U4).";
        }
        else if ((wanted == MjProxyButtons.Upscale2X || wanted == MjProxyButtons.Upscale4X)
            && (MjProxyButtons.Has(buttons, MjProxyButtons.UpscaleSubtle) || MjProxyButtons.Has(buttons, MjProxyButtons.UpscaleCreative)))
        {
            hint = " Upscale (2x) and (4x) are v5 buttons; this image offers Upscale (Subtle) and (Creative), which are UpscaleMode.Subtle and UpscaleMode.Creative.";
        }

        return new MidjourneyInvalidRequestException(
            $"MJ-Proxy task {followUp.ParentId} has no {wanted.Name} button ({wanted.Pattern}). Its buttons: {MjProxyButtons.Describe(buttons)}.{hint}")
        {
            Provider = Kind,
        };
    }

    private Task<ApiResponse<MjProxyTask>> FetchAsync(string taskId, CancellationToken cancellationToken) => http.ReadAsync(
        (api, key, taskId),
        static (s, ct) => s.api.FetchAsync(s.key.Authorization, s.key.ApiSecret, s.taskId, ct),
        Json.MjProxyTask,
        static (_, answer) => answer,
        cancellationToken,
        UnknownTask(taskId));

    // MJ-Proxy answers a fetch of an unknown id with HTTP 200 and an empty (or null) body.
    private static Func<ApiErrorContext, MidjourneyException> UnknownTask(string taskId) => context =>
        new MidjourneyNotFoundException($"{context.Provider} has no task '{taskId}' ({context.Call} answered with an empty body).")
        {
            Provider = context.Provider,
            StatusCode = context.HttpStatusCode,
        };

    /// <summary>
    /// Sends a task's <paramref name="body"/> to <paramref name="endpoint"/> (a static lambda over the Refit method) and returns
    /// the accepted task; <paramref name="parentTaskId"/> for a follow-up that is its own submit (a video extend).
    /// </summary>
    private Task<MidjourneyTask> SubmitAsync<TBody>(
        TBody body,
        Func<IMjProxyApi, MjProxyKey, TBody, CancellationToken, Task<HttpResponseMessage>> endpoint,
        MidjourneyAction action,
        string? prompt,
        CancellationToken cancellationToken,
        string? parentTaskId = null) => http.SubmitAsync(
        (api, key, body, endpoint, action, prompt, parentTaskId),
        static (s, ct) => s.endpoint(s.api, s.key, s.body, ct),
        Json.MjProxySubmitResponse,
        static (s, answer) => Accepted(answer, answer.Value.TaskId!, s.action, s.prompt, s.parentTaskId),
        parentTaskId,
        cancellationToken);

    /// <summary>A video's lane and prompt: the configured lane for its speed, else Midjourney's speed flag in the prompt.</summary>
    private (string Route, string Prompt) VideoLane(string prompt, MidjourneySpeed? speed)
    {
        prompt = prompt.Trim();
        string? lane = Lane(speed);
        if (speed is { } s && lane is null)
        {
            prompt = MjProxyPrompts.WithSpeed(prompt, s);
        }

        return (MjProxyLanes.Route(lane), prompt);
    }

    private Task<MidjourneyTask> SubmitVideoAsync(string route, MjProxyVideoBody body, string? parentTaskId, CancellationToken cancellationToken) =>
        SubmitAsync(
            (Lane: route, Body: body),
            static (api, key, s, ct) => api.VideoAsync(key.Authorization, key.ApiSecret, s.Lane, s.Body, ct),
            MidjourneyAction.Video,
            body.Prompt,
            cancellationToken,
            parentTaskId);

    private static string? Motion(VideoMotion? motion) => motion switch
    {
        VideoMotion.High => "high",
        VideoMotion.Low => "low",
        _ => null,
    };

    /// <summary>The task a submit created (code 22 keeps its queue position in <see cref="MidjourneyTask.RawJson"/>).</summary>
    private static MidjourneyTask Accepted(ApiResponse<MjProxySubmitResponse> response, string taskId, MidjourneyAction action, string? prompt, string? parent) =>
        AcceptedTask.Pending(MidjourneyProvider.MjProxy, taskId, action, prompt, parent, response.RawJson);

    private string? Lane(MidjourneySpeed? speed) => speed switch
    {
        MidjourneySpeed.Relax => options.RelaxPathPrefix,
        MidjourneySpeed.Fast => options.FastPathPrefix,
        MidjourneySpeed.Turbo => options.TurboPathPrefix,
        _ => null,
    };

    private static string UrlOrInline(MidjourneyImage image) => image.IsUrl ? image.Url!.AbsoluteUri : image.ToDataUri();

    private string Inline(MidjourneyImage image, string what) => image.IsUrl
        ? throw new MidjourneyNotSupportedException(
            $"MJ-Proxy takes {what} inline (base64 data URLs), not as URLs ({image}): download the image and pass MidjourneyImage.FromBytes(...) or FromDataUri(...).")
        {
            Provider = Kind,
        }
        : image.ToDataUri();

    // MJ-Proxy's notifyHook calls are unsigned: a secret travels as the SDK's token in the hook URL (see WebhookSettings).
    private T WithHook<T>(MidjourneyRequest request, T body)
        where T : MjProxySubmitBody
    {
        body.NotifyHook = webhooks.For(request)?.Url;
        return body;
    }

    private static bool IsNiji(string? version) => version?.Trim().StartsWith("niji", StringComparison.OrdinalIgnoreCase) == true;

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
