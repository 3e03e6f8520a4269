using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Midjourney.Sdk.Redis;
using Midjourney.Sdk.Tests.TestSupport;
using Midjourney.Sdk.Tests.Webhooks;

namespace Midjourney.Sdk.Tests.Redis;

/// <summary>
/// One app instance ("one machine"): a service provider of its own with a named Midjourney client, a task handler, the
/// Redis backplane and a log. Its status checks go to <see cref="Relay"/>, which answers every task as still running.
/// </summary>
internal sealed class AppInstance : IDisposable
{
    private AppInstance(ServiceProvider services, string name, RunningRelay relay, RecordingTaskHandler handler, ListLoggerProvider logs)
    {
        Services = services;
        Relay = relay;
        Handler = handler;
        Logs = logs;
        Client = services.GetRequiredKeyedService<IMidjourneyClient>(name);
    }

    public ServiceProvider Services { get; }

    public IMidjourneyClient Client { get; }

    public RunningRelay Relay { get; }

    public RecordingTaskHandler Handler { get; }

    public ListLoggerProvider Logs { get; }

    /// <summary>The client's backplane (the tests' view of it).</summary>
    public RedisTaskBackplane Backplane => (RedisTaskBackplane)((MidjourneyClient)Client).Tracker.Backplane!;

    /// <summary>
    /// Starts an instance whose client <paramref name="name"/> runs over <paramref name="provider"/> with webhooks configured,
    /// its backplane on <paramref name="redis"/> (a configuration string), and waits until it has tried to subscribe.
    /// </summary>
    public static async Task<AppInstance> StartAsync(
        string redis, string name = "mj", MidjourneyProvider provider = MidjourneyProvider.GoApi, Action<MidjourneyRedisOptions>? configure = null)
    {
        var relay = new RunningRelay(provider);
        var handler = new RecordingTaskHandler();
        var logs = new ListLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddMidjourney(name, o =>
        {
            o.Provider = provider;
            o.ApiKey = WebhookKit.ApiKey;
            o.BaseUrl = new Uri("http://relay.test/base/");
            o.Retry.MaxRetries = 0;
            o.Webhooks.Url = WebhookKit.Hook;
            o.Webhooks.Secret = WebhookKit.Secret;
        }).ConfigurePrimaryHttpMessageHandler(() => relay);
        services.AddSingleton(handler);
        services.AddMidjourneyTaskHandler<RecordingTaskHandler>(name);
        services.AddMidjourneyRedisBackplane(redis);
        if (configure is not null)
        {
            services.Configure(configure);
        }

        var instance = new AppInstance(services.BuildServiceProvider(), name, relay, handler, logs);
        await instance.Backplane.Started.WaitAsync(TimeSpan.FromSeconds(30));
        return instance;
    }

    public void Dispose() => Services.Dispose();
}

/// <summary>
/// The provider's status endpoint for the instances: every task is still running (10 %), so a wait ends only by a
/// callback (here or on another instance). GoAPI's fetch and MJ-Proxy's; batch endpoints answer 404 (checked one by one).
/// Counts the status requests per task id.
/// </summary>
internal sealed class RunningRelay(MidjourneyProvider provider) : HttpMessageHandler
{
    private readonly object _gate = new();
    private readonly List<string> _checked = [];

    public IReadOnlyList<string> Checked
    {
        get
        {
            lock (_gate)
            {
                return [.. _checked];
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string path = request.RequestUri!.AbsolutePath;
        string? id = null;
        if (provider == MidjourneyProvider.GoApi && path.EndsWith("/mj/v2/fetch", StringComparison.Ordinal))
        {
            using JsonDocument body = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(cancellationToken));
            id = body.RootElement.GetProperty("task_id").GetString();
        }
        else if (provider == MidjourneyProvider.MjProxy && path.EndsWith("/fetch", StringComparison.Ordinal))
        {
            id = path.Split('/')[^2];
        }

        if (id is null)
        {
            return new HttpResponseMessage(System.Net.HttpStatusCode.NotFound) { Content = new StringContent("{}") };
        }

        lock (_gate)
        {
            _checked.Add(id);
        }

        string json = provider == MidjourneyProvider.GoApi
            ? ScriptedRelay.GoApiTask(id, RelayTaskState.Running(10))
            : ScriptedRelay.MjProxyTask(id, RelayTaskState.Running(10));
        return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
    }
}
