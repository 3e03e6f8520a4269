using Midjourney.Sdk;

namespace WebhookServer;

/// <summary>Prints each new state of a task.</summary>
internal sealed class PrintingHandler : IMidjourneyTaskHandler
{
    public Task HandleAsync(MidjourneyTask task, CancellationToken cancellationToken)
    {
        Console.WriteLine($"  update {task.Id}: {task.Status}{(task.Progress is int p ? $" {p}%" : "")}");
        return Task.CompletedTask;
    }
}

/// <summary>How many requests the client sent to the provider.</summary>
internal sealed class RequestCounter
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Add() => Interlocked.Increment(ref _count);
}

/// <summary>Counts every request the client sends to the provider (submits and status checks).</summary>
internal sealed class CountingHandler(RequestCounter counter) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        counter.Add();
        return base.SendAsync(request, cancellationToken);
    }
}
