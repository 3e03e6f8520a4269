using System.Reflection;

namespace Midjourney.Sdk.Tests.AspNetCore;

/// <summary>Keeps every update a client's handlers get, and lets a test wait for one.</summary>
internal sealed class RecordingTaskHandler : IMidjourneyTaskHandler
{
    private readonly List<MidjourneyTask> _tasks = [];
    private readonly SemaphoreSlim _added = new(0);

    public IReadOnlyList<MidjourneyTask> Tasks
    {
        get
        {
            lock (_tasks)
            {
                return [.. _tasks];
            }
        }
    }

    public Task HandleAsync(MidjourneyTask task, CancellationToken cancellationToken)
    {
        lock (_tasks)
        {
            _tasks.Add(task);
        }

        _added.Release();
        return Task.CompletedTask;
    }

    /// <summary>The first update that matches, waiting up to 10 seconds for it.</summary>
    public async Task<MidjourneyTask> WaitForAsync(Func<MidjourneyTask, bool> match)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            if (Tasks.FirstOrDefault(match) is { } task)
            {
                return task;
            }

            await _added.WaitAsync(timeout.Token);
        }
    }
}

/// <summary>A handler that fails on every update.</summary>
internal sealed class ThrowingTaskHandler : IMidjourneyTaskHandler
{
    public Task HandleAsync(MidjourneyTask task, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The app's handler failed.");
}

/// <summary>
/// An <see cref="IMidjourneyClient"/> whose <see cref="IMidjourneyClient.HandleWebhookAsync"/> does what the test says
/// (throw, hang); every other member throws <see cref="NotSupportedException"/>.
/// </summary>
public class FakeWebhookClient : DispatchProxy
{
    private Func<MidjourneyWebhookRequest, CancellationToken, Task<MidjourneyTask>> _handle = (_, _) => throw new NotSupportedException();

    public static IMidjourneyClient Create(Func<MidjourneyWebhookRequest, CancellationToken, Task<MidjourneyTask>> handle)
    {
        IMidjourneyClient client = Create<IMidjourneyClient, FakeWebhookClient>();
        ((FakeWebhookClient)(object)client)._handle = handle;
        return client;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        targetMethod?.Name == nameof(IMidjourneyClient.HandleWebhookAsync)
            ? _handle((MidjourneyWebhookRequest)args![0]!, (CancellationToken)args[1]!)
            : throw new NotSupportedException(targetMethod?.Name);
}
