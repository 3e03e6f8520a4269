namespace Midjourney.Sdk.Waiting;

/// <summary>One status check of a task that was not final yet.</summary>
/// <param name="Age">Seconds since the task was submitted.</param>
/// <param name="Status">The status then.</param>
/// <param name="Progress">The progress then, when the provider reports it.</param>
internal readonly record struct Observation(double Age, MidjourneyTaskStatus Status, int? Progress);
