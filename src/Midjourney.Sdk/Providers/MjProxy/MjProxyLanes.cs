namespace Midjourney.Sdk.Providers.MjProxy;

/// <summary>A relay's speed lane as the <c>{**lane}</c> route segment of <see cref="IMjProxyApi"/> takes it.</summary>
internal static class MjProxyLanes
{
    /// <summary>No lane: the relay's default.</summary>
    public const string None = "";

    /// <summary>The configured prefix (<c>mj-fast</c>, <c>v1/fast</c>) as a route segment (<c>mj-fast/</c>); <see cref="None"/> for null.</summary>
    public static string Route(string? prefix) => prefix is null ? None : prefix.Trim('/') + "/";
}
