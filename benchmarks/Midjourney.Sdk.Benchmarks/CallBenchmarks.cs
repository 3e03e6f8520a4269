using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Midjourney.Sdk.Benchmarks;

/// <summary>
/// One submit (imagine) and one status fetch, raw (<see cref="RawGoApi"/>) against the SDK (<see cref="MidjourneyClient"/>
/// over the same kind of <see cref="HttpClient"/>), in memory and over loopback Kestrel. The SDK's extra work is
/// validation, Refit's request building, the retry pipeline, error and envelope checks, and the task model
/// (<see cref="MidjourneyTask"/> with URLs and the raw JSON kept).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
public class CallBenchmarks
{
    private LoopbackServer? _server;
    private HttpClient _rawHttp = null!;
    private HttpClient _sdkHttp = null!;
    private RawGoApi _raw = null!;
    private MidjourneyClient _sdk = null!;

    [Params("InMemory", "Loopback")]
    public string Transport { get; set; } = "InMemory";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        Uri baseUrl;
        if (Transport == "Loopback")
        {
            _server = await LoopbackServer.StartAsync();
            baseUrl = _server.BaseUrl;
            _rawHttp = new HttpClient(new SocketsHttpHandler());
            _sdkHttp = new HttpClient(new SocketsHttpHandler());
        }
        else
        {
            baseUrl = new Uri("https://bench.test/");
            _rawHttp = new HttpClient(new CannedHandler());
            _sdkHttp = new HttpClient(new CannedHandler());
        }

        _raw = new RawGoApi(_rawHttp, baseUrl);
        _sdk = new MidjourneyClient(_sdkHttp, new MidjourneyClientOptions { Provider = MidjourneyProvider.GoApi, ApiKey = Payloads.ApiKey, BaseUrl = baseUrl });
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _sdk.Dispose();
        _rawHttp.Dispose();
        _sdkHttp.Dispose();
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
}
