using Midjourney.Sdk.Emulator.Tasks;

namespace Midjourney.Sdk.Emulator.Protocols.MjProxy;

/// <summary>What pressing a button starts.</summary>
/// <param name="FollowUp">The neutral follow-up; for Custom Zoom its zoom comes from the dialog's <c>--zoom</c>.</param>
/// <param name="AlwaysDialog">Custom Zoom and Vary (Region) always open Midjourney's dialog.</param>
/// <param name="RemixDialog">Variations, reroll and pan open it when the account has remix on.</param>
internal sealed record MjProxyPress(FollowUp FollowUp, bool AlwaysDialog, bool RemixDialog);
