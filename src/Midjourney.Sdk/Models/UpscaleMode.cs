namespace Midjourney.Sdk;

/// <summary>Which upscaler to run.</summary>
public enum UpscaleMode
{
    /// <summary>Pick one image of a grid (U1..U4).</summary>
    Default,

    /// <summary>Upscale (Subtle) of an upscaled image.</summary>
    Subtle,

    /// <summary>Upscale (Creative) of an upscaled image.</summary>
    Creative,

    /// <summary>Upscale an upscaled image 2x.</summary>
    TwoX,

    /// <summary>Upscale an upscaled image 4x.</summary>
    FourX,
}
