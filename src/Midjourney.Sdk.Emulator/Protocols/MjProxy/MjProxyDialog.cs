using System.Text.Json;
using Midjourney.Sdk.Emulator.Callbacks;
using Midjourney.Sdk.Emulator.Tasks;

namespace Midjourney.Sdk.Emulator.Protocols.MjProxy;

/// <summary>A pressed button waiting for <c>/mj/submit/modal</c>: a task in status <c>MODAL</c> that has not started.</summary>
/// <param name="Id">The task id handed out with code 21; the task keeps it once confirmed.</param>
/// <param name="Parent">The task whose button was pressed.</param>
/// <param name="Press">The button.</param>
/// <param name="CreatedAt">When the button was pressed.</param>
/// <param name="Request">The action body, kept as the started task's request.</param>
/// <param name="Callback">The action's <c>notifyHook</c>, used when the dialog's own submit gives none.</param>
internal sealed record MjProxyDialog(string Id, EmulatedTask Parent, MjProxyPress Press, DateTimeOffset CreatedAt, JsonElement Request, CallbackTarget? Callback);
