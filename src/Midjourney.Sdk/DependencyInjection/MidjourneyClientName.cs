namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The name of a client <c>AddMidjourney</c> registered (empty for the default client), for whatever must create them all.</summary>
internal sealed record MidjourneyClientName(string Name);
