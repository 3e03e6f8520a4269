namespace Midjourney.Sdk;

/// <summary>The shape of a blend's output.</summary>
public enum BlendDimensions
{
    /// <summary>2:3.</summary>
    Portrait,

    /// <summary>1:1.</summary>
    Square,

    /// <summary>3:2.</summary>
    Landscape,
}
