namespace Midjourney.Sdk;

/// <summary>Analyse a prompt and suggest shorter versions of it.</summary>
/// <param name="Prompt">The prompt to shorten.</param>
public sealed record ShortenRequest(string Prompt) : MidjourneyRequest;
