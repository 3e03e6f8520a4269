namespace Midjourney.Sdk;

/// <summary>How much a video moves (Midjourney's <c>--motion low</c> / <c>--motion high</c>).</summary>
public enum VideoMotion
{
    /// <summary>Still scenes, slow or little movement (Midjourney's default).</summary>
    Low,

    /// <summary>Big camera and subject movement; more often with glitches.</summary>
    High,
}
