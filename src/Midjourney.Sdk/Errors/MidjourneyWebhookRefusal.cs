namespace Midjourney.Sdk;

/// <summary>Why a callback was refused (<see cref="MidjourneyWebhookException.Refusal"/>).</summary>
public enum MidjourneyWebhookRefusal
{
    /// <summary>The body is not the provider's callback (not JSON, or not its shape). An endpoint answers 400.</summary>
    Unreadable,

    /// <summary>The secret, token or signature is missing or wrong. An endpoint answers 401.</summary>
    NotAuthentic,

    /// <summary>The body is over <see cref="MidjourneyWebhookRequest.MaxBodyBytes"/>. An endpoint answers 413.</summary>
    TooLarge,
}
