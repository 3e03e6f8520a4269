namespace Midjourney.Sdk.Emulator.Protocols.MjProxy;

/// <summary>A submit's successful answer: code 1, 22 (queued) or 21 (waiting for the dialog), with the task id as <c>result</c>.</summary>
internal sealed record MjProxyAccepted(int Code, string Description, string TaskId)
{
    /// <summary>Code 22: tasks ahead in the queue.</summary>
    public int? NumberOfQueues { get; init; }

    /// <summary>Code 21: the prompt Midjourney pre-fills the dialog with.</summary>
    public string? DialogPrompt { get; init; }
}
