using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Midjourney.Sdk.Emulator.Callbacks;
using Midjourney.Sdk.Emulator.Tasks;

namespace Midjourney.Sdk.Emulator.Protocols.MjProxy;

/// <summary>Buttons pressed and waiting for <c>/mj/submit/modal</c>. Thread-safe: a dialog is confirmed at most once.</summary>
internal sealed class MjProxyDialogs(TaskStore store)
{
    private readonly ConcurrentDictionary<string, MjProxyDialog> _open = new(StringComparer.Ordinal);
    private readonly Lock _confirming = new();

    public MjProxyDialog Open(EmulatedTask parent, MjProxyPress press, JsonElement request, CallbackTarget? callback)
    {
        var dialog = new MjProxyDialog(TaskStore.NewId(), parent, press, store.Now, request, callback);
        _open[dialog.Id] = dialog;
        return dialog;
    }

    public bool TryGet(string id, [NotNullWhen(true)] out MjProxyDialog? dialog) => _open.TryGetValue(id, out dialog);

    /// <summary>
    /// Starts the dialog's task and closes the dialog; false when another request confirmed it first. The task is stored
    /// before the dialog closes, so a fetch of the id always finds one or the other.
    /// </summary>
    public bool TryConfirm(string id, Func<MjProxyDialog, EmulatedTask> start, [NotNullWhen(true)] out EmulatedTask? task)
    {
        lock (_confirming)
        {
            if (!_open.TryGetValue(id, out var dialog))
            {
                task = null;
                return false;
            }

            task = start(dialog);
            _open.TryRemove(id, out _);
            return true;
        }
    }
}
