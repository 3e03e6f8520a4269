using System.Text.Json;

namespace Midjourney.Sdk.Http;

/// <summary>
/// Turns a failed HTTP answer (or a body-level code with HTTP-like meaning) into the typed exception a user catches.
/// Provider-neutral: it knows HTTP semantics and the common places error bodies put their message.
/// </summary>
internal static class HttpErrorMapper
{
    /// <summary>The <see cref="MidjourneyException.ErrorCode"/> of a 404 on an endpoint that must exist (a wrong base URL).</summary>
    public const string EndpointNotFoundCode = "ENDPOINT_NOT_FOUND";

    private static readonly string[] MessageProperties = ["message", "msg", "description", "error", "detail", "failReason"];

    /// <summary>Maps an HTTP error status and its body.</summary>
    public static MidjourneyException FromHttpStatus(ApiErrorContext context, string? body)
    {
        string? message = TryReadMessage(body, out bool readable);
        int status = context.HttpStatusCode;

        // Statuses whose meaning does not depend on the body map by status even when the body is an HTML page.
        bool statusDecides = status is 401 or 402 or 403 or 404 or 429;
        if (!readable && !statusDecides)
        {
            return new MidjourneyProtocolException(
                $"{context.Provider} answered {context.Call} with HTTP {status} and a body that is not JSON{Snippet(body)}.")
            {
                Provider = context.Provider,
                StatusCode = status,
                IsTransient = IsTransientStatus(status),
                NotAccepted = status == 503 && context.RetryAfter is not null,
                RetryAfter = context.RetryAfter,
            };
        }

        if (status == 404 && string.IsNullOrWhiteSpace(message))
        {
            // A web server's or gateway's own 404 (an HTML page, a JSON body without the provider's message): the task may
            // be fine and the address wrong.
            string what = readable ? "carries no message from the provider" : $"is not the provider's JSON{Snippet(body)}";
            message = $"the answer {what}; if every task is reported missing, check BaseUrl";
        }

        return FromCode(context, status, message, errorCode: null);
    }

    /// <summary>
    /// Maps an HTTP-like error code (an HTTP status, or a body-level code that reuses HTTP's numbers) and a message. The exception's
    /// <see cref="MidjourneyException.StatusCode"/> is always the HTTP status; a body code that differs from it is kept as
    /// <see cref="MidjourneyException.BodyStatus"/>, for the rules.
    /// </summary>
    public static MidjourneyException FromCode(ApiErrorContext context, int code, string? message, string? errorCode)
    {
        string what = $"{context.Provider} refused {context.Call} ({code})";
        string text = string.IsNullOrWhiteSpace(message) ? what + "." : $"{what}: {message}";
        MidjourneyProvider provider = context.Provider;
        int status = context.HttpStatusCode;
        int? bodyStatus = code == status ? null : code;
        return code switch
        {
            403 when LooksLikeContentPolicy(message) => new MidjourneyContentPolicyException(text) { Provider = provider, StatusCode = status, BodyStatus = bodyStatus, ErrorCode = errorCode },
            401 or 403 => new MidjourneyAuthenticationException(text) { Provider = provider, StatusCode = status, BodyStatus = bodyStatus, ErrorCode = errorCode },
            402 => new MidjourneyInsufficientCreditsException(text) { Provider = provider, StatusCode = status, BodyStatus = bodyStatus, ErrorCode = errorCode },
            404 => new MidjourneyNotFoundException(text) { Provider = provider, StatusCode = status, BodyStatus = bodyStatus, ErrorCode = errorCode },
            // A 429 that means "out of credits or quota" will not pass by waiting: fail at once.
            429 when LooksLikeQuota(message) => new MidjourneyInsufficientCreditsException(text) { Provider = provider, StatusCode = status, BodyStatus = bodyStatus, ErrorCode = errorCode },
            429 => new MidjourneyRateLimitException(text) { Provider = provider, StatusCode = status, BodyStatus = bodyStatus, ErrorCode = errorCode, RetryAfter = context.RetryAfter },
            400 or 422 when LooksLikeContentPolicy(message) => new MidjourneyContentPolicyException(text) { Provider = provider, StatusCode = status, BodyStatus = bodyStatus, ErrorCode = errorCode },
            400 or 409 or 413 or 415 or 422 => new MidjourneyInvalidRequestException(text) { Provider = provider, StatusCode = status, BodyStatus = bodyStatus, ErrorCode = errorCode },
            >= 500 and < 600 or 408 => new MidjourneyServiceException(text)
            {
                Provider = provider,
                StatusCode = status,
                BodyStatus = bodyStatus,
                ErrorCode = errorCode,
                IsTransient = IsTransientStatus(code),
                RetryAfter = context.RetryAfter,
                NotAccepted = code == 503 && context.RetryAfter is not null,
            },
            _ => new MidjourneyException(text) { Provider = provider, StatusCode = status, BodyStatus = bodyStatus, ErrorCode = errorCode },
        };
    }

    /// <summary>Statuses worth trying again: 408, 429, 500, 502, 503, 504.</summary>
    public static bool IsTransientStatus(int status) => status is 408 or 429 or 500 or 502 or 503 or 504;

    /// <summary>The message of a JSON error body, from the first of the usual properties that holds a string.</summary>
    public static string? TryReadMessage(string? body, out bool readable)
    {
        readable = false;
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            readable = true;
            return FindMessage(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? FindMessage(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        }

        foreach (string name in MessageProperties)
        {
            if (!element.TryGetProperty(name, out JsonElement value))
            {
                continue;
            }

            string? found = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Object => FindMessage(value),
                JsonValueKind.Array => string.Join("; ", value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString())),
                _ => null,
            };
            if (!string.IsNullOrWhiteSpace(found))
            {
                return found;
            }
        }

        return element.TryGetProperty("data", out JsonElement data) ? FindMessage(data) : null;
    }

    private static bool LooksLikeQuota(string? message) => ContainsAny(message, "quota", "credit", "balance", "insufficient");

    private static bool LooksLikeContentPolicy(string? message) =>
        ContainsAny(message, "banned", "content policy", "nsfw", "sensitive", "violat", "moderat", "prohibited");

    private static bool ContainsAny(string? text, params string[] words) =>
        text is not null && words.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));

    private static string Snippet(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return " (empty)";
        }

        string flat = string.Join(' ', body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= 120 ? $": \"{flat}\"" : $": \"{flat[..120]}...\"";
    }
}
