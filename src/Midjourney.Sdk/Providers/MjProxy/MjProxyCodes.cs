using System.Globalization;
using Midjourney.Sdk.Http;

namespace Midjourney.Sdk.Providers.MjProxy;

/// <summary>
/// MJ-Proxy's body-level submit codes (its <c>ReturnCode</c>), which arrive with HTTP 200 (some servers send them with an error status). They are not HTTP-like,
/// so they map here rather than through <see cref="HttpErrorMapper.FromCode"/>. The exception's
/// <see cref="MidjourneyException.StatusCode"/> is the HTTP status the code arrived with (like every exception's), its
/// <see cref="MidjourneyException.ErrorCode"/> the body code (<c>"24"</c>), and its message says both the code and its name.
/// </summary>
internal static class MjProxyCodes
{
    public const int Success = 1;
    public const int NotFound = 3;
    public const int ValidationError = 4;
    public const int Failure = 9;
    public const int Existed = 21;
    public const int InQueue = 22;
    public const int QueueRejected = 23;
    public const int BannedPrompt = 24;

    /// <summary>1 accepted, 22 accepted but queued, 21 already exists or waiting for the modal: each carries a task id.</summary>
    public static bool IsAccepted(int code) => code is Success or InQueue or Existed;

    /// <summary>
    /// The error a refusal code means when it arrives with an error status, where it says more than the status: a banned
    /// prompt (with the word) on any 4xx, a validation error on 400/422, and "queue full" on a 5xx (said before the task was
    /// created, so not an uncertain submit). Otherwise null: the status decides (servers put code 9 beside a 401, a 503 ...).
    /// </summary>
    public static MidjourneyException? FromErrorStatus(ApiErrorContext context, int code, string? description, string? bannedWord)
    {
        int status = context.HttpStatusCode;
        bool says = code switch
        {
            BannedPrompt => status is >= 400 and < 500 and not (401 or 429),
            ValidationError => status is 400 or 422,
            QueueRejected or Failure => status >= 500 && (code == QueueRejected || LooksLikeQueueFull(description)),
            _ => false,
        };
        return says ? ToException(context, code, description, bannedWord) : null;
    }

    public static MidjourneyException ToException(ApiErrorContext context, int code, string? description, string? bannedWord)
    {
        MidjourneyProvider provider = context.Provider;
        int status = context.HttpStatusCode;
        string name = Name(code);
        string bodyCode = code.ToString(CultureInfo.InvariantCulture);
        string what = string.Create(CultureInfo.InvariantCulture, $"{provider} refused {context.Call} (code {code} {name})");
        string text = string.IsNullOrWhiteSpace(description) ? what + "." : $"{what}: {description}";
        switch (code)
        {
            case BannedPrompt:
                string banned = string.IsNullOrWhiteSpace(bannedWord) ? "" : $" The banned word is '{bannedWord}'.";
                return new MidjourneyContentPolicyException(text + banned) { Provider = provider, StatusCode = status, ErrorCode = bodyCode };
            case ValidationError:
                return new MidjourneyInvalidRequestException(text) { Provider = provider, StatusCode = status, ErrorCode = bodyCode };
            case NotFound:
                return new MidjourneyNotFoundException(text) { Provider = provider, StatusCode = status, ErrorCode = bodyCode };
            case QueueRejected:
            case Failure:
                // "Queue full" is said before the task is created: provably not taken, so even a submit may be sent again.
                bool queueFull = code == QueueRejected || LooksLikeQueueFull(description);
                return new MidjourneyServiceException(text) { Provider = provider, StatusCode = status, ErrorCode = bodyCode, IsTransient = queueFull, NotAccepted = queueFull };
            default:
                return new MidjourneyException(text) { Provider = provider, StatusCode = status, ErrorCode = bodyCode };
        }
    }

    private static string Name(int code) => code switch
    {
        Success => "SUCCESS",
        NotFound => "NOT_FOUND",
        ValidationError => "VALIDATION_ERROR",
        Failure => "FAILURE",
        Existed => "EXISTED",
        InQueue => "IN_QUEUE",
        QueueRejected => "QUEUE_REJECTED",
        BannedPrompt => "BANNED_PROMPT",
        _ => code.ToString(CultureInfo.InvariantCulture),
    };

    // English and the Chinese of the open-source servers ("队列已满": the queue is full).
    private static bool LooksLikeQueueFull(string? description) =>
        description is not null
        && (description.Contains("queue is full", StringComparison.OrdinalIgnoreCase)
            || description.Contains("queue full", StringComparison.OrdinalIgnoreCase)
            || description.Contains("队列已满", StringComparison.Ordinal));
}
