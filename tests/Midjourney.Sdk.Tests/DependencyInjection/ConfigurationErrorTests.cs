using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Midjourney.Sdk.Tests.DependencyInjection;

/// <summary>
/// A bad value in configuration fails at host start with a message that names the key, the value, the valid values and
/// the client (not the binder's bare InvalidOperationException); a keyed client binds to a section of its own.
/// </summary>
public sealed class ConfigurationErrorTests
{
    private static IConfigurationSection Section(params (string Key, string Value)[] values) => new ConfigurationBuilder()
        .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>("Midjourney:" + v.Key, v.Value)))
        .Build()
        .GetSection("Midjourney");

    private static async Task<OptionsValidationException> StartFailsAsync(Action<IServiceCollection> configure)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        configure(builder.Services);
        using IHost host = builder.Build();
        return await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
    }

    [Fact]
    public async Task AServiceNameAsProvider_NamesTheKeyTheValueTheValidValues_AndWhatWasMeant()
    {
        OptionsValidationException error = await StartFailsAsync(s => s.AddMidjourney(Section(("Provider", "kie"), ("ApiKey", "k"))));

        string failure = Assert.Single(error.Failures);
        Assert.Equal(
            "Midjourney client (default): Midjourney:Provider = 'kie' is not valid; valid values: GoApi, MjProxy, Apixo, MidApi. For kie.ai use MidApi with BaseUrl https://api.kie.ai.",
            failure);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("-1")]
    [InlineData("Discord")]
    public async Task AnyOtherProvider_IsRefused(string value)
    {
        OptionsValidationException error = await StartFailsAsync(s => s.AddMidjourney(Section(("Provider", value), ("ApiKey", "k"))));

        Assert.Contains($"Midjourney:Provider = '{value}' is not valid", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadValuesOfAKeyedClient_AreAllNamed_WithTheClient()
    {
        OptionsValidationException error = await StartFailsAsync(s => s.AddMidjourney("fast", Section(
            ("ApiKey", "k"), ("Polling:Interval", "5 seconds"), ("Retry:MaxRetries", "three"), ("Webhooks:AllowHttp", "yes"), ("BaseUrl", "relay.example"))));

        Assert.Equal("fast", error.OptionsName);
        Assert.All(error.Failures, f => Assert.StartsWith("Midjourney client 'fast': ", f, StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Midjourney:Polling:Interval = '5 seconds' is not a time span; write hh:mm:ss", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Midjourney:Retry:MaxRetries = 'three' is not a whole number", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Midjourney:Webhooks:AllowHttp = 'yes' is not true or false", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Midjourney:BaseUrl = 'relay.example' is not an absolute URL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ATimeoutOfDays_IsRefused_SayingAPlainNumberIsDays()
    {
        OptionsValidationException error = await StartFailsAsync(s => s.AddMidjourney("slow", Section(("ApiKey", "k"), ("Polling:Timeout", "600"))));

        string failure = Assert.Single(error.Failures);
        Assert.Equal(
            "Midjourney client 'slow': Midjourney:Polling:Timeout = '600' is 600.00:00:00, longer than 24 hour(s); a plain number is days: write 00:10:00 for ten minutes or 00:00:05 for five seconds.",
            failure);
    }

    [Fact]
    public async Task AKeyedClient_BindsToItsOwnSection()
    {
        var services = new ServiceCollection();
        services.AddMidjourney("kie", Section(("Provider", "midapi"), ("ApiKey", "k"), ("BaseUrl", "https://api.kie.ai"), ("Polling:Timeout", "00:20:00")));
        services.AddMidjourney("goapi", Section(("ApiKey", "k2")));
        await using ServiceProvider provider = services.BuildServiceProvider();

        IMidjourneyClient kie = provider.GetRequiredKeyedService<IMidjourneyClient>("kie");
        MidjourneyClientOptions options = provider.GetRequiredService<IOptionsMonitor<MidjourneyClientOptions>>().Get("kie");

        Assert.Equal(MidjourneyProvider.MidApi, kie.Provider);
        Assert.Equal(MidjourneyProvider.GoApi, provider.GetRequiredKeyedService<IMidjourneyClient>("goapi").Provider);
        Assert.Equal(new Uri("https://api.kie.ai"), options.BaseUrl);
        Assert.Equal(TimeSpan.FromMinutes(20), options.Polling.Timeout);
    }

    [Fact]
    public async Task AValidationFailureOfAKeyedClient_NamesTheClient()
    {
        OptionsValidationException error = await StartFailsAsync(s => s.AddMidjourney("backup", o => o.Provider = MidjourneyProvider.Apixo));

        Assert.Equal("Midjourney client 'backup': ApiKey is required.", Assert.Single(error.Failures));
    }
}
