using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.DependencyInjection;

public sealed class AddMidjourneyTests
{
    private const string FinishedTask = """{"task_id":"t1","status":"finished","task_result":{"image_url":"https://img.test/1.png"}}""";

    [Fact]
    public async Task AddMidjourney_Configure_ResolvesAClientThatSendsThroughTheFactoryHandler()
    {
        var handler = new RecordingHandler().RespondJson(FinishedTask);
        var services = new ServiceCollection();
        services.AddMidjourney(o => { o.ApiKey = "di-key"; o.BaseUrl = new Uri("https://relay.test/v2-base"); })
            .ConfigurePrimaryHttpMessageHandler(() => handler);
        await using ServiceProvider provider = services.BuildServiceProvider();

        IMidjourneyClient client = provider.GetRequiredService<IMidjourneyClient>();
        MidjourneyTask task = await client.GetTaskAsync("t1");

        Assert.Equal(MidjourneyProvider.GoApi, client.Provider);
        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
        Assert.Equal("https://relay.test/v2-base/mj/v2/fetch", handler.Single.Uri.ToString());
        Assert.Equal("di-key", handler.Single.Header("X-API-KEY"));
    }

    [Fact]
    public void AddMidjourney_Configuration_BindsEveryKey()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Midjourney:Provider"] = "GoApi",
            ["Midjourney:ApiKey"] = "config-key",
            ["Midjourney:BaseUrl"] = "https://relay.test/fast",
            ["Midjourney:Polling:InitialDelay"] = "00:00:01",
            ["Midjourney:Polling:Interval"] = "00:00:02",
            ["Midjourney:Polling:MaxInterval"] = "00:00:05",
            ["Midjourney:Polling:Timeout"] = "00:05:00",
            ["Midjourney:Retry:MaxRetries"] = "5",
            ["Midjourney:Retry:BaseDelay"] = "00:00:00.500",
            ["Midjourney:Retry:MaxDelay"] = "00:00:20",
            ["Midjourney:MjProxy:AuthHeader"] = "ApiSecret",
            ["Midjourney:MjProxy:FastPathPrefix"] = "mj-fast",
            ["Midjourney:MjProxy:SendDescribeLink"] = "true",
            ["Midjourney:Apixo:FieldNames"] = "Current",
            ["Midjourney:MidApi:VariationIndexBase"] = "1",
        }).Build();
        var services = new ServiceCollection();

        services.AddMidjourney(configuration.GetSection("Midjourney"));
        using ServiceProvider provider = services.BuildServiceProvider();
        MidjourneyClientOptions options = provider.GetRequiredService<IOptions<MidjourneyClientOptions>>().Value;

        Assert.Equal(MidjourneyProvider.GoApi, options.Provider);
        Assert.Equal("config-key", options.ApiKey);
        Assert.Equal(new Uri("https://relay.test/fast"), options.BaseUrl);
        Assert.Equal(TimeSpan.FromSeconds(1), options.Polling.InitialDelay);
        Assert.Equal(TimeSpan.FromSeconds(2), options.Polling.Interval);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Polling.MaxInterval);
        Assert.Equal(TimeSpan.FromMinutes(5), options.Polling.Timeout);
        Assert.Equal(5, options.Retry.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.Retry.BaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(20), options.Retry.MaxDelay);
        Assert.Equal(MjProxyAuthHeader.ApiSecret, options.MjProxy.AuthHeader);
        Assert.Equal("mj-fast", options.MjProxy.FastPathPrefix);
        Assert.True(options.MjProxy.SendDescribeLink);
        Assert.Equal(ApixoFieldNames.Current, options.Apixo.FieldNames);
        Assert.Equal(1, options.MidApi.VariationIndexBase);
        Assert.IsType<MidjourneyClient>(provider.GetRequiredService<IMidjourneyClient>());
    }

    [Fact]
    public async Task AddMidjourney_InvalidOptions_FailAtHostStart()
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddMidjourney(o => o.Retry.MaxRetries = 99);
        using IHost host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(ex.Failures, f => f.Contains("ApiKey is required", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("Retry.MaxRetries (99)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddMidjourney_Named_RegistersIndependentKeyedClients()
    {
        var first = new RecordingHandler().RespondJson(FinishedTask);
        var second = new RecordingHandler().RespondJson(FinishedTask);
        var services = new ServiceCollection();
        services.AddMidjourney("primary", o => { o.ApiKey = "k1"; o.BaseUrl = new Uri("https://one.test/"); })
            .ConfigurePrimaryHttpMessageHandler(() => first);
        services.AddMidjourney("backup", o => { o.ApiKey = "k2"; o.BaseUrl = new Uri("https://two.test/"); })
            .ConfigurePrimaryHttpMessageHandler(() => second);
        await using ServiceProvider provider = services.BuildServiceProvider();

        await provider.GetRequiredKeyedService<IMidjourneyClient>("primary").GetTaskAsync("t1");
        await provider.GetRequiredKeyedService<IMidjourneyClient>("backup").GetTaskAsync("t1");

        Assert.Equal(("one.test", "k1"), (first.Single.Uri.Host, first.Single.Header("X-API-KEY")));
        Assert.Equal(("two.test", "k2"), (second.Single.Uri.Host, second.Single.Header("X-API-KEY")));
        Assert.Null(provider.GetService<IMidjourneyClient>());
    }

    [Fact]
    public async Task AddMidjourney_TimeProviderInContainer_DrivesPolling()
    {
        var handler = new RecordingHandler()
            .RespondJson("""{"task_id":"t1","status":"processing","task_result":{"task_progress":50}}""")
            .RespondJson(FinishedTask);
        var time = new FakeTimeProvider { AutoAdvance = true };
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddMidjourney(o => o.ApiKey = "k").ConfigurePrimaryHttpMessageHandler(() => handler);
        await using ServiceProvider provider = services.BuildServiceProvider();

        var client = (MidjourneyClient)provider.GetRequiredService<IMidjourneyClient>();
        DateTimeOffset started = time.GetUtcNow();

        await client.DriveAsync(c => c.WaitForCompletionAsync("t1"));

        // Looked at once, then again on the container's clock (at least GoAPI's 1 s later).
        Assert.Same(time, client.Tracker.Clock);
        Assert.Equal(2, handler.Requests.Count);
        Assert.InRange(time.GetUtcNow() - started, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task AddMidjourneyTaskHandler_PerClientName_RunsForThatClientsCallbacksOnly()
    {
        var services = new ServiceCollection();
        services.AddMidjourney(o => o.ApiKey = "k");
        services.AddMidjourney("backup", o => o.ApiKey = "k2");
        services.AddMidjourneyTaskHandler<RecordingTaskHandler>();
        await using ServiceProvider provider = services.BuildServiceProvider();
        var handler = provider.GetRequiredService<RecordingTaskHandler>();

        await provider.GetRequiredKeyedService<IMidjourneyClient>("backup")
            .HandleWebhookAsync(new MidjourneyWebhookRequest(System.Text.Encoding.UTF8.GetBytes(FinishedTask.Replace("t1", "other", StringComparison.Ordinal))));
        await provider.GetRequiredService<IMidjourneyClient>().HandleWebhookAsync(new MidjourneyWebhookRequest(System.Text.Encoding.UTF8.GetBytes(FinishedTask)));

        MidjourneyTask handled = await handler.First.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("t1", handled.Id);
        Assert.Equal(MidjourneyTaskStatus.Succeeded, handled.Status);
        Assert.Equal(["t1"], handler.Seen);
    }

    private sealed class RecordingTaskHandler : IMidjourneyTaskHandler
    {
        public TaskCompletionSource<MidjourneyTask> First { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<string> Seen { get; } = [];

        public Task HandleAsync(MidjourneyTask task, CancellationToken cancellationToken)
        {
            lock (Seen)
            {
                Seen.Add(task.Id);
            }

            First.TrySetResult(task);
            return Task.CompletedTask;
        }
    }
}
