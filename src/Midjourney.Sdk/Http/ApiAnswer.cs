namespace Midjourney.Sdk.Http;

/// <summary>
/// What one successful attempt produced, whatever the endpoint: the answer read into its wire type, and its bytes. One type
/// for every call, so the retry pipelines are typed once (a pipeline per wire type would be needed otherwise, and an untyped
/// one converts every result).
/// </summary>
/// <param name="Value">The deserialized answer; its type is the one the call asked for.</param>
/// <param name="RawJson">The answer as received.</param>
internal readonly record struct ApiAnswer(object Value, RawJsonPayload RawJson);
