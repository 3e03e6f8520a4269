using Midjourney.Sdk.Emulator.Tasks;

namespace Midjourney.Sdk.Emulator.Callbacks;

/// <summary>A moment a task calls back: when, the state it reports, and that state as the delivery log names it.</summary>
/// <param name="At">The transition time (the end of the queue wait, a progress step, the end).</param>
/// <param name="State">The task's state from that moment on.</param>
/// <param name="Status">The neutral status: <c>Pending</c>, <c>InProgress</c>, <c>Succeeded</c> or <c>Failed</c>.</param>
internal readonly record struct CallbackChange(DateTimeOffset At, TaskState State, string Status);
