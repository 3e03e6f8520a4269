using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Midjourney.Sdk.Benchmarks;

/// <summary>
/// One submit (imagine) and one status fetch, raw (<see cref="RawGoApi"/>) against the SDK, in memory and over loopback
/// to Kestrel in a process of its own. The SDK's extra work: validation, Refit's request building, the retry pipeline, status, envelope and error
/// checks, and the task model (<see cref="MidjourneyTask"/> with its URLs and the answer kept as <c>RawJson</c>).
/// Subclasses choose how both sides get their <see cref="HttpClient"/>.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
public abstract class CallBenchmarks
{
    private ServerProcess? _server;
    private RawGoApi _raw = null!;
    private IMidjourneyClient _sdk = null!;

    [Params("InMemory", "Loopback")]
    public string Transport { get; set; } = "InMemory";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        Uri baseUrl;
        Func<HttpMessageHandler> handler;
        if (Transport == "Loopback")
        {
            _server = await ServerProcess.StartAsync();
            baseUrl = _server.BaseUrl;
            handler = () => new SocketsHttpHandler();
        }
        else
        {
            baseUrl = new Uri("https://bench.test/");
            handler = () => new CannedHandler();
        }

        (_raw, _sdk) = CreateClients(baseUrl, handler);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await DisposeClientsAsync();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Benchmark(Baseline = true, Description = "raw HttpClient + STJ")]
    [BenchmarkCategory("Submit")]
    public Task<RawSubmitAnswer> Submit_Raw() => _raw.ImagineAsync("a lighthouse on a cliff at dawn");

    [Benchmark(Description = "Midjourney.Sdk")]
    [BenchmarkCategory("Submit")]
    public Task<MidjourneyTask> Submit_Sdk() => _sdk.ImagineAsync(new ImagineRequest("a lighthouse on a cliff at dawn"));

    [Benchmark(Baseline = true, Description = "raw HttpClient + STJ")]
    [BenchmarkCategory("Fetch")]
    public Task<RawTask> Fetch_Raw() => _raw.FetchAsync(Payloads.TaskId);

    [Benchmark(Description = "Midjourney.Sdk")]
    [BenchmarkCategory("Fetch")]
    public Task<MidjourneyTask> Fetch_Sdk() => _sdk.GetTaskAsync(Payloads.TaskId);

    /// <summary>The raw client and the SDK client, each over its own <see cref="HttpClient"/> from <paramref name="handler"/>.</summary>
    protected abstract (RawGoApi Raw, IMidjourneyClient Sdk) CreateClients(Uri baseUrl, Func<HttpMessageHandler> handler);

    protected abstract ValueTask DisposeClientsAsync();
}
