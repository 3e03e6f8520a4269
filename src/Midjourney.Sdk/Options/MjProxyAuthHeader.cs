namespace Midjourney.Sdk;

/// <summary>How an MJ-Proxy relay expects the API key.</summary>
public enum MjProxyAuthHeader
{
    /// <summary><c>Authorization: Bearer &lt;key&gt;</c>, as relays and aggregators use.</summary>
    Bearer,

    /// <summary><c>mj-api-secret: &lt;key&gt;</c>, as self-hosted midjourney-proxy servers use.</summary>
    ApiSecret,
}
