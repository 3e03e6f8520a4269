namespace Midjourney.Sdk;

/// <summary>The side a pan extends the image on.</summary>
public enum PanDirection
{
    /// <summary>Extend upwards.</summary>
    Up,

    /// <summary>Extend downwards.</summary>
    Down,

    /// <summary>Extend to the left.</summary>
    Left,

    /// <summary>Extend to the right.</summary>
    Right,
}
