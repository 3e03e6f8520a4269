using Midjourney.Sdk;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>A task handler registered for the client of one name, built from the container when that client is.</summary>
internal sealed record TaskHandlerRegistration(string ClientName, Func<IServiceProvider, IMidjourneyTaskHandler> Create);
