using System.Text;

namespace Midjourney.Sdk;

/// <summary>What every submit request has: an optional webhook the provider calls as the task moves.</summary>
public abstract record MidjourneyRequest
{
    /// <summary>
    /// An absolute https URL the provider posts task updates to (http with <see cref="MidjourneyWebhookOptions.AllowHttp"/>);
    /// null for the client's <see cref="MidjourneyWebhookOptions.Url"/>, if any.
    /// </summary>
    public Uri? WebhookUrl { get; init; }

    /// <summary>
    /// Authenticates this task's callbacks instead of <see cref="MidjourneyWebhookOptions.Secret"/>: GoAPI echoes it; for the other
    /// providers a token derived from it goes in the callback URL. Never shown by <see cref="object.ToString"/>.
    /// </summary>
    public string? WebhookSecret { get; init; }

    /// <summary>Prints the members, with the webhook secret redacted.</summary>
    protected virtual bool PrintMembers(StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Append("WebhookUrl = ").Append(WebhookUrl);
        builder.Append(", WebhookSecret = ").Append(WebhookSecret is null ? "" : "***");
        return true;
    }
}
