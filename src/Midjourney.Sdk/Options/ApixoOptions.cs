namespace Midjourney.Sdk;

/// <summary>Settings that only apply when <see cref="MidjourneyClientOptions.Provider"/> is <see cref="MidjourneyProvider.Apixo"/>.</summary>
public sealed class ApixoOptions
{
    /// <summary>The spelling of the imagine fields; never both are sent.</summary>
    /// <value>The default is <see cref="ApixoFieldNames.Classic"/>.</value>
    public ApixoFieldNames FieldNames { get; set; } = ApixoFieldNames.Classic;

    internal ApixoOptions Clone() => (ApixoOptions)MemberwiseClone();
}
