namespace Midjourney.Sdk;

/// <summary>
/// The provider-neutral values of <see cref="MidjourneyTask.FailureCode"/> (and so of a <see cref="MidjourneyTaskFailedException"/>'s
/// <see cref="MidjourneyException.ErrorCode"/>). Any other failure keeps the provider's own code.
/// </summary>
public static class MidjourneyFailureCodes
{
    /// <summary>
    /// The task was refused under the content policy while it ran (a banned prompt, a moderated image), on every provider:
    /// APIXO's <c>CONTENT_VIOLATION</c>/<c>NSFW_DETECTED</c>/..., and the failures GoAPI, MJ-Proxy and midapi describe as banned or moderated.
    /// The provider's own code is in <see cref="MidjourneyTask.ProviderFailureCode"/>.
    /// </summary>
    public const string ContentPolicy = "CONTENT_POLICY";
}
