using Midjourney.Sdk.Emulator.Tasks;

namespace Midjourney.Sdk.Emulator.Protocols.MidApi;

/// <summary>
/// A task as midapi reports it: <c>successFlag</c> 0 generating, 1 success, 2 failed (a prompt with <c>[fail]</c>),
/// 3 created but generation failed (a prompt with <c>[flag3]</c>), with <c>errorCode</c> and <c>errorMessage</c> on failure.
/// </summary>
internal readonly record struct MidApiOutcome(int SuccessFlag, int? ErrorCode, string? ErrorMessage)
{
    /// <summary>The prompt marker that ends a task in <c>successFlag</c> 3 instead of success.</summary>
    public const string GenerationFailureMarker = "[flag3]";

    public bool IsTerminal => SuccessFlag != 0;

    public bool Succeeded => SuccessFlag == 1;

    public static MidApiOutcome Of(EmulatedTask task, TaskState state) => state.Phase switch
    {
        TaskPhase.Failed => new(2, 400, task.FailureReason),
        TaskPhase.Succeeded when task.Prompt.Contains(GenerationFailureMarker, StringComparison.OrdinalIgnoreCase)
            => new(3, 501, "Emulated generation failure: the prompt contains the [flag3] marker"),
        TaskPhase.Succeeded => new(1, null, null),
        _ => new(0, null, null),
    };
}
