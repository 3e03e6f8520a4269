namespace Midjourney.Sdk;

/// <summary>The kind of job a task runs.</summary>
public enum MidjourneyAction
{
    /// <summary>Generate a grid of four images from a prompt.</summary>
    Imagine,

    /// <summary>Upscale one image of a grid, or upscale an upscaled image further.</summary>
    Upscale,

    /// <summary>Generate variations of one image.</summary>
    Variation,

    /// <summary>Run the parent's prompt again.</summary>
    Reroll,

    /// <summary>Regenerate a masked region of an upscaled image (Vary Region).</summary>
    Inpaint,

    /// <summary>Extend the canvas of an upscaled image (Zoom Out, Make Square, Custom Zoom).</summary>
    Outpaint,

    /// <summary>Extend an upscaled image in one direction.</summary>
    Pan,

    /// <summary>Write four prompts that describe an image.</summary>
    Describe,

    /// <summary>Blend two to five images into one grid.</summary>
    Blend,

    /// <summary>Analyse a prompt and suggest shorter ones.</summary>
    Shorten,

    /// <summary>Animate an image (offered by some providers only).</summary>
    Video,

    /// <summary>Any other job a provider reports.</summary>
    Other,
}
