namespace Midjourney.Sdk.Waiting;

/// <summary>What durations are learned per: the operation and, when the submit said, the speed.</summary>
internal readonly record struct TaskKind(MidjourneyAction Action, MidjourneySpeed? Speed);
