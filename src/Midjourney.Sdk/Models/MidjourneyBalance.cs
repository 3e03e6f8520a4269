namespace Midjourney.Sdk;

/// <summary>What is left on the account, as the provider reports it (see <see cref="IMidjourneyClient.GetBalanceAsync"/>).</summary>
/// <param name="Amount">The balance, in <paramref name="Unit"/>.</param>
/// <param name="Unit">What <paramref name="Amount"/> counts: <c>USD</c> on APIXO, <c>credits</c> on kie.ai.</param>
/// <param name="RawJson">The provider's answer as received (the API key removed); null when there was none.</param>
public sealed record MidjourneyBalance(decimal Amount, string Unit, string? RawJson);
