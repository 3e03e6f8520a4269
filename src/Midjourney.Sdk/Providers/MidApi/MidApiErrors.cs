using System.Globalization;
using Midjourney.Sdk.Http;

namespace Midjourney.Sdk.Providers.MidApi;

/// <summary>
/// midapi's envelope codes as typed exceptions. Codes that reuse HTTP's numbers (400, 401, 402, 404, 422, 429, 500)
/// map as HTTP does; 455, 501 and 505 are midapi's own. The exception's <see cref="MidjourneyException.StatusCode"/> is the HTTP status
/// (often 200), its <see cref="MidjourneyException.ErrorCode"/> the envelope code (<c>"402"</c>).
/// </summary>
internal static class MidApiErrors
{
    public static MidjourneyException FromCode(ApiErrorContext context, int code, string? message)
    {
        MidjourneyProvider provider = context.Provider;
        int status = context.HttpStatusCode;
        int? bodyStatus = code == status ? null : code;
        string bodyCode = code.ToString(CultureInfo.InvariantCulture);
        return code switch
        {
            // Maintenance: midapi's own application refusing the call, not a proxy failing mid-request, so nothing was
            // created; like a 429 it is safe to send again later, submits included.
            455 => new MidjourneyServiceException(Text(context, code, "under maintenance", message))
            {
                Provider = provider,
                StatusCode = status,
                BodyStatus = bodyStatus,
                ErrorCode = bodyCode,
                IsTransient = true,
                NotAccepted = true,
                RetryAfter = context.RetryAfter,
            },

            // A definite answer: the generation failed, so nothing is left running that a new submit could double.
            501 => new MidjourneyServiceException(Text(context, code, "generation failed", message))
            {
                Provider = provider,
                StatusCode = status,
                BodyStatus = bodyStatus,
                ErrorCode = bodyCode,
                IsTransient = false,
                NotAccepted = true,
            },
            505 => new MidjourneyNotSupportedException(Text(context, code, "feature disabled", message))
            {
                Provider = provider,
                StatusCode = status,
                BodyStatus = bodyStatus,
                ErrorCode = bodyCode,
                NotAccepted = true,
            },
            _ => HttpErrorMapper.FromCode(context, code, message, errorCode: bodyCode),
        };
    }

    private static string Text(ApiErrorContext context, int code, string meaning, string? message)
    {
        string what = string.Create(CultureInfo.InvariantCulture, $"{context.Provider} refused {context.Call} ({code}, {meaning})");
        return string.IsNullOrWhiteSpace(message) ? what + "." : $"{what}: {message}";
    }
}
