using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Midjourney.Sdk.Emulator;

namespace Midjourney.Sdk.Tests.Emulator;

/// <summary>Raw HTTP to an emulator, as an APIXO client would send it (deliberately not through the SDK).</summary>
internal sealed class ApixoTestClient : IDisposable
{
    public const string GeneratePath = "api/v1/generateTask/midjourney";

    private readonly string? _apiKey;

    public ApixoTestClient(MidjourneyEmulator emulator, string? apiKey = null)
    {
        _apiKey = apiKey ?? emulator.ApiKey;
        Http = new HttpClient { BaseAddress = emulator.BaseUrl };
    }

    public HttpClient Http { get; }

    /// <summary>POSTs raw text as JSON with the bearer key given at construction (or <paramref name="apiKey"/>; "" sends none).</summary>
    public Task<HttpResponseMessage> PostRawAsync(string body, string? apiKey = null, string path = GeneratePath)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        Authorize(request, apiKey);
        return Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostAsync(JsonObject body, string? apiKey = null, string path = GeneratePath)
        => PostRawAsync(body.ToJsonString(), apiKey, path);

    public Task<HttpResponseMessage> GetStatusRawAsync(string pathAndQuery, string? apiKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        Authorize(request, apiKey);
        return Http.SendAsync(request);
    }

    /// <summary>A generateTask body: async delivery and the given <c>input</c>.</summary>
    public static JsonObject Body(JsonObject input) => new() { ["request_type"] = "async", ["provider"] = "auto", ["input"] = input };

    /// <summary>Submits <paramref name="input"/> and returns the new task id, asserting APIXO's submit envelope.</summary>
    public async Task<string> SubmitAsync(JsonObject input) => await SubmitBodyAsync(Body(input));

    public async Task<string> SubmitBodyAsync(JsonObject body)
    {
        using var response = await PostAsync(body);
        var data = await ReadDataAsync(response);
        var taskId = data.GetProperty("taskId").GetString();
        Assert.False(string.IsNullOrEmpty(taskId));
        return taskId!;
    }

    /// <summary>statusTask's <c>data</c>, asserting the success envelope.</summary>
    public async Task<JsonElement> StatusAsync(string taskId)
    {
        using var response = await GetStatusRawAsync($"api/v1/statusTask/midjourney?taskId={Uri.EscapeDataString(taskId)}");
        return await ReadDataAsync(response);
    }

    /// <summary>Asserts HTTP 200 and <c>{"code":200,"message":"success","data":{...}}</c>; returns <c>data</c>.</summary>
    public static async Task<JsonElement> ReadDataAsync(HttpResponseMessage response)
    {
        var json = await ReadJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(200, json.GetProperty("code").GetInt32());
        Assert.Equal("success", json.GetProperty("message").GetString());
        return json.GetProperty("data");
    }

    /// <summary>Asserts the status and APIXO's error envelope (code = status, data.error), and returns the message.</summary>
    public static async Task<string> ReadErrorAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var json = await ReadJsonAsync(response, expected);
        Assert.Equal((int)expected, json.GetProperty("code").GetInt32());
        Assert.Equal(JsonValueKind.String, json.GetProperty("data").GetProperty("error").ValueKind);
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

    private void Authorize(HttpRequestMessage request, string? apiKey)
    {
        var key = apiKey ?? _apiKey;
        if (!string.IsNullOrEmpty(key))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
    }
}
