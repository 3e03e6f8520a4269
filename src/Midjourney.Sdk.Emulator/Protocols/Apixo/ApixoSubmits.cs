using Midjourney.Sdk.Emulator.Callbacks;
using Midjourney.Sdk.Emulator.Tasks;

namespace Midjourney.Sdk.Emulator.Protocols.Apixo;

/// <summary>
/// <c>generateTask/midjourney</c>: checks the envelope fields and the <c>input</c> of each mode as strictly as APIXO's
/// documentation states them (both field spellings, never both at once), then asks the neutral <see cref="TaskStore"/> for the task.
/// </summary>
internal sealed class ApixoSubmits(TaskStore store)
{
    private const int MaxPromptLength = 2000;

    // The imagine fields and their newer spellings: a body may use either, not both.
    private static readonly (string Classic, string Current, int Max)[] ImagineNumbers =
        [("chaos", "variety", 100), ("stylize", "stylization", 1000), ("weird", "weirdness", 3000)];

    private static readonly string[] Modes = ["text-to-image", "image-to-image", "upload-paint", "vary", "upscale"];

    public EmulatedTask Submit(ApixoFields body)
    {
        var callback = ReadDelivery(body);
        var input = body.Object("input") ?? throw new RequestRejectedException("input is required");
        var mode = input.RequiredString("mode");
        return mode switch
        {
            "text-to-image" => Imagine(body, input, withImages: false, callback),
            "image-to-image" => Imagine(body, input, withImages: true, callback),
            "vary" => Vary(body, input, callback),
            "upscale" => Upscale(body, input, callback),
            "upload-paint" => UploadPaint(body, input, callback),
            _ when ApixoNames.OnRequestModes.Contains(mode) => throw new RequestRejectedException(
                $"input.mode \"{mode}\" is only available on request; the modes offered are {string.Join(", ", Modes)}"),
            _ => throw new RequestRejectedException($"input.mode must be one of {string.Join(", ", Modes)}, not \"{mode}\""),
        };
    }

    private EmulatedTask Imagine(ApixoFields body, ApixoFields input, bool withImages, CallbackTarget? callback)
    {
        var prompt = Prompt(input, required: true)!;
        var imageUrls = input.StringArray("image_urls");
        if (withImages)
        {
            CheckImageUrls(input, imageUrls, max: 2);
        }

        var mode = CheckImagineFields(input);
        return store.CreateImagine(prompt, mode, body.Root.Clone(), callback);
    }

    private EmulatedTask Vary(ApixoFields body, ApixoFields input, CallbackTarget? callback)
    {
        var parentId = input.RequiredString("taskId");
        var index = input.RequiredInteger("imageIndex", 0, 3);
        var type = input.RequiredInteger("type", 0, 1);
        var prompt = Prompt(input, required: false);
        CheckSpeed(input);
        var parent = FinishedParent(parentId, index);
        var kind = type == 0 ? FollowUpKind.SubtleVariation : FollowUpKind.StrongVariation;
        return store.CreateFollowUp(parent, new FollowUp(kind, Index: index + 1), prompt, body.Root.Clone(), callback: callback);
    }

    private EmulatedTask Upscale(ApixoFields body, ApixoFields input, CallbackTarget? callback)
    {
        var parentId = input.RequiredString("taskId");
        var index = input.RequiredInteger("imageIndex", 0, 3);
        var type = input.RequiredInteger("type", 0, 3);
        CheckSpeed(input);
        var parent = FinishedParent(parentId, index);

        // On a grid every type picks image imageIndex; on an upscaled image the upscalers enlarge it (4x for type 3, else 2x).
        var followUp = parent.Output == TaskOutput.Grid
            ? new FollowUp(FollowUpKind.Upscale, Index: index + 1)
            : new FollowUp(type == 3 ? FollowUpKind.UpscaleFourX : FollowUpKind.UpscaleTwoX);
        return store.CreateFollowUp(parent, followUp, prompt: null, body.Root.Clone(), callback: callback);
    }

    private EmulatedTask UploadPaint(ApixoFields body, ApixoFields input, CallbackTarget? callback)
    {
        var imageUrls = input.StringArray("image_urls");
        CheckImageUrls(input, imageUrls, max: 1);
        var prompt = Prompt(input, required: false);
        CheckSpeed(input);
        CheckMask(input);
        CheckSize(input.Object("canvas"), withPosition: false);
        CheckSize(input.Object("imgPos"), withPosition: true);

        // An image this emulator drew repaints that task's picture; any other URL starts from the prompt alone.
        var source = imageUrls![0];
        if (!TryFindImageTask(source, out var parent))
        {
            return store.CreateImagine(prompt ?? "", ModeOf(input), body.Root.Clone(), callback);
        }

        var state = store.StateOf(parent);
        if (state.Phase != TaskPhase.Succeeded)
        {
            throw new RequestRejectedException(
                $"input.image_urls[0] is an image of task {parent.Id}, which is {ApixoNames.State(state.Phase)} and has no image yet");
        }

        var file = source[(source.LastIndexOf('/') + 1)..];
        return store.CreateFollowUp(parent, new FollowUp(FollowUpKind.Inpaint, Detail: file), prompt, body.Root.Clone(), callback: callback);
    }

    /// <summary>The parent of vary and upscale: known, finished with images, and with an image at <paramref name="index"/>.</summary>
    private EmulatedTask FinishedParent(string parentId, int index)
    {
        if (!store.TryGet(parentId, out var parent))
        {
            throw new RequestRejectedException(404, $"task {parentId} not found");
        }

        var state = store.StateOf(parent);
        if (state.Phase == TaskPhase.Failed)
        {
            throw new RequestRejectedException($"task {parentId} failed and has no image to work on");
        }

        if (state.Phase != TaskPhase.Succeeded)
        {
            throw new RequestRejectedException($"task {parentId} is not finished (state: {ApixoNames.State(state.Phase)})");
        }

        return parent.Output switch
        {
            TaskOutput.Grid => parent,
            TaskOutput.Image when index == 0 => parent,
            TaskOutput.Image => throw new RequestRejectedException($"task {parentId} has one image; input.imageIndex must be 0, not {index}"),
            _ => throw new RequestRejectedException($"task {parentId} has no image to work on"),
        };
    }

    /// <summary>
    /// <c>request_type</c>, <c>callback_url</c> and <c>provider</c>: the callback the task will make, or <see langword="null"/>
    /// in async mode (a <c>callback_url</c> sent with it is checked, then ignored, as only callback mode calls it).
    /// </summary>
    private static CallbackTarget? ReadDelivery(ApixoFields body)
    {
        var requestType = body.String("request_type") ?? "async";
        var callbackUrl = body.String("callback_url");
        switch (requestType)
        {
            case "async":
                break;
            case "callback" when string.IsNullOrWhiteSpace(callbackUrl):
                throw new RequestRejectedException("callback_url is required when request_type is callback");
            case "callback":
                break;
            default:
                throw new RequestRejectedException($"request_type must be async or callback, not \"{requestType}\"");
        }

        if (!CallbackTarget.TryParseUrl(callbackUrl, out var url))
        {
            throw new RequestRejectedException($"callback_url must be an absolute http or https URL, not \"{callbackUrl}\"");
        }

        var provider = body.String("provider");
        if (provider is not (null or "auto" or "value" or "official"))
        {
            throw new RequestRejectedException($"provider must be auto, value or official, not \"{provider}\"");
        }

        return requestType == "callback" ? new CallbackTarget(CallbackProtocol.Apixo, url!) : null;
    }

    /// <summary>The text-to-image and image-to-image fields; returns the speed the task runs at.</summary>
    private static ProcessMode CheckImagineFields(ApixoFields input)
    {
        var version = input.String("version");
        if (version is not null && !ApixoNames.Versions.Contains(version))
        {
            throw new RequestRejectedException($"input.version must be one of {string.Join(", ", ApixoNames.Versions)}, not \"{version}\"");
        }

        var aspect = OneOf(input, "aspect", "aspect_ratio", name => input.String(name));
        if (aspect is not null && !ApixoNames.AspectRatios.Contains(aspect))
        {
            var name = input.Name(input.Has("aspect_ratio") ? "aspect_ratio" : "aspect");
            throw new RequestRejectedException($"{name} must be one of {string.Join(", ", ApixoNames.AspectRatios)}, not \"{aspect}\"");
        }

        foreach (var (classic, current, max) in ImagineNumbers)
        {
            _ = OneOf(input, classic, current, name => input.Integer(name, 0, max));
        }

        _ = input.Boolean("enableTranslation");
        return ModeOf(input);
    }

    /// <summary>Reads a field that has two spellings; sending both is a 400, since it is never clear which one wins.</summary>
    private static T? OneOf<T>(ApixoFields input, string classic, string current, Func<string, T?> read)
    {
        if (input.Has(classic) && input.Has(current))
        {
            throw new RequestRejectedException($"send {input.Name(classic)} or {input.Name(current)}, not both");
        }

        return read(input.Has(current) ? current : classic);
    }

    private static ProcessMode ModeOf(ApixoFields input) => CheckSpeed(input) switch
    {
        "turbo" => ProcessMode.Turbo,
        "relaxed" => ProcessMode.Relax,
        _ => ProcessMode.Fast,
    };

    private static string? CheckSpeed(ApixoFields input)
    {
        var speed = input.String("speed");
        return speed is null or "fast" or "turbo" or "relaxed"
            ? speed
            : throw new RequestRejectedException($"input.speed must be fast, turbo or relaxed, not \"{speed}\"");
    }

    private static string? Prompt(ApixoFields input, bool required)
    {
        var prompt = required ? input.RequiredString("prompt") : input.String("prompt");
        if (prompt is not null && string.IsNullOrWhiteSpace(prompt))
        {
            throw new RequestRejectedException("input.prompt must not be blank");
        }

        return prompt is { Length: > MaxPromptLength }
            ? throw new RequestRejectedException($"input.prompt must be at most {MaxPromptLength} characters, not {prompt.Length}")
            : prompt;
    }

    private static void CheckImageUrls(ApixoFields input, IReadOnlyList<string>? imageUrls, int max)
    {
        if (imageUrls is null || imageUrls.Count == 0)
        {
            throw new RequestRejectedException($"{input.Name("image_urls")} is required for this mode");
        }

        if (imageUrls.Count > max)
        {
            throw new RequestRejectedException($"{input.Name("image_urls")} takes at most {max} image(s), not {imageUrls.Count}");
        }

        if (imageUrls.FirstOrDefault(url => !IsHttpUrl(url)) is { } bad)
        {
            throw new RequestRejectedException($"{input.Name("image_urls")} must hold absolute http or https URLs, not \"{bad}\"");
        }
    }

    /// <summary>The mask: a URL or base64 image data (raw or as a data: URL), and/or polygon areas.</summary>
    private static void CheckMask(ApixoFields input)
    {
        if (input.Object("mask") is not { } mask)
        {
            return;
        }

        var url = mask.String("url");
        var areas = mask.Array("areas");
        if (url is null && areas is null)
        {
            throw new RequestRejectedException("input.mask needs url or areas");
        }

        if (url is not null && !IsHttpUrl(url) && !IsBase64Image(url))
        {
            throw new RequestRejectedException("input.mask.url must be an http(s) URL or base64 image data");
        }

        foreach (var area in areas ?? [])
        {
            if (area.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                throw new RequestRejectedException("input.mask.areas must hold objects with width, height and points");
            }

            var fields = new ApixoFields(area, "input.mask.areas[]");
            fields.RequiredInteger("width", 1, 8192);
            fields.RequiredInteger("height", 1, 8192);
            var points = fields.Array("points") ?? throw new RequestRejectedException("input.mask.areas[].points is required");
            if (points.Count < 6 || points.Count % 2 != 0 || points.Any(p => p.ValueKind != System.Text.Json.JsonValueKind.Number))
            {
                throw new RequestRejectedException("input.mask.areas[].points must be an even number (at least 6) of coordinates");
            }
        }
    }

    private static void CheckSize(ApixoFields? size, bool withPosition)
    {
        if (size is not { } fields)
        {
            return;
        }

        fields.RequiredInteger("width", 1, 8192);
        fields.RequiredInteger("height", 1, 8192);
        if (withPosition)
        {
            fields.RequiredInteger("x", -8192, 8192);
            fields.RequiredInteger("y", -8192, 8192);
        }
    }

    /// <summary>Finds the task behind one of this emulator's image links (<c>/images/{taskId}/{file}</c>).</summary>
    private bool TryFindImageTask(string url, out EmulatedTask task)
    {
        task = null!;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return false;
        }

        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length == 3
            && segments[0] == "images"
            && store.TryGet(Uri.UnescapeDataString(segments[1]), out task);
    }

    private static bool IsBase64Image(string value)
    {
        var data = value.AsSpan().Trim();
        if (data.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            var comma = data.IndexOf(',');
            if (comma < 0 || !data[..comma].EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            data = data[(comma + 1)..];
        }

        var buffer = new byte[(data.Length / 4 * 3) + 3];
        return Convert.TryFromBase64Chars(data, buffer, out var written) && written > 0;
    }

    private static bool IsHttpUrl(string value)
        => Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
