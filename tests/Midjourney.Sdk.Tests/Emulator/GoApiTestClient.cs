using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Midjourney.Sdk.Emulator;

namespace Midjourney.Sdk.Tests.Emulator;

/// <summary>Raw HTTP to an emulator, as a GoAPI client would send it (deliberately not through the SDK).</summary>
internal sealed class GoApiTestClient : IDisposable
{
    private readonly string? _apiKey;

    public GoApiTestClient(MidjourneyEmulator emulator, string? apiKey = null)
    {
        _apiKey = apiKey ?? emulator.ApiKey;
        Http = new HttpClient { BaseAddress = emulator.BaseUrl };
    }

    public HttpClient Http { get; }

    /// <summary>POSTs raw text as JSON with the key given at construction (or <paramref name="apiKey"/>; "" sends none).</summary>
    public Task<HttpResponseMessage> PostRawAsync(string path, string body, string? apiKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path.TrimStart('/'))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        var key = apiKey ?? _apiKey;
        if (!string.IsNullOrEmpty(key))
        {
            request.Headers.Add("X-API-KEY", key);
        }

        return Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostAsync(string path, JsonObject body, string? apiKey = null)
        => PostRawAsync(path, body.ToJsonString(), apiKey);

    /// <summary>Submits and returns the new task id, asserting GoAPI's submit answer.</summary>
    public async Task<string> SubmitAsync(string endpoint, JsonObject body)
    {
        using var response = await PostAsync($"mj/v2/{endpoint}", body);
        var json = await ReadJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("success", json.GetProperty("status").GetString());
        Assert.Equal("", json.GetProperty("message").GetString());
        var taskId = json.GetProperty("task_id").GetString();
        Assert.False(string.IsNullOrEmpty(taskId));
        return taskId!;
    }

    public async Task<JsonElement> FetchAsync(string taskId)
    {
        using var response = await PostAsync("mj/v2/fetch", new JsonObject { ["task_id"] = taskId });
        return await ReadJsonAsync(response, HttpStatusCode.OK);
    }

    /// <summary>Asserts the status and GoAPI's error shape, and returns the message.</summary>
    public static async Task<string> ReadErrorAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var json = await ReadJsonAsync(response, expected);
        Assert.Equal("failed", json.GetProperty("status").GetString());
        return json.GetProperty("message").GetString()!;
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public void Dispose() => Http.Dispose();
}
