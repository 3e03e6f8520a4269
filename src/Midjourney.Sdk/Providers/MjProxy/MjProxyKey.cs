namespace Midjourney.Sdk.Providers.MjProxy;

/// <summary>The key as MJ-Proxy's two header styles carry it: exactly one of the two is set, the other left out of the request.</summary>
internal sealed class MjProxyKey(MjProxyAuthHeader style, string key)
{
    /// <summary><c>Authorization: Bearer &lt;key&gt;</c>, the relays' style.</summary>
    public string? Authorization { get; } = style == MjProxyAuthHeader.Bearer ? "Bearer " + key : null;

    /// <summary><c>mj-api-secret: &lt;key&gt;</c>, the self-hosted servers' style.</summary>
    public string? ApiSecret { get; } = style == MjProxyAuthHeader.ApiSecret ? key : null;

    public override string ToString() => $"MJ-Proxy key in {(Authorization is null ? "mj-api-secret" : "Authorization")}";
}
