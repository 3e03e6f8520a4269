using System.Globalization;

namespace Midjourney.Sdk;

/// <summary>
/// A waited-for task ended <see cref="MidjourneyTaskStatus.Failed"/> or <see cref="MidjourneyTaskStatus.Canceled"/>. Its
/// <see cref="MidjourneyException.ErrorCode"/> is the task's <see cref="MidjourneyTask.FailureCode"/>: a refusal under the content policy
/// reads <see cref="MidjourneyFailureCodes.ContentPolicy"/> on every provider.
/// </summary>
public sealed class MidjourneyTaskFailedException : MidjourneyException
{
    /// <summary>Creates an exception for a task that ended without a result.</summary>
    /// <param name="task">The task in its final state.</param>
    public MidjourneyTaskFailedException(MidjourneyTask task)
        : base(Describe(task))
    {
        Task = task;
        Provider = task.Provider;
        ErrorCode = task.FailureCode;
    }

    /// <summary>The task in its final state, with <see cref="MidjourneyTask.FailureReason"/> and <see cref="MidjourneyTask.FailureCode"/>.</summary>
    public MidjourneyTask Task { get; }

    private static string Describe(MidjourneyTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        string verb = task.Status == MidjourneyTaskStatus.Canceled ? "was canceled" : "failed";
        string reason = string.IsNullOrWhiteSpace(task.FailureReason) ? "" : ": " + task.FailureReason;
        string code = Codes(task.FailureCode, task.ProviderFailureCode);
        return string.Create(CultureInfo.InvariantCulture, $"{task.Provider} task {task.Id} ({task.Action}) {verb}{code}{reason}");
    }

    // The neutral code, and the provider's own when it differs (CONTENT_POLICY, NSFW_DETECTED), so logs keep what the provider said.
    private static string Codes(string? neutral, string? provider) => (string.IsNullOrWhiteSpace(neutral), string.IsNullOrWhiteSpace(provider)) switch
    {
        (false, false) when !string.Equals(neutral, provider, StringComparison.Ordinal) => $" ({neutral}, {provider})",
        (false, _) => $" ({neutral})",
        (true, false) => $" ({provider})",
        _ => "",
    };
}
