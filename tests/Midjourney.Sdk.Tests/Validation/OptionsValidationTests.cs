using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Validation;

public sealed class OptionsValidationTests
{
    [Fact]
    public void Constructor_MissingApiKey_ThrowsListingTheProblem()
    {
        var ex = Assert.Throws<ArgumentException>(() => new MidjourneyClient(new HttpClient(), new MidjourneyClientOptions()));

        Assert.Contains("ApiKey is required", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_SeveralProblems_ListsEveryOne()
    {
        var options = new MidjourneyClientOptions
        {
            ApiKey = "k",
            BaseUrl = new Uri("ftp://relay.test/"),
            Polling = { Interval = TimeSpan.Zero, Timeout = TimeSpan.FromSeconds(-1) },
            Retry = { MaxRetries = 11, BaseDelay = TimeSpan.FromSeconds(10), MaxDelay = TimeSpan.FromSeconds(1) },
        };

        var ex = Assert.Throws<ArgumentException>(() => new MidjourneyClient(options));

        Assert.Contains("BaseUrl 'ftp://relay.test/'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Polling.Interval", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Polling.Timeout", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Retry.MaxRetries (11)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Retry.MaxDelay", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_BadProviderSettings_ListsThem()
    {
        var options = new MidjourneyClientOptions
        {
            ApiKey = "k",
            MjProxy = { FastPathPrefix = "https://fast?x", RelaxPathPrefix = "//" },
            MidApi = { VariationIndexBase = 2 },
        };

        var ex = Assert.Throws<ArgumentException>(() => new MidjourneyClient(options));

        Assert.Contains("MjProxy.FastPathPrefix 'https://fast?x'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MjProxy.RelaxPathPrefix '//'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MidApi.VariationIndexBase (2) must be 0 or 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_PollingAndRetry_AreNeverNull()
    {
        var options = new MidjourneyClientOptions();

        Assert.NotNull(options.Polling);
        Assert.NotNull(options.Retry);
        Assert.Throws<ArgumentNullException>(() => options.Polling = null!);
        Assert.Throws<ArgumentNullException>(() => options.Retry = null!);
        Assert.Throws<ArgumentNullException>(() => options.MjProxy = null!);
        Assert.Throws<ArgumentNullException>(() => options.Apixo = null!);
        Assert.Throws<ArgumentNullException>(() => options.MidApi = null!);
    }

    [Fact]
    public async Task Client_OptionsChangedAfterConstruction_KeepsItsCopy()
    {
        using var first = new WireServer("/first");
        using var second = new WireServer("/second");
        first.OnAny(Wire.Json(TestClients.GoApiTaskJson("t1", "finished", 100)));
        second.OnAny(Wire.Json(TestClients.GoApiTaskJson("t1", "finished", 100)));
        var options = new MidjourneyClientOptions { ApiKey = "first-key", BaseUrl = first.BaseUrl };
        using var client = new MidjourneyClient(new HttpClient(), options);

        options.ApiKey = "second-key";
        options.BaseUrl = second.BaseUrl;
        await client.GetTaskAsync("t1");

        Assert.Empty(second.Requests);
        Assert.Equal(first.Url("/mj/v2/fetch"), first.Single.Uri.AbsoluteUri);
        Assert.Equal("first-key", first.Single.Header("X-API-KEY"));
    }

    [Fact]
    public void Options_ToString_NeverShowsTheKey()
    {
        var options = new MidjourneyClientOptions { ApiKey = "sk-very-secret" };

        Assert.DoesNotContain("sk-very-secret", options.ToString(), StringComparison.Ordinal);
        Assert.Contains("ApiKey = ***", options.ToString(), StringComparison.Ordinal);
    }
}
