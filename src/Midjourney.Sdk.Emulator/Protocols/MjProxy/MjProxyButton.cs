namespace Midjourney.Sdk.Emulator.Protocols.MjProxy;

/// <summary>One Discord button under a finished task, as MJ-Proxy lists it in <c>buttons</c>.</summary>
internal sealed record MjProxyButton(string CustomId, string Label, string Emoji);
