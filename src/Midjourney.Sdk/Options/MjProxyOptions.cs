namespace Midjourney.Sdk;

/// <summary>
/// Settings that only apply when <see cref="MidjourneyClientOptions.Provider"/> is <see cref="MidjourneyProvider.MjProxy"/>.
/// A lane prefix applies to the submits that take a speed (imagine, describe, blend); follow-ups run at their parent's
/// speed and status checks use no prefix. Without a prefix for the requested speed, imagine carries Midjourney's own
/// flag instead (<c>--fast</c>, <c>--relax</c>, <c>--turbo</c>), and describe and blend run in the relay's default lane.
/// </summary>
public sealed class MjProxyOptions
{
    /// <summary>Which header carries the API key.</summary>
    /// <value>The default is <see cref="MjProxyAuthHeader.Bearer"/>.</value>
    public MjProxyAuthHeader AuthHeader { get; set; } = MjProxyAuthHeader.Bearer;

    /// <summary>
    /// The path segment that selects the relax lane, placed before <c>/mj</c> (<c>mj-relax</c> on self-hosted servers,
    /// <c>relax</c> on some aggregators). Used when a request asks for <see cref="MidjourneySpeed.Relax"/>.
    /// </summary>
    /// <value>The default is null: no prefix, the relay's default lane.</value>
    public string? RelaxPathPrefix { get; set; }

    /// <summary>The path segment that selects the fast lane (for example <c>mj-fast</c> or <c>fast</c>).</summary>
    /// <value>The default is null: no prefix, the relay's default lane.</value>
    public string? FastPathPrefix { get; set; }

    /// <summary>The path segment that selects the turbo lane (for example <c>mj-turbo</c> or <c>turbo</c>).</summary>
    /// <value>The default is null: no prefix, the relay's default lane.</value>
    public string? TurboPathPrefix { get; set; }

    /// <summary>
    /// Whether describe may send an image given by URL as <c>link</c>, which some servers accept. When off, describe
    /// takes inline image data only and an image URL is refused before any traffic.
    /// </summary>
    /// <value>The default is false.</value>
    public bool SendDescribeLink { get; set; }

    internal MjProxyOptions Clone() => (MjProxyOptions)MemberwiseClone();
}
