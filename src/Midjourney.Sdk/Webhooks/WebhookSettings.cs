namespace Midjourney.Sdk.Webhooks;

/// <summary>
/// A client's callback settings: checks a request's callback before any traffic and decides what each submit sends. A
/// request's <see cref="MidjourneyRequest.WebhookUrl"/> and <see cref="MidjourneyRequest.WebhookSecret"/> win over the
/// options'. Where the provider has no field for a secret, the URL gets the SDK's token instead, so a secret is never
/// silently dropped.
/// </summary>
internal sealed class WebhookSettings(MidjourneyWebhookOptions options, MidjourneyProvider provider)
{
    /// <summary>Whether this provider's wire carries a webhook secret (GoAPI's <c>webhook_secret</c>).</summary>
    public bool ProviderCarriesSecret => provider == MidjourneyProvider.GoApi;

    /// <summary>Whether callbacks are configured for every submit (waits then drop to a slow safety net).</summary>
    public bool Configured => options.Url is not null;

    /// <summary>The configured secret, if any.</summary>
    public string? Secret => options.Secret;

    /// <summary>Throws <see cref="ArgumentException"/> when the request's callback URL cannot be used; call before any traffic.</summary>
    public void Validate(MidjourneyRequest request)
    {
        if (request.WebhookUrl is { } url)
        {
            ThrowIfUnusable(url, options.AllowHttp, provider, "WebhookUrl", nameof(request));
        }
    }

    /// <summary>Whether the submit of <paramref name="request"/> asks for a callback (without building its URL and token).</summary>
    public bool Expects(MidjourneyRequest request) => (request.WebhookUrl ?? options.Url) is not null;

    /// <summary>What the submit of <paramref name="request"/> sends for its callback; null for none.</summary>
    public CallbackPlan? For(MidjourneyRequest request)
    {
        if ((request.WebhookUrl ?? options.Url) is not { } url)
        {
            return null;
        }

        string? secret = request.WebhookSecret ?? options.Secret;
        return ProviderCarriesSecret || secret is null
            ? new CallbackPlan(url.AbsoluteUri, ProviderCarriesSecret ? secret : null, options.NotifyProgress)
            : new CallbackPlan(WebhookToken.AddTo(url, secret).AbsoluteUri, null, options.NotifyProgress);
    }

    /// <summary>The one rule for callback URLs, for the options and for each request.</summary>
    public static string? Problem(Uri url, bool allowHttp, MidjourneyProvider provider, string name)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            return $"{name} '{url}' must be an absolute https URL.";
        }

        if (allowHttp)
        {
            return null;
        }

        if (url.Scheme != Uri.UriSchemeHttps)
        {
            return $"{name} '{url}' must be https (set Webhooks:AllowHttp for development or a private network).";
        }

        return provider == MidjourneyProvider.GoApi && url.Port is not (443 or 80)
            ? $"GoAPI only calls webhooks on ports 443 and 80; {name} '{url}' uses port {url.Port} (set Webhooks:AllowHttp for the emulator)."
            : null;
    }

    private static void ThrowIfUnusable(Uri url, bool allowHttp, MidjourneyProvider provider, string name, string parameter)
    {
        if (Problem(url, allowHttp, provider, name) is { } problem)
        {
            throw new ArgumentException(problem, parameter);
        }
    }
}
