namespace Midjourney.Sdk.Emulator.Protocols.MjProxy;

/// <summary>
/// A submit refused the way MJ-Proxy servers refuse: HTTP 200 and a body-level code (4 validation, 23 queue full,
/// 24 banned prompt, ...). Parse errors stay <see cref="RequestRejectedException"/>s with a real HTTP status.
/// </summary>
internal sealed class MjProxyCodeException(int code, string description, string? bannedWord = null) : Exception(description)
{
    public int Code { get; } = code;

    /// <summary>For code 24, the word that was refused (<c>properties.bannedWord</c>).</summary>
    public string? BannedWord { get; } = bannedWord;
}
