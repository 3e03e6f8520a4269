using System.Globalization;
using Midjourney.Sdk.Http;

namespace Midjourney.Sdk.Providers.MidApi;

/// <summary>
/// midapi's envelope codes as typed exceptions. Codes that reuse HTTP's numbers (400, 401, 402, 404, 422, 429, 500)
/// map as HTTP does; 455, 501 and 505 are midapi's own.
/// </summary>
internal static class MidApiErrors
{
    public static MidjourneyException FromCode(ApiErrorContext context, int code, string? message)
    {
        MidjourneyProvider provider = context.Provider;
        return code switch
        {
            // Maintenance: midapi's own application refusing the call, not a proxy failing mid-request, so nothing was
            // created; like a 429 it is safe to send again later, submits included.
            455 => new MidjourneyServiceException(Text(context, code, "under maintenance", message))
            {
                Provider = provider,
                StatusCode = code,
                IsTransient = true,
                NotAccepted = true,
                RetryAfter = context.RetryAfter,
            },

            // A definite answer: the generation failed, so nothing is left running that a new submit could double.
            501 => new MidjourneyServiceException(Text(context, code, "generation failed", message))
            {
                Provider = provider,
                StatusCode = code,
                IsTransient = false,
                NotAccepted = true,
            },
            505 => new MidjourneyNotSupportedException(Text(context, code, "feature disabled", message))
            {
                Provider = provider,
                StatusCode = code,
                NotAccepted = true,
            },
            _ => HttpErrorMapper.FromCode(context, code, message, errorCode: null),
        };
    }

    private static string Text(ApiErrorContext context, int code, string meaning, string? message)
    {
        string what = string.Create(CultureInfo.InvariantCulture, $"{context.Provider} refused {context.Call} ({code}, {meaning})");
        return string.IsNullOrWhiteSpace(message) ? what + "." : $"{what}: {message}";
    }
}
