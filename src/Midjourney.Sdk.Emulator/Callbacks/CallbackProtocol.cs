namespace Midjourney.Sdk.Emulator.Callbacks;

/// <summary>Whose callback rules a delivery follows; the names are the SDK's provider names, as the delivery log reports them.</summary>
internal enum CallbackProtocol
{
    GoApi,
    MjProxy,
    Apixo,
    MidApi,
}
