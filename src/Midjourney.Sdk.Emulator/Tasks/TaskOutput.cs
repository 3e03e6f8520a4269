namespace Midjourney.Sdk.Emulator.Tasks;

/// <summary>What a finished task produced; it decides which follow-ups a task accepts.</summary>
internal enum TaskOutput
{
    /// <summary>A 2x2 grid and its four split images.</summary>
    Grid,

    /// <summary>One upscaled image.</summary>
    Image,

    /// <summary>Text only (describe).</summary>
    Text,

    /// <summary>Video clips (image-to-video), with a thumbnail each.</summary>
    Video,
}
