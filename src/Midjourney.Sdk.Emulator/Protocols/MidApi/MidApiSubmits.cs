using Midjourney.Sdk.Emulator.Callbacks;
using Midjourney.Sdk.Emulator.Tasks;

namespace Midjourney.Sdk.Emulator.Protocols.MidApi;

/// <summary>
/// midapi's three submit endpoints: each checks its fields as the reference states them (closed lists, integer ranges,
/// a 0-based <c>imageIndex</c>), then asks the neutral <see cref="TaskStore"/> for the task. A refusal carries midapi's
/// envelope code: 422 validation, 404 unknown task, 505 feature disabled.
/// </summary>
internal sealed class MidApiSubmits(TaskStore store)
{
    public const int MaxPromptLength = 2000;

    private static readonly string[] AspectRatios = ["1:2", "9:16", "2:3", "3:4", "5:6", "6:5", "4:3", "3:2", "1:1", "16:9", "2:1"];
    private static readonly string[] Versions = ["7", "6.1", "6", "5.2", "5.1", "niji6"];
    private static readonly string[] ImageTaskTypes = ["mj_txt2img", "mj_img2img", "mj_style_reference", "mj_omni_reference"];

    public EmulatedTask Generate(MidApiBody body)
    {
        var taskType = body.RequiredString("taskType");
        if (taskType is "mj_video" or "mj_video_hd")
        {
            return Video(body);
        }

        if (!ImageTaskTypes.Contains(taskType))
        {
            throw MidApiBody.Invalid($"taskType must be one of {string.Join(", ", ImageTaskTypes)}, mj_video or mj_video_hd, not \"{taskType}\"");
        }

        var prompt = body.RequiredString("prompt");
        if (prompt.Length > MaxPromptLength)
        {
            throw MidApiBody.Invalid($"prompt must be at most {MaxPromptLength} characters, not {prompt.Length}");
        }

        var speed = body.String("speed");
        var mode = speed switch
        {
            null or "" => PromptFlags.Speed(prompt) ?? ProcessMode.Relax,
            "relaxed" => ProcessMode.Relax,
            "fast" => ProcessMode.Fast,
            "turbo" => ProcessMode.Turbo,
            _ => throw MidApiBody.Invalid($"speed must be relaxed, fast or turbo, not \"{speed}\""),
        };
        OneOf(body, "aspectRatio", AspectRatios);
        OneOf(body, "version", Versions);
        _ = body.Integer("stylization", 0, 1000);
        _ = body.Integer("weirdness", 0, 3000);
        _ = body.Integer("variety", 0, 100);
        _ = body.Integer("ow", 1, 1000);
        _ = body.Boolean("enableTranslation");
        _ = body.String("waterMark");
        var callback = ReadCallBackUrl(body);

        // fileUrls is the reference's field; the older single fileUrl is still accepted, as the reference says.
        var single = body.String("fileUrl");
        List<string> fileUrls = [.. body.StringArray("fileUrls") ?? [], .. string.IsNullOrEmpty(single) ? [] : new[] { single }];
        if (fileUrls.FirstOrDefault(url => !IsHttpUrl(url)) is { } bad)
        {
            throw MidApiBody.Invalid($"fileUrls must hold absolute http or https URLs, not \"{bad}\"");
        }

        if (taskType != "mj_txt2img" && fileUrls.Count == 0)
        {
            throw MidApiBody.Invalid($"{taskType} needs at least one image in fileUrls");
        }

        // An omni reference is one image, as Midjourney's --oref is.
        if (taskType == "mj_omni_reference" && fileUrls.Count != 1)
        {
            throw MidApiBody.Invalid($"mj_omni_reference takes exactly one image in fileUrls, not {fileUrls.Count}");
        }

        return store.CreateImagine(prompt, mode, body.Root.Clone(), callback, fileUrls);
    }

    /// <summary>
    /// <c>mj_video</c> / <c>mj_video_hd</c>: a prompt, the start image in <c>fileUrl</c> (or the first of <c>fileUrls</c>),
    /// <c>motion</c> <c>high</c>/<c>low</c>, <c>videoBatchSize</c> 1, 2 or 4 (default 4); <c>speed</c> is not used for video.
    /// </summary>
    private EmulatedTask Video(MidApiBody body)
    {
        var prompt = body.RequiredString("prompt");
        if (prompt.Length > MaxPromptLength)
        {
            throw MidApiBody.Invalid($"prompt must be at most {MaxPromptLength} characters, not {prompt.Length}");
        }

        var motion = body.String("motion");
        if (motion is not (null or "high" or "low"))
        {
            throw MidApiBody.Invalid($"motion must be high or low, not \"{motion}\"");
        }

        var clips = body.Integer("videoBatchSize", 1, 4) ?? 4;
        if (clips == 3)
        {
            throw MidApiBody.Invalid("videoBatchSize must be 1, 2 or 4, not 3");
        }

        _ = body.String("waterMark");
        _ = body.Boolean("enableTranslation");
        var callback = ReadCallBackUrl(body);
        var image = body.String("fileUrl") ?? body.StringArray("fileUrls")?.FirstOrDefault();
        if (string.IsNullOrEmpty(image))
        {
            throw MidApiBody.Invalid("a video needs its start image in fileUrl");
        }

        if (!IsHttpUrl(image))
        {
            throw MidApiBody.Invalid($"fileUrl must be an absolute http or https URL, not \"{image}\"");
        }

        return store.CreateVideo(prompt, image, clips, PromptFlags.Speed(prompt) ?? ProcessMode.Fast, body.Root.Clone(), callback);
    }

    public EmulatedTask Upscale(MidApiBody body) => FollowUp(body, FollowUpKind.Upscale, "generateUpscale");

    public EmulatedTask Vary(MidApiBody body) => FollowUp(body, FollowUpKind.Variation, "generateVary");

    private EmulatedTask FollowUp(MidApiBody body, FollowUpKind kind, string endpoint)
    {
        var parentId = body.RequiredString("taskId");
        var imageIndex = body.Integer("imageIndex", 0, 3) ?? throw MidApiBody.Invalid("imageIndex is required (0..3)");
        _ = body.String("waterMark");
        var callback = ReadCallBackUrl(body);

        if (!store.TryGet(parentId, out var parent))
        {
            throw new RequestRejectedException(404, $"task {parentId} not found");
        }

        var outcome = MidApiOutcome.Of(parent, store.StateOf(parent));
        if (!outcome.IsTerminal)
        {
            throw MidApiBody.Invalid($"task {parentId} is still generating (successFlag 0)");
        }

        if (!outcome.Succeeded)
        {
            throw MidApiBody.Invalid($"task {parentId} failed (successFlag {outcome.SuccessFlag}) and has no images to work on");
        }

        if (parent.Output != TaskOutput.Grid)
        {
            throw MidApiBody.Invalid($"{endpoint} needs a task with four images, but task {parentId} is a single upscaled image");
        }

        // The store counts grid images 1..4, as Midjourney's U1..U4 buttons do.
        return store.CreateFollowUp(parent, new FollowUp(kind, imageIndex + 1), prompt: null, body.Root.Clone(), callback: callback);
    }

    private static void OneOf(MidApiBody body, string name, string[] allowed)
    {
        var value = body.String(name);
        if (value is not null && !allowed.Contains(value))
        {
            throw MidApiBody.Invalid($"{name} must be one of {string.Join(", ", allowed)}, not \"{value}\"");
        }
    }

    /// <summary><c>callBackUrl</c>: where the task reports its end, or <see langword="null"/> when none was given.</summary>
    private static CallbackTarget? ReadCallBackUrl(MidApiBody body)
    {
        var value = body.String("callBackUrl");
        return CallbackTarget.TryParseUrl(value, out var url)
            ? url is null ? null : new CallbackTarget(CallbackProtocol.MidApi, url)
            : throw MidApiBody.Invalid($"callBackUrl must be an absolute http or https URL, not \"{value}\"");
    }

    private static bool IsHttpUrl(string value)
        => Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
