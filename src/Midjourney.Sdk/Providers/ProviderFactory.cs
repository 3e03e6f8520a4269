using Midjourney.Sdk.Providers.GoApi;
using Midjourney.Sdk.Providers.MjProxy;

namespace Midjourney.Sdk.Providers;

/// <summary>Builds the adapter for the configured provider.</summary>
internal static class ProviderFactory
{
    public static IMidjourneyProvider Create(ProviderContext context) => context.Options.Provider switch
    {
        MidjourneyProvider.GoApi => GoApiProvider.Create(context),
        MidjourneyProvider.MjProxy => MjProxyProvider.Create(context),
        MidjourneyProvider other => throw new MidjourneyNotSupportedException(
            $"The {other} provider is not available in this version of Midjourney.Sdk; use {MidjourneyProvider.GoApi}.") { Provider = other },
    };
}
