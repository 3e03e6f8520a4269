using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Midjourney.Sdk.Benchmarks;

/// <summary>
/// The baseline: what an app writes by hand against GoAPI v2 with <see cref="HttpClient"/> and source-generated
/// System.Text.Json (a buffered JSON body with a Content-Length, the key on the request, the answer read into DTOs).
/// No retries, no error mapping, no task model.
/// </summary>
public sealed class RawGoApi(HttpClient http, Uri baseUrl)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };
    private readonly Uri _imagine = new(baseUrl, "mj/v2/imagine");
    private readonly Uri _fetch = new(baseUrl, "mj/v2/fetch");

    public async Task<RawSubmitAnswer> ImagineAsync(string prompt)
    {
        var body = new RawImagineBody { Prompt = prompt };
        return await SendAsync(_imagine, JsonSerializer.SerializeToUtf8Bytes(body, RawJsonContext.Default.RawImagineBody), RawJsonContext.Default.RawSubmitAnswer);
    }

    public async Task<RawTask> FetchAsync(string taskId)
    {
        var body = new RawFetchBody { TaskId = taskId };
        return await SendAsync(_fetch, JsonSerializer.SerializeToUtf8Bytes(body, RawJsonContext.Default.RawFetchBody), RawJsonContext.Default.RawTask);
    }

    private async Task<T> SendAsync<T>(Uri url, byte[] json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> answer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(json) };
        request.Content.Headers.ContentType = Json;
        request.Headers.TryAddWithoutValidation("X-API-KEY", Payloads.ApiKey);
        using HttpResponseMessage response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using Stream stream = await response.Content.ReadAsStreamAsync();
        return await JsonSerializer.DeserializeAsync(stream, answer) ?? throw new InvalidOperationException("empty answer");
    }
}

public sealed class RawImagineBody
{
    public required string Prompt { get; init; }

    public string? AspectRatio { get; init; }

    public string? ProcessMode { get; init; }
}

public sealed class RawFetchBody
{
    public required string TaskId { get; init; }
}

public sealed class RawSubmitAnswer
{
    public string? TaskId { get; init; }

    public string? Status { get; init; }

    public string? Message { get; init; }
}

public sealed class RawTask
{
    public string? TaskId { get; init; }

    public string? Status { get; init; }

    public RawMeta? Meta { get; init; }

    public RawTaskResult? TaskResult { get; init; }
}

public sealed class RawMeta
{
    public string? TaskType { get; init; }

    public long? CreatedAt { get; init; }

    public long? StartedAt { get; init; }

    public long? EndedAt { get; init; }
}

public sealed class RawTaskResult
{
    public string? ImageUrl { get; init; }

    public List<string>? ImageUrls { get; init; }

    public int? TaskProgress { get; init; }

    public List<string>? ErrorMessages { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RawImagineBody))]
[JsonSerializable(typeof(RawFetchBody))]
[JsonSerializable(typeof(RawSubmitAnswer))]
[JsonSerializable(typeof(RawTask))]
public sealed partial class RawJsonContext : JsonSerializerContext;
