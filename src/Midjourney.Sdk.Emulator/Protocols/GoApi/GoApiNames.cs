using Midjourney.Sdk.Emulator.Tasks;

namespace Midjourney.Sdk.Emulator.Protocols.GoApi;

/// <summary>How GoAPI v2 spells the emulator's neutral values on the wire.</summary>
internal static class GoApiNames
{
    /// <summary>The buttons of a finished grid, in GoAPI's order.</summary>
    public static readonly IReadOnlyList<string> GridActions =
        ["reroll", "upscale1", "upscale2", "upscale3", "upscale4", "variation1", "variation2", "variation3", "variation4"];

    /// <summary>The buttons of a finished upscaled image.</summary>
    public static readonly IReadOnlyList<string> ImageActions =
    [
        "upscale_2x", "upscale_4x", "high_variation", "low_variation", "inpaint",
        "outpaint_1.5x", "outpaint_2x", "outpaint_custom", "square", "pan_up", "pan_down", "pan_left", "pan_right",
    ];

    /// <summary>
    /// A failed task's <c>error_messages</c> entry: GoAPI passes Midjourney's moderator's words on for a refusal (it has no failure code),
    /// the emulator's reason otherwise.
    /// </summary>
    public static string FailureMessage(EmulatedTask task) => PromptFlags.AsksForContentViolation(task.Prompt)
        ? "Sorry! Our AI moderator thinks this prompt is probably against our community standards. (emulated: the prompt contains a refusal marker)"
        : task.FailureReason!;

    /// <summary>The endpoint name, which is also <c>meta.task_type</c>.</summary>
    public static string TaskType(TaskKind kind) => kind switch
    {
        TaskKind.Imagine => "imagine",
        TaskKind.Reroll => "reroll",
        TaskKind.Upscale => "upscale",
        TaskKind.Variation => "variation",
        TaskKind.Inpaint => "inpaint",
        TaskKind.Outpaint => "outpaint",
        TaskKind.Pan => "pan",
        TaskKind.Describe => "describe",
        _ => "blend",
    };

    public static string Status(TaskPhase phase) => phase switch
    {
        TaskPhase.Pending => "pending",
        TaskPhase.Running => "processing",
        TaskPhase.Succeeded => "finished",
        _ => "failed",
    };

    public static string Mode(ProcessMode mode) => mode switch
    {
        ProcessMode.Fast => "fast",
        ProcessMode.Turbo => "turbo",
        _ => "relax",
    };

    /// <summary>How a task's output reads in an error message.</summary>
    public static string Describe(TaskOutput output) => output switch
    {
        TaskOutput.Grid => "a grid",
        TaskOutput.Image => "an upscaled image",
        _ => "a describe result with no image",
    };
}
