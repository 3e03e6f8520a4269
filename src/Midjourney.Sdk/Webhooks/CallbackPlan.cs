namespace Midjourney.Sdk.Webhooks;

/// <summary>What one submit sends for its callback.</summary>
/// <param name="Url">The callback URL as sent (with the SDK's token where the provider carries no secret).</param>
/// <param name="Secret">The secret, for a provider that carries one (GoAPI); null otherwise.</param>
/// <param name="NotifyProgress">Ask for progress callbacks too (GoAPI).</param>
internal sealed record CallbackPlan(string Url, string? Secret, bool NotifyProgress)
{
    /// <summary>Never shows the secret.</summary>
    public override string ToString() => $"CallbackPlan {{ Url = {Url}, Secret = {(Secret is null ? "(none)" : "(set)")}, NotifyProgress = {NotifyProgress} }}";
}
