namespace Midjourney.Sdk;

/// <summary>Generate a grid of four images from a prompt.</summary>
/// <param name="Prompt">The prompt; Midjourney flags such as <c>--ar 16:9</c> may be part of it.</param>
public sealed record ImagineRequest(string Prompt) : MidjourneyRequest
{
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
}
