namespace Midjourney.Sdk.Waiting;

/// <summary>
/// What a backplane keeps of a task a client tracks, so that another instance, or this one after a restart, can resume
/// tracking it and still hand its final state to the app's handlers. Holds no secret: <paramref name="Last"/> is the task's
/// public state (a backplane drops its raw payload).
/// </summary>
/// <param name="Id">The provider's task id.</param>
/// <param name="SubmittedAt">When the task was submitted, when known.</param>
/// <param name="Deadline">When the furthest wait on the task gives up.</param>
/// <param name="Last">The last state seen, or null before the first.</param>
internal sealed record TrackedTaskRecord(string Id, DateTimeOffset? SubmittedAt, DateTimeOffset Deadline, MidjourneyTask? Last);
