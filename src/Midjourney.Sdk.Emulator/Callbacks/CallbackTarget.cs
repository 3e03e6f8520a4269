namespace Midjourney.Sdk.Emulator.Callbacks;

/// <summary>Where and how a submit asked to be called back, read from its own wire fields.</summary>
/// <param name="Protocol">The protocol the task was submitted over; its rules decide bodies, triggers and retries.</param>
/// <param name="Url">The callback URL, query included.</param>
/// <param name="Secret">GoAPI's <c>webhook_secret</c>, echoed in <c>x-webhook-secret</c>; <see langword="null"/> for none.</param>
/// <param name="NotifyProgress">GoAPI's <c>notify_progress</c>: also call back on every progress change.</param>
internal sealed record CallbackTarget(CallbackProtocol Protocol, Uri Url, string? Secret = null, bool NotifyProgress = false)
{
    /// <summary>
    /// Reads a callback URL: <see langword="null"/> when none was given (absent or empty), the URL when it is an absolute
    /// http or https one (any host and port: tests listen on 127.0.0.1), else false so the protocol refuses it its own way.
    /// </summary>
    public static bool TryParseUrl(string? value, out Uri? url)
    {
        url = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps))
        {
            url = parsed;
            return true;
        }

        return false;
    }
}
