using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Midjourney.Sdk.Emulator;

namespace Midjourney.Sdk.Tests.Emulator;

/// <summary>Raw HTTP to an emulator, as a midapi client would send it (deliberately not through the SDK).</summary>
internal sealed class MidApiTestClient : IDisposable
{
    private readonly string? _apiKey;

    public MidApiTestClient(MidjourneyEmulator emulator, string? apiKey = null)
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
        Authorize(request, apiKey);
        return Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostAsync(string path, JsonObject body, string? apiKey = null)
        => PostRawAsync(path, body.ToJsonString(), apiKey);

    public Task<HttpResponseMessage> GetAsync(string pathAndQuery, string? apiKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery.TrimStart('/'));
        Authorize(request, apiKey);
        return Http.SendAsync(request);
    }

    /// <summary>Submits to <c>/api/v1/mj/{endpoint}</c> and returns the new task id, asserting midapi's success envelope.</summary>
    public async Task<string> SubmitAsync(string endpoint, JsonObject body)
    {
        using var response = await PostAsync($"api/v1/mj/{endpoint}", body);
        var json = await ReadEnvelopeAsync(response, HttpStatusCode.OK, 200);
        Assert.Equal("success", json.GetProperty("msg").GetString());
        var taskId = json.GetProperty("data").GetProperty("taskId").GetString();
        Assert.False(string.IsNullOrEmpty(taskId));
        return taskId!;
    }

    /// <summary>The <c>data</c> of a successful <c>record-info</c>.</summary>
    public async Task<JsonElement> RecordAsync(string taskId)
    {
        using var response = await GetAsync($"api/v1/mj/record-info?taskId={Uri.EscapeDataString(taskId)}");
        return (await ReadEnvelopeAsync(response, HttpStatusCode.OK, 200)).GetProperty("data");
    }

    /// <summary>Asserts the HTTP status and the envelope's code, and returns the whole envelope.</summary>
    public static async Task<JsonElement> ReadEnvelopeAsync(HttpResponseMessage response, HttpStatusCode httpStatus, int code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == httpStatus, $"Expected HTTP {(int)httpStatus}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(text);
        var json = document.RootElement.Clone();
        Assert.True(json.GetProperty("code").GetInt32() == code, $"Expected code {code}: {text}");
        return json;
    }

    /// <summary>Asserts an error envelope (HTTP 200, <paramref name="code"/>, data null) and returns its message.</summary>
    public static async Task<string> ReadErrorAsync(HttpResponseMessage response, int code, HttpStatusCode httpStatus = HttpStatusCode.OK)
    {
        var json = await ReadEnvelopeAsync(response, httpStatus, code);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("data").ValueKind);
        return json.GetProperty("msg").GetString()!;
    }

    public void Dispose() => Http.Dispose();

    private void Authorize(HttpRequestMessage request, string? apiKey)
    {
        var key = apiKey ?? _apiKey;
        if (!string.IsNullOrEmpty(key))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
    }
}
