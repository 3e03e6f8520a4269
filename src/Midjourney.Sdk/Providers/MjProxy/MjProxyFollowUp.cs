namespace Midjourney.Sdk.Providers.MjProxy;

/// <summary>One button press: what to press on which parent, and what Midjourney's dialog gets if the relay opens it.</summary>
/// <param name="Request">The request, for its webhook.</param>
/// <param name="ParentId">The task whose button is pressed.</param>
/// <param name="Action">What the new task is.</param>
/// <param name="Button">The button to press.</param>
/// <param name="NewPrompt">The request's own prompt, which replaces the parent's in the dialog; null keeps the parent's.</param>
/// <param name="Unused">What of the request only a dialog can carry (logged when none opens), or null.</param>
internal sealed record MjProxyFollowUp(MidjourneyRequest Request, string ParentId, MidjourneyAction Action, MjProxyButtonChoice Button, string? NewPrompt, string? Unused)
{
    /// <summary>Turns the dialog's base prompt into the one confirmed.</summary>
    public Func<string, string> DialogPrompt { get; init; } = prompt => prompt;

    /// <summary>Vary (Region)'s mask as a data URL.</summary>
    public string? Mask { get; init; }
}
