namespace Midjourney.Sdk.Tests.TestSupport;

/// <summary>What went over the wire: one request as the handler saw it.</summary>
public sealed record RecordedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? Body, string? ContentType)
{
    public string Path => Uri.AbsolutePath;

    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;
}
