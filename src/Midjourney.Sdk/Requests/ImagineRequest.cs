namespace Midjourney.Sdk;

/// <summary>Generate a grid of four images from a prompt.</summary>
/// <param name="Prompt">The prompt; Midjourney flags such as <c>--ar 16:9</c> may be part of it.</param>
public sealed record ImagineRequest(string Prompt) : MidjourneyRequest
{
    /// <summary>The most style references one request takes (<see cref="StyleReferences"/>).</summary>
    public const int MaxStyleReferences = 5;

    /// <summary>Aspect ratio as <c>W:H</c> with positive integers, for example <c>16:9</c>; null for the provider's default (1:1).</summary>
    public string? AspectRatio { get; init; }

    /// <summary>The generation lane; null for the provider's default.</summary>
    public MidjourneySpeed? Speed { get; init; }

    /// <summary>Model version such as <c>7</c>, <c>6.1</c> or <c>niji 6</c>; null for the provider's default.</summary>
    public string? Version { get; init; }

    /// <summary>Stylize, 0..1000; null for the default (100).</summary>
    public int? Stylize { get; init; }

    /// <summary>Chaos, 0..100; null for the default (0).</summary>
    public int? Chaos { get; init; }

    /// <summary>Weird, 0..3000; null for the default (0).</summary>
    public int? Weird { get; init; }

    /// <summary>Reference images for image prompts; empty for none. Not every provider accepts them (see <see cref="MidjourneyCapabilities.SupportsReferenceImages"/>).</summary>
    public IReadOnlyList<MidjourneyImage> ReferenceImages { get; init; } = [];

    /// <summary>
    /// Style references (Midjourney's <c>--sref</c>): images whose look the grid takes on, not their content; empty for none.
    /// Each must be a URL (<see cref="MidjourneyImage.FromUrl(Uri)"/>), at most <see cref="MaxStyleReferences"/>; numeric
    /// style codes are not taken here (write <c>--sref 123</c> in the prompt instead). midapi sends them as its
    /// <c>mj_style_reference</c> task, the other providers as <c>--sref url ...</c> at the end of the prompt.
    /// </summary>
    public IReadOnlyList<MidjourneyImage> StyleReferences { get; init; } = [];

    /// <summary>
    /// The omni reference (Midjourney's <c>--oref</c>, version 7): one image whose subject (a character, an object) appears
    /// in the grid; null for none. It must be a URL (<see cref="MidjourneyImage.FromUrl(Uri)"/>). midapi sends it as its
    /// <c>mj_omni_reference</c> task, the other providers as <c>--oref url</c> at the end of the prompt.
    /// </summary>
    public MidjourneyImage? OmniReference { get; init; }

    /// <summary>
    /// Omni weight (Midjourney's <c>--ow</c>), 1..1000: how closely the grid follows <see cref="OmniReference"/>; null for the
    /// default (100). Only with an <see cref="OmniReference"/>. midapi sends it as <c>ow</c>, the other providers as <c>--ow N</c>.
    /// </summary>
    public int? OmniWeight { get; init; }
}
