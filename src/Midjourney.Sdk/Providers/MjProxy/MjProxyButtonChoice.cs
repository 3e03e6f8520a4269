namespace Midjourney.Sdk.Providers.MjProxy;

/// <summary>
/// The button a follow-up presses, recognized by its <c>customId</c> (split at <c>::</c>) among the parent task's buttons.
/// </summary>
/// <param name="Name">How the button reads in Discord, for messages: <c>U2</c>, <c>Zoom Out 1.5x</c>.</param>
/// <param name="Pattern">Its customId pattern, for messages: <c>MJ::JOB::upsample::2::{hash}</c>.</param>
/// <param name="OnGrid">True for buttons under a grid (U1..U4, V1..V4, reroll); false for those under an upscaled image.</param>
/// <param name="Matches">Whether a customId's <c>::</c>-separated parts are this button.</param>
internal sealed record MjProxyButtonChoice(string Name, string Pattern, bool OnGrid, Func<string[], bool> Matches);
