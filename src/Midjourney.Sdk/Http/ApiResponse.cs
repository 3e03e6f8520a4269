namespace Midjourney.Sdk.Http;

/// <summary>A deserialized answer together with its body as received (kept as <see cref="MidjourneyTask.RawJson"/>).</summary>
internal readonly record struct ApiResponse<T>(T Value, RawJsonPayload RawJson);
