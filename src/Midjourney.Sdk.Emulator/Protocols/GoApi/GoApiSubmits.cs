using System.Globalization;
using Midjourney.Sdk.Emulator.Callbacks;
using Midjourney.Sdk.Emulator.Tasks;

namespace Midjourney.Sdk.Emulator.Protocols.GoApi;

/// <summary>
/// The nine GoAPI v2 submit endpoints: each checks its wire fields as strictly as the documentation states them
/// (so a client that sends a number where GoAPI wants a string finds out here, not in production), then asks the
/// neutral <see cref="TaskStore"/> for the task.
/// </summary>
internal sealed class GoApiSubmits(TaskStore store)
{
    public EmulatedTask Imagine(GoApiBody body)
    {
        var prompt = body.RequiredString("prompt");
        var callback = ReadCommonFields(body);
        CheckAspectRatio(body);
        var mode = ResolveMode(body.String("process_mode"), prompt);
        return store.CreateImagine(prompt, mode, body.Root.Clone(), callback);
    }

    public EmulatedTask Reroll(GoApiBody body)
    {
        var parentId = body.RequiredString("origin_task_id");
        var prompt = body.String("prompt");
        var callback = ReadCommonFields(body);
        CheckAspectRatio(body);
        return FollowUp(body, parentId, new FollowUp(FollowUpKind.Reroll), "reroll", prompt, callback);
    }

    public EmulatedTask Upscale(GoApiBody body)
    {
        var parentId = body.RequiredString("origin_task_id");
        var index = body.RequiredString("index");
        var callback = ReadCommonFields(body);
        var followUp = index switch
        {
            "1" or "2" or "3" or "4" => new FollowUp(FollowUpKind.Upscale, index[0] - '0'),
            "2x" => new FollowUp(FollowUpKind.UpscaleTwoX),
            "4x" => new FollowUp(FollowUpKind.UpscaleFourX),
            _ => throw new RequestRejectedException(
                $"index must be \"1\", \"2\", \"3\" or \"4\" (on a grid) or \"2x\" or \"4x\" (on an upscaled image), not \"{index}\""),
        };
        return FollowUp(body, parentId, followUp, $"upscale index \"{index}\"", prompt: null, callback);
    }

    public EmulatedTask Variation(GoApiBody body)
    {
        var parentId = body.RequiredString("origin_task_id");
        var index = body.RequiredString("index");
        var prompt = body.String("prompt");
        var callback = ReadCommonFields(body);
        CheckAspectRatio(body);
        var followUp = index switch
        {
            "1" or "2" or "3" or "4" => new FollowUp(FollowUpKind.Variation, index[0] - '0'),
            "high_variation" => new FollowUp(FollowUpKind.StrongVariation),
            "low_variation" => new FollowUp(FollowUpKind.SubtleVariation),
            _ => throw new RequestRejectedException(
                $"index must be \"1\", \"2\", \"3\" or \"4\" (on a grid) or \"high_variation\" or \"low_variation\" (on an upscaled image), not \"{index}\""),
        };
        return FollowUp(body, parentId, followUp, $"variation index \"{index}\"", prompt, callback);
    }

    public EmulatedTask Inpaint(GoApiBody body)
    {
        var parentId = body.RequiredString("origin_task_id");
        var mask = body.RequiredString("mask");
        var prompt = body.String("prompt");
        var callback = ReadCommonFields(body);
        CheckMask(mask);
        return FollowUp(body, parentId, new FollowUp(FollowUpKind.Inpaint), "inpaint", prompt, callback);
    }

    public EmulatedTask Outpaint(GoApiBody body)
    {
        var parentId = body.RequiredString("origin_task_id");
        var prompt = body.String("prompt");
        var callback = ReadCommonFields(body);
        CheckAspectRatio(body);

        // The documentation marks no default; zooming out 2x is what the plain "Zoom Out" button does.
        var zoomText = body.String("zoom_ratio");
        if (string.IsNullOrWhiteSpace(zoomText))
        {
            zoomText = "2";
        }

        if (!double.TryParse(zoomText, NumberStyles.Float, CultureInfo.InvariantCulture, out var zoom)
            || !(zoom == 1 || zoom is > 1 and <= 2))
        {
            throw new RequestRejectedException(
                $"zoom_ratio must be \"1\" (make square), \"1.5\", \"2\" or a number in (1, 2], not \"{zoomText}\"");
        }

        return FollowUp(body, parentId, new FollowUp(FollowUpKind.Outpaint, Detail: zoomText), "outpaint", prompt, callback);
    }

    public EmulatedTask Pan(GoApiBody body)
    {
        var parentId = body.RequiredString("origin_task_id");
        var direction = body.RequiredString("direction");
        var prompt = body.String("prompt");
        var callback = ReadCommonFields(body);
        if (direction is not ("up" or "down" or "left" or "right"))
        {
            throw new RequestRejectedException($"direction must be up, down, left or right, not \"{direction}\"");
        }

        return FollowUp(body, parentId, new FollowUp(FollowUpKind.Pan, Detail: direction), "pan", prompt, callback);
    }

    public EmulatedTask Describe(GoApiBody body)
    {
        var imageUrl = body.RequiredString("image_url");
        var callback = ReadCommonFields(body);
        if (!IsHttpUrl(imageUrl))
        {
            throw new RequestRejectedException($"image_url must be an absolute http or https URL, not \"{imageUrl}\"");
        }

        var mode = ResolveMode(body.String("process_mode"), prompt: "");
        return store.CreateDescribe(imageUrl, mode, body.Root.Clone(), callback);
    }

    public EmulatedTask Blend(GoApiBody body)
    {
        var imageUrls = body.StringArray("image_urls") ?? throw new RequestRejectedException("image_urls is required");
        var callback = ReadCommonFields(body);
        if (imageUrls.Count is < 2 or > 5)
        {
            throw new RequestRejectedException($"image_urls must hold 2 to 5 images, not {imageUrls.Count}");
        }

        if (imageUrls.FirstOrDefault(url => !IsHttpUrl(url)) is { } bad)
        {
            throw new RequestRejectedException($"image_urls must hold absolute http or https URLs, not \"{bad}\"");
        }

        var dimension = body.String("dimension");
        if (string.IsNullOrEmpty(dimension))
        {
            dimension = "square";
        }
        else if (dimension is not ("square" or "portrait" or "landscape"))
        {
            throw new RequestRejectedException($"dimension must be square, portrait or landscape, not \"{dimension}\"");
        }

        var mode = ResolveMode(body.String("process_mode"), prompt: "");
        return store.CreateBlend(imageUrls, dimension, mode, body.Root.Clone(), callback);
    }

    /// <summary>The checks every follow-up shares, in the order a client would want to hear about them.</summary>
    private EmulatedTask FollowUp(GoApiBody body, string parentId, FollowUp followUp, string what, string? prompt, CallbackTarget? callback)
    {
        if (!store.TryGet(parentId, out var parent))
        {
            throw new RequestRejectedException(404, $"task {parentId} not found");
        }

        var state = store.StateOf(parent);
        if (state.Phase == TaskPhase.Failed)
        {
            throw new RequestRejectedException($"origin task {parentId} failed and has no image to work on");
        }

        if (state.Phase != TaskPhase.Succeeded)
        {
            throw new RequestRejectedException($"origin task {parentId} is not finished (status: {GoApiNames.Status(state.Phase)})");
        }

        if (parent.Output != followUp.RequiredParentOutput)
        {
            var hint = (parent.Output, followUp.Kind) switch
            {
                (TaskOutput.Image, FollowUpKind.Upscale) => " (use \"2x\" or \"4x\" on an upscaled image)",
                (TaskOutput.Image, FollowUpKind.Variation) => " (use \"high_variation\" or \"low_variation\" on an upscaled image)",
                (TaskOutput.Grid, _) => " (upscale one of its images with \"1\"..\"4\" first)",
                _ => "",
            };
            throw new RequestRejectedException(
                $"{what} needs {GoApiNames.Describe(followUp.RequiredParentOutput)}, but origin task {parentId} is {GoApiNames.Describe(parent.Output)}{hint}");
        }

        return store.CreateFollowUp(parent, followUp, prompt, body.Root.Clone(), callback: callback);
    }

    /// <summary>GoAPI's rule: <c>process_mode</c> wins; when empty or <c>mixed</c> the prompt's flag decides; else relax.</summary>
    private static ProcessMode ResolveMode(string? submitted, string prompt) => submitted switch
    {
        null or "" or "mixed" => PromptFlags.Speed(prompt) ?? ProcessMode.Relax,
        "relax" => ProcessMode.Relax,
        "fast" => ProcessMode.Fast,
        "turbo" => ProcessMode.Turbo,
        _ => throw new RequestRejectedException($"process_mode must be relax, mixed, fast or turbo, not \"{submitted}\""),
    };

    /// <summary>
    /// Fields every submit may carry: the webhook (<c>webhook_endpoint</c>, with <c>webhook_secret</c> and <c>notify_progress</c>)
    /// the task will call, or <see langword="null"/> without an endpoint.
    /// </summary>
    private static CallbackTarget? ReadCommonFields(GoApiBody body)
    {
        _ = body.Boolean("skip_prompt_check");
        var notifyProgress = body.Boolean("notify_progress") ?? false;
        var secret = body.String("webhook_secret");
        var webhook = body.String("webhook_endpoint");
        if (!CallbackTarget.TryParseUrl(webhook, out var url))
        {
            throw new RequestRejectedException($"webhook_endpoint must be an absolute http or https URL, not \"{webhook}\"");
        }

        return url is null ? null : new CallbackTarget(CallbackProtocol.GoApi, url, string.IsNullOrEmpty(secret) ? null : secret, notifyProgress);
    }

    private static void CheckAspectRatio(GoApiBody body)
    {
        var ratio = body.String("aspect_ratio");
        if (string.IsNullOrEmpty(ratio))
        {
            return;
        }

        var parts = ratio.Split(':');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var width)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var height)
            || width <= 0
            || height <= 0)
        {
            throw new RequestRejectedException($"aspect_ratio must look like \"16:9\", not \"{ratio}\"");
        }
    }

    /// <summary>The mask is base64 image data, raw or as a <c>data:</c> URL; it must at least decode.</summary>
    private static void CheckMask(string mask)
    {
        var data = mask.AsSpan().Trim();
        if (data.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            var comma = data.IndexOf(',');
            if (comma < 0 || !data[..comma].EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
            {
                throw new RequestRejectedException("mask must be base64 image data or a base64 data: URL");
            }

            data = data[(comma + 1)..];
        }

        var buffer = new byte[(data.Length / 4 * 3) + 3];
        if (!Convert.TryFromBase64Chars(data, buffer, out var written) || written == 0)
        {
            throw new RequestRejectedException("mask is not valid base64");
        }
    }

    private static bool IsHttpUrl(string value)
        => Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
