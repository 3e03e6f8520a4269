namespace Midjourney.Sdk.Emulator.Callbacks;

/// <summary>
/// One task's callbacks waiting to be sent, in order: a single sender drains it at a time, so a task's callbacks (and each
/// one's retries) never overtake each other. Guarded by <see cref="Gate"/>.
/// </summary>
internal sealed class CallbackLane
{
    public Lock Gate { get; } = new();

    public Queue<CallbackMessage> Waiting { get; } = new();

    /// <summary>A callback an <see cref="EmulatorFaultKind.OutOfOrderCallbacks"/> fault holds until the next one is queued.</summary>
    public CallbackMessage? HeldBack { get; set; }

    /// <summary>True while a sender drains <see cref="Waiting"/>.</summary>
    public bool Sending { get; set; }
}
