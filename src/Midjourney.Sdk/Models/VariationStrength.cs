namespace Midjourney.Sdk;

/// <summary>How far a variation of an upscaled image may move away from it.</summary>
public enum VariationStrength
{
    /// <summary>Vary (Subtle).</summary>
    Subtle,

    /// <summary>Vary (Strong).</summary>
    Strong,
}
