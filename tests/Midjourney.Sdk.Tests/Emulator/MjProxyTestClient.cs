using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Midjourney.Sdk.Emulator;

namespace Midjourney.Sdk.Tests.Emulator;

/// <summary>Raw HTTP to an emulator, as an MJ-Proxy client would send it (deliberately not through the SDK).</summary>
internal sealed class MjProxyTestClient : IDisposable
{
    /// <summary>A tiny but valid base64 data URL.</summary>
    public const string DataUrl = "data:image/png;base64,iVBORw0KGgo=";

    private readonly string _apiKey;
    private readonly bool _apiSecretHeader;

    public MjProxyTestClient(MidjourneyEmulator emulator, string? apiKey = null, bool apiSecretHeader = false)
    {
        _apiKey = apiKey ?? emulator.ApiKey;
        _apiSecretHeader = apiSecretHeader;
        Http = new HttpClient { BaseAddress = emulator.BaseUrl };
    }

    public HttpClient Http { get; }

    /// <summary>POSTs raw text as JSON with the client's key (<paramref name="apiKey"/> overrides it; "" sends none).</summary>
    public Task<HttpResponseMessage> PostRawAsync(string path, string body, string? apiKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path.TrimStart('/')) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        Authenticate(request, apiKey);
        return Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostAsync(string path, JsonObject body, string? apiKey = null) => PostRawAsync(path, body.ToJsonString(), apiKey);

    public Task<HttpResponseMessage> GetAsync(string path, string? apiKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path.TrimStart('/'));
        Authenticate(request, apiKey);
        return Http.SendAsync(request);
    }

    /// <summary>Posts a submit and returns its answer, asserting HTTP 200 (MJ-Proxy answers with 200 and a body-level code).</summary>
    public async Task<JsonElement> SubmitAsync(string path, JsonObject body)
    {
        using var response = await PostAsync(path, body);
        return await ReadJsonAsync(response, HttpStatusCode.OK);
    }

    /// <summary>Submits and returns the new task id, asserting code 1.</summary>
    public async Task<string> SubmitOkAsync(string path, JsonObject body)
    {
        var answer = await SubmitAsync(path, body);
        Assert.True(answer.GetProperty("code").GetInt32() == 1, $"Expected code 1: {answer}");
        var id = answer.GetProperty("result").GetString();
        Assert.False(string.IsNullOrEmpty(id));
        return id!;
    }

    public async Task<JsonElement> FetchAsync(string taskId)
    {
        using var response = await GetAsync($"mj/task/{Uri.EscapeDataString(taskId)}/fetch");
        return await ReadJsonAsync(response, HttpStatusCode.OK);
    }

    /// <summary>Asserts HTTP 200 and MJ-Proxy's error shape with <paramref name="code"/>, and returns the description.</summary>
    public static async Task<string> ReadRefusalAsync(HttpResponseMessage response, int code, HttpStatusCode status = HttpStatusCode.OK)
    {
        var json = await ReadJsonAsync(response, status);
        Assert.Equal(code, json.GetProperty("code").GetInt32());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("result").ValueKind);
        return json.GetProperty("description").GetString()!;
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

    private void Authenticate(HttpRequestMessage request, string? apiKey)
    {
        var key = apiKey ?? _apiKey;
        if (string.IsNullOrEmpty(key))
        {
            return;
        }

        if (_apiSecretHeader)
        {
            request.Headers.Add("mj-api-secret", key);
        }
        else
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }
    }
}
