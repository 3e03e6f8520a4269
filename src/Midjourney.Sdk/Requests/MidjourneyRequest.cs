using System.Text;

namespace Midjourney.Sdk;

/// <summary>What every submit request has: an optional webhook the provider calls as the task moves.</summary>
public abstract record MidjourneyRequest
{
    /// <summary>An absolute https URL the provider posts task updates to; null for none (poll instead).</summary>
    public Uri? WebhookUrl { get; init; }

    /// <summary>A secret the provider sends back with each webhook call, where it supports one. Never shown by <see cref="object.ToString"/>.</summary>
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
