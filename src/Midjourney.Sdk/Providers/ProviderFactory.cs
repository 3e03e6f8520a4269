using Midjourney.Sdk.Providers.Apixo;
using Midjourney.Sdk.Providers.GoApi;
using Midjourney.Sdk.Providers.MidApi;
using Midjourney.Sdk.Providers.MjProxy;

namespace Midjourney.Sdk.Providers;

/// <summary>Builds the adapter for the configured provider.</summary>
internal static class ProviderFactory
{
    public static IMidjourneyProvider Create(ProviderContext context) => context.Options.Provider switch
    {
        MidjourneyProvider.GoApi => GoApiProvider.Create(context),
        MidjourneyProvider.MjProxy => MjProxyProvider.Create(context),
        MidjourneyProvider.Apixo => ApixoProvider.Create(context),
        MidjourneyProvider.MidApi => MidApiProvider.Create(context),

        // Options validation rejects undefined values first; this only guards a cast like (MidjourneyProvider)42.
        MidjourneyProvider other => throw new ArgumentOutOfRangeException(nameof(context), other, $"'{other}' is not a MidjourneyProvider."),
    };
}
