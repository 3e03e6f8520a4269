using System.Globalization;
using Midjourney.Sdk.Http;

namespace Midjourney.Sdk.Providers.Apixo;

/// <summary>Maps an APIXO envelope whose <c>code</c> is not 2xx (sent with HTTP 200) to the typed exception a user catches.</summary>
internal static class ApixoErrors
{
    public static MidjourneyException FromEnvelope(ApiErrorContext context, int code, string? message, string? detail)
    {
        string? text = Join(message, detail);

        // A machine-readable data.error ("INSUFFICIENT_CREDITS") is the error code; a sentence is only part of the message, and
        // then the envelope code is the provider's code.
        string? errorCode = ApixoFailCodes.LooksLikeCode(detail) ? detail : null;
        int status = context.HttpStatusCode;
        // Only a refusal of the request itself can be a content-policy one: a 401 or 429 whose code says "POLICY" is not.
        if (code is 400 or 403 or 422 && ApixoFailCodes.IsContentViolation(errorCode))
        {
            return new MidjourneyContentPolicyException($"{context.Provider} refused {context.Call} ({code}): {text}")
            {
                Provider = context.Provider,
                StatusCode = status,
                BodyStatus = code == status ? null : code,
                ErrorCode = errorCode ?? code.ToString(CultureInfo.InvariantCulture),
            };
        }

        return HttpErrorMapper.FromCode(context, code, text, errorCode ?? code.ToString(CultureInfo.InvariantCulture));
    }

    private static string? Join(string? message, string? detail)
    {
        bool hasMessage = !string.IsNullOrWhiteSpace(message);
        bool hasDetail = !string.IsNullOrWhiteSpace(detail);
        return (hasMessage, hasDetail) switch
        {
            (true, true) when string.Equals(message!.Trim(), detail!.Trim(), StringComparison.OrdinalIgnoreCase) => message,
            (true, true) => $"{message} ({detail})",
            (true, false) => message,
            (false, true) => detail,
            _ => null,
        };
    }
}
