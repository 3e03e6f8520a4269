namespace Midjourney.Sdk;

/// <summary>
/// Runs for every new state of a task a client hears about, from a verified callback or a status check, whether or not
/// anyone waits for it: where results are handled when the app submits and moves on. Register one with
/// <see cref="MidjourneyClient.AddTaskHandler"/> or <c>services.AddMidjourneyTaskHandler&lt;T&gt;()</c>.
/// </summary>
/// <remarks>
/// A client runs its handlers one update at a time, in the order the updates arrived, each state of a task once (a
/// callback delivered twice runs nothing the second time). An exception is logged and does not stop the next update.
/// Keep a handler quick, or hand the work on: updates queue behind a slow one.
/// </remarks>
public interface IMidjourneyTaskHandler
{
    /// <summary>Handles one new state of a task.</summary>
    /// <param name="task">The task as the provider reported it.</param>
    /// <param name="cancellationToken">Canceled when the client is disposed.</param>
    /// <returns>A task that completes when the update is handled.</returns>
    Task HandleAsync(MidjourneyTask task, CancellationToken cancellationToken);
}
