namespace Midjourney.Sdk;

/// <summary>Settings that only apply when <see cref="MidjourneyClientOptions.Provider"/> is <see cref="MidjourneyProvider.MidApi"/>.</summary>
public sealed class MidApiOptions
{
    /// <summary>
    /// The first value of <c>imageIndex</c> on <c>generateVary</c>: 0 (the provider's schema) or 1 (some of its examples).
    /// The facade's index is always 1..4; this only changes what goes on the wire.
    /// </summary>
    /// <value>The default is 0.</value>
    public int VariationIndexBase { get; set; }

    internal MidApiOptions Clone() => (MidApiOptions)MemberwiseClone();
}
