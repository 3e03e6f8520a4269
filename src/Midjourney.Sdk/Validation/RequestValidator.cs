using System.Globalization;
using System.Runtime.CompilerServices;
using Midjourney.Sdk.Providers;

namespace Midjourney.Sdk.Validation;

/// <summary>
/// The provider-neutral checks every request passes before any network traffic. Each failure is an
/// <see cref="ArgumentException"/> whose message names the bad value and what is allowed.
/// </summary>
internal static class RequestValidator
{
    public static void Validate(ImagineRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Prompt(request.Prompt, nameof(request.Prompt));
        if (request.AspectRatio is not null)
        {
            AspectRatio(request.AspectRatio, nameof(request.AspectRatio));
        }

        if (request.Version is not null && string.IsNullOrWhiteSpace(request.Version))
        {
            throw new ArgumentException("Version is empty; use null for the provider's default, or a version such as '7', '6.1' or 'niji 6'.", nameof(request));
        }

        Range(request.Stylize, 0, 1000, nameof(request.Stylize));
        Range(request.Chaos, 0, 100, nameof(request.Chaos));
        Range(request.Weird, 0, 3000, nameof(request.Weird));
        if (request.ReferenceImages is null || request.ReferenceImages.Any(image => image is null))
        {
            throw new ArgumentException("ReferenceImages must not be null or contain null images.", nameof(request));
        }

        StyleReferences(request);
        OmniReference(request);
        Webhook(request);
    }

    public static void Validate(UpscaleRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        TaskId(request.TaskId, nameof(request.TaskId));
        Index(request.Index);
        Defined(request.Mode, nameof(request.Mode));
        Webhook(request);
    }

    public static void Validate(VariationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        TaskId(request.TaskId, nameof(request.TaskId));
        Index(request.Index);
        if (request.Strength is { } strength)
        {
            Defined(strength, nameof(request.Strength));
        }

        OptionalPrompt(request.Prompt, nameof(request.Prompt));
        Webhook(request);
    }

    public static void Validate(RerollRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        TaskId(request.TaskId, nameof(request.TaskId));
        OptionalPrompt(request.Prompt, nameof(request.Prompt));
        if (request.AspectRatio is not null)
        {
            AspectRatio(request.AspectRatio, nameof(request.AspectRatio));
        }

        Webhook(request);
    }

    public static void Validate(InpaintRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        TaskId(request.TaskId, nameof(request.TaskId));
        if (request.Mask is null)
        {
            throw new ArgumentException("Mask is required: a black and white image where white marks the area to repaint.", nameof(request));
        }

        OptionalPrompt(request.Prompt, nameof(request.Prompt));
        Webhook(request);
    }

    public static void Validate(OutpaintRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        TaskId(request.TaskId, nameof(request.TaskId));

        // {1} ∪ (1, 2]: 1 makes the image square, anything above zooms out, up to 2x.
        if (double.IsNaN(request.Zoom) || request.Zoom < 1 || request.Zoom > 2)
        {
            throw new ArgumentOutOfRangeException(
                nameof(request), request.Zoom, string.Create(CultureInfo.InvariantCulture, $"Zoom {request.Zoom} is outside the allowed values: 1 (make square) or a zoom out in (1, 2] such as 1.5 or 2."));
        }

        OptionalPrompt(request.Prompt, nameof(request.Prompt));
        if (request.AspectRatio is not null)
        {
            AspectRatio(request.AspectRatio, nameof(request.AspectRatio));
        }

        Webhook(request);
    }

    public static void Validate(PanRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        TaskId(request.TaskId, nameof(request.TaskId));
        Defined(request.Direction, nameof(request.Direction));
        OptionalPrompt(request.Prompt, nameof(request.Prompt));
        Webhook(request);
    }

    public static void Validate(DescribeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Image is null)
        {
            throw new ArgumentException("Image is required.", nameof(request));
        }

        Webhook(request);
    }

    public static void Validate(BlendRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        int count = request.Images?.Count ?? 0;
        if (count is < 2 or > 5)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Images has {count} image(s); a blend takes 2 to 5."), nameof(request));
        }

        if (request.Images!.Any(image => image is null))
        {
            throw new ArgumentException("Images must not contain null images.", nameof(request));
        }

        if (request.Dimensions is { } dimensions)
        {
            Defined(dimensions, nameof(request.Dimensions));
        }

        Webhook(request);
    }

    public static void Validate(ShortenRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Prompt(request.Prompt, nameof(request.Prompt));
        Webhook(request);
    }

    public static void Validate(VideoRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Image is null)
        {
            throw new ArgumentException("Image is required: the start frame to animate.", nameof(request));
        }

        VideoPrompt(request.Prompt, "midapi and MJ-Proxy both require one");
        if (request.BatchSize is int batch && batch is not (1 or 2 or 4))
        {
            throw new ArgumentOutOfRangeException(
                nameof(request), batch, string.Create(CultureInfo.InvariantCulture, $"BatchSize {batch} is not one of 1, 2 or 4 (clips per job); use null for the provider's default (4)."));
        }

        VideoOptions(request, request.Motion, request.Speed);
    }

    public static void Validate(VideoExtendRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        TaskId(request.TaskId, nameof(request.TaskId));
        Index(request.Index, "the clips of the parent video, 1 for its first");
        VideoPrompt(request.Prompt, "MJ-Proxy requires one to extend a video too");
        VideoOptions(request, request.Motion, request.Speed);
    }

    public static void TaskId(string? taskId, [CallerArgumentExpression(nameof(taskId))] string paramName = "taskId")
    {
        if (string.IsNullOrWhiteSpace(taskId))
        {
            throw new ArgumentException($"{paramName} is empty; pass the id of a task the provider returned.", paramName);
        }
    }

    /// <summary>True for <c>W:H</c> with positive integers.</summary>
    public static bool IsAspectRatio(string value)
    {
        string[] parts = value.Split(':');
        return parts.Length == 2
            && parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit) && int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0);
    }

    private static void Prompt(string? prompt, string paramName)
    {
        if (string.IsNullOrWhiteSpace(prompt))
        {
            throw new ArgumentException($"{paramName} is empty; describe the image to generate.", paramName);
        }
    }

    private static void OptionalPrompt(string? prompt, string paramName)
    {
        if (prompt is not null && string.IsNullOrWhiteSpace(prompt))
        {
            throw new ArgumentException($"{paramName} is blank; use null to keep the parent's prompt.", paramName);
        }
    }

    private static void AspectRatio(string value, string paramName)
    {
        if (!IsAspectRatio(value))
        {
            throw new ArgumentException($"{paramName} '{value}' is not W:H with positive integers, such as '16:9'.", paramName);
        }
    }

    private static void Index(int index, string meaning = "the images of a grid, as in U1..U4 and V1..V4")
    {
        if (index is < 1 or > 4)
        {
            throw new ArgumentOutOfRangeException("Index", index, string.Create(CultureInfo.InvariantCulture, $"Index {index} is outside 1..4 ({meaning})."));
        }
    }

    private static void VideoPrompt(string? prompt, string why)
    {
        if (string.IsNullOrWhiteSpace(prompt))
        {
            throw new ArgumentException($"Prompt is empty; describe what should happen in the video ({why}).", "request");
        }
    }

    /// <summary>The checks a new video and an extend share: the motion, the speed and the webhook.</summary>
    private static void VideoOptions(MidjourneyRequest request, VideoMotion? motion, MidjourneySpeed? speed)
    {
        if (motion is { } m)
        {
            Defined(m, "Motion");
        }

        if (speed is { } s)
        {
            Defined(s, "Speed");
        }

        Webhook(request);
    }

    private static void Range(int? value, int min, int max, string paramName)
    {
        if (value is int v && (v < min || v > max))
        {
            throw new ArgumentOutOfRangeException(paramName, v, string.Create(CultureInfo.InvariantCulture, $"{paramName} {v} is outside {min}..{max}."));
        }
    }

    private static void Defined<TEnum>(TEnum value, string paramName)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} {value} is not a defined {typeof(TEnum).Name}.");
        }
    }

    /// <summary>
    /// Style references travel as URLs on every provider (midapi's fileUrls, the others' <c>--sref</c>), so inline images
    /// are refused here; a prompt that already carries <c>--sref</c> would make two answers to one question.
    /// </summary>
    private static void StyleReferences(ImagineRequest request)
    {
        IReadOnlyList<MidjourneyImage>? references = request.StyleReferences;
        if (references is null || references.Any(image => image is null))
        {
            throw new ArgumentException("StyleReferences must not be null or contain null images.", nameof(request));
        }

        if (references.Count > ImagineRequest.MaxStyleReferences)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"StyleReferences has {references.Count} images; a request takes at most {ImagineRequest.MaxStyleReferences}."),
                nameof(request));
        }

        if (references.FirstOrDefault(image => !image.IsUrl) is { } inline)
        {
            throw new ArgumentException(
                $"StyleReferences must be URLs, not inline data ({inline}): upload the image and pass MidjourneyImage.FromUrl(...).", nameof(request));
        }

        if (references.Count > 0)
        {
            NotAlsoInPrompt(request.Prompt, "StyleReferences", "--sref");
        }
    }

    private static void OmniReference(ImagineRequest request)
    {
        Range(request.OmniWeight, 1, 1000, nameof(request.OmniWeight));
        if (request.OmniReference is not { } omni)
        {
            if (request.OmniWeight is not null)
            {
                throw new ArgumentException("OmniWeight is set without an OmniReference; set both, or neither.", nameof(request));
            }

            return;
        }

        if (!omni.IsUrl)
        {
            throw new ArgumentException(
                $"OmniReference must be a URL, not inline data ({omni}): upload the image and pass MidjourneyImage.FromUrl(...).", nameof(request));
        }

        NotAlsoInPrompt(request.Prompt, "OmniReference", "--oref");
        if (request.OmniWeight is not null)
        {
            NotAlsoInPrompt(request.Prompt, "OmniWeight", "--ow");
        }
    }

    private static void NotAlsoInPrompt(string prompt, string property, string flag)
    {
        if (PromptFlags.HasFlag(prompt, flag))
        {
            throw new ArgumentException(
                $"The prompt already carries {flag} and {property} is set too; use one or the other.", "request");
        }
    }

    private static void Webhook(MidjourneyRequest request)
    {
        // The scheme and port rules depend on the client's options (Webhooks:AllowHttp) and provider: see WebhookSettings.
        if (request.WebhookUrl is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)))
        {
            throw new ArgumentException($"WebhookUrl '{url}' must be an absolute https URL.", nameof(request));
        }
    }
}
