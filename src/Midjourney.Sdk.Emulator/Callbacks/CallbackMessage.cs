namespace Midjourney.Sdk.Emulator.Callbacks;

/// <summary>One callback to deliver (with its retries): its body is fixed when it comes due.</summary>
/// <param name="TaskId">The task it reports on.</param>
/// <param name="Target">Where it goes and by whose rules.</param>
/// <param name="Change">The change it reports.</param>
/// <param name="Body">The JSON POSTed.</param>
/// <param name="LoggedBody">The JSON as the delivery log keeps it (secrets masked).</param>
internal sealed record CallbackMessage(string TaskId, CallbackTarget Target, CallbackChange Change, string Body, string LoggedBody)
{
    /// <summary>Logged as dropped instead of being sent (<see cref="EmulatorFaultKind.DropCallbacks"/>).</summary>
    public bool Drop { get; init; }

    /// <summary>The extra copy of a <see cref="EmulatorFaultKind.DuplicateCallbacks"/> fault.</summary>
    public bool Duplicate { get; init; }
}
