namespace Midjourney.Sdk;

/// <summary>
/// Callbacks (webhooks): where providers call the app back when a task changes, and the secret that proves a call is
/// genuine. Settable so configuration binding works (<c>Webhooks:Url</c>, <c>Webhooks:Secret</c>, ...). A callback is an
/// early signal: while webhooks are configured, waits still check the task now and then, so a lost callback costs latency,
/// never a result.
/// </summary>
public sealed class MidjourneyWebhookOptions
{
    /// <summary>The callback URL put on every submit; a request's own <see cref="MidjourneyRequest.WebhookUrl"/> wins.</summary>
    /// <value>The default is null: no callbacks unless a request asks for one. Must be https unless <see cref="AllowHttp"/>.</value>
    public Uri? Url { get; set; }

    /// <summary>
    /// Authenticates callbacks; a request's own <see cref="MidjourneyRequest.WebhookSecret"/> wins. GoAPI sends it back in a
    /// header; kie.ai signs with it; for MJ-Proxy, APIXO and midapi, which carry no secret, the SDK adds a token derived from
    /// it (never the secret itself) to the callback URL and checks it on arrival. Never logged or shown by <c>ToString()</c>.
    /// </summary>
    /// <value>The default is null: callbacks are not authenticated (set one in production; 16 characters or more).</value>
    public string? Secret { get; set; }

    /// <summary>Also ask for a callback on each progress change where the provider offers it (GoAPI <c>notify_progress</c>).</summary>
    /// <value>The default is false: callbacks when a task ends (MJ-Proxy calls on every change regardless).</value>
    public bool NotifyProgress { get; set; }

    /// <summary>Accept http:// callback URLs and any port (development, the emulator, private networks).</summary>
    /// <value>The default is false: https only, and on GoAPI only the ports it calls (443, 80).</value>
    public bool AllowHttp { get; set; }

    /// <summary>
    /// Shows the URL without its query (which may carry a token of the app's own) and whether a secret is set; never the secret.
    /// </summary>
    public override string ToString() => $"Url = {Shown(Url)}, Secret = {(Secret is null ? "(none)" : "(set)")}, NotifyProgress = {NotifyProgress}, AllowHttp = {AllowHttp}";

    internal MidjourneyWebhookOptions Clone() => (MidjourneyWebhookOptions)MemberwiseClone();

    private static string Shown(Uri? url)
    {
        if (url is null)
        {
            return "(none)";
        }

        string text = url.IsAbsoluteUri ? url.GetLeftPart(UriPartial.Path) : url.OriginalString.Split('?', '#')[0];
        bool hidden = url.IsAbsoluteUri ? url.Query.Length > 0 || url.Fragment.Length > 0 : text.Length < url.OriginalString.Length;
        return hidden ? text + "?(hidden)" : text;
    }
}
