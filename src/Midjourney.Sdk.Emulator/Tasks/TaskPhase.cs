namespace Midjourney.Sdk.Emulator.Tasks;

/// <summary>Where a task is in its lifecycle. Protocols map it to their own status strings.</summary>
internal enum TaskPhase
{
    Pending,
    Running,
    Succeeded,
    Failed,
}
