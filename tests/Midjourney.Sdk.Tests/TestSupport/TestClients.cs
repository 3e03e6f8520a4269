namespace Midjourney.Sdk.Tests.TestSupport;

/// <summary>Builds GoAPI clients for unit tests.</summary>
public static class TestClients
{
    public const string ApiKey = "test-key";

    /// <summary>A GoAPI client that sends to <paramref name="server"/> over real loopback HTTP.</summary>
    public static MidjourneyClient GoApi(WireServer server, TimeProvider? time = null, Action<MidjourneyClientOptions>? configure = null)
    {
        var options = new MidjourneyClientOptions
        {
            Provider = MidjourneyProvider.GoApi,
            ApiKey = ApiKey,
            BaseUrl = server.BaseUrl,
        };
        configure?.Invoke(options);
        return new MidjourneyClient(new HttpClient(), options, time ?? new FakeTimeProvider { AutoAdvance = true });
    }

    /// <summary>A GoAPI fetch answer with the given status, progress and optional extra task_result JSON.</summary>
    public static string GoApiTaskJson(string id, string status, int progress = 0, string taskType = "imagine", string extraResult = "")
    {
        string imageUrl = status == "finished" ? $"https://img.test/{id}.png" : "";
        return $$$"""{"task_id":"{{{id}}}","status":"{{{status}}}","meta":{"task_type":"{{{taskType}}}","created_at":1767225600,"task_request":{"prompt":"a cat"}},"task_result":{"task_progress":{{{progress}}},"image_url":"{{{imageUrl}}}","image_urls":[]{{{extraResult}}}}}""";
    }
}
