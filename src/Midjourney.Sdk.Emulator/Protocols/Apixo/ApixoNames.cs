using Midjourney.Sdk.Emulator.Tasks;

namespace Midjourney.Sdk.Emulator.Protocols.Apixo;

/// <summary>How APIXO spells the emulator's neutral values on the wire.</summary>
internal static class ApixoNames
{
    /// <summary>The one model this emulator serves under <c>generateTask/{model}</c> and <c>statusTask/{model}</c>.</summary>
    public const string Model = "midjourney";

    public const string ContentViolation = "CONTENT_VIOLATION";

    public const string GenerationFailed = "GENERATION_FAILED";

    public static readonly IReadOnlyList<string> AspectRatios = ["1:1", "1:2", "2:1", "2:3", "3:2", "3:4", "4:3", "5:6", "6:5", "9:16", "16:9"];

    public static readonly IReadOnlyList<string> Versions = ["v6", "v6.1", "v7", "niji 6", "niji 7"];

    /// <summary>Modes APIXO documents but enables only on request.</summary>
    public static readonly IReadOnlyList<string> OnRequestModes = ["outpaint", "reroll", "retexture", "remove-background"];

    public static string State(TaskPhase phase) => phase switch
    {
        TaskPhase.Pending => "pending",
        TaskPhase.Running => "processing",
        TaskPhase.Succeeded => "success",
        _ => "failed",
    };

    /// <summary>The failCode of a failed task: a content violation when its prompt asked for one, else a generation failure.</summary>
    public static string FailCode(EmulatedTask task)
        => PromptFlags.AsksForContentViolation(task.Prompt) ? ContentViolation : GenerationFailed;

    /// <summary><c>data.error</c> of an error envelope: a name for the HTTP status.</summary>
    public static string ErrorName(int statusCode) => statusCode switch
    {
        400 => "INVALID_PARAMS",
        401 => "UNAUTHORIZED",
        402 => "INSUFFICIENT_CREDITS",
        403 => "FORBIDDEN",
        404 => "NOT_FOUND",
        429 => "RATE_LIMITED",
        503 => "SERVICE_UNAVAILABLE",
        _ => statusCode >= 500 ? "INTERNAL_ERROR" : "REQUEST_FAILED",
    };
}
