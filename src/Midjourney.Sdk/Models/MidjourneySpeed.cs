namespace Midjourney.Sdk;

/// <summary>The generation lane (Midjourney's GPU mode); faster lanes cost more.</summary>
public enum MidjourneySpeed
{
    /// <summary>Relax mode: queued, cheapest.</summary>
    Relax,

    /// <summary>Fast mode.</summary>
    Fast,

    /// <summary>Turbo mode: fastest, most expensive.</summary>
    Turbo,
}
