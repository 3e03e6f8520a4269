using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Midjourney.Sdk.Benchmarks.Waiting;

/// <summary>
/// Answers in memory as one provider would, in its own wire format: imagine submits start <see cref="SimulatedJob"/>s
/// (durations taken in turn from a seeded list), status reads (single and, where the provider has one, batch) report
/// them as of the <see cref="VirtualClock"/>. Counts every status request and how often each job was looked at.
/// </summary>
public sealed class SimulatedProviderHandler(MidjourneyProvider provider, VirtualClock clock, Queue<double> durations, int seed) : HttpMessageHandler
{
    private readonly ConcurrentDictionary<string, SimulatedJob> _jobs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _looks = new(StringComparer.Ordinal);
    private readonly Random _random = new(seed);
    private int _next;
    private int _statusRequests;

    public int StatusRequests => _statusRequests;

    public SimulatedJob Job(string id) => _jobs[id];

    /// <summary>The callback the provider would post when the job ends, in its wire format (not counted as a status look).</summary>
    public byte[] FinalCallback(string id)
    {
        SimulatedJob job = _jobs[id];
        string json = provider switch
        {
            MidjourneyProvider.GoApi => GoApiTaskAt(job, JobPhase.Done, 100),
            MidjourneyProvider.MjProxy => MjProxyTaskAt(job, JobPhase.Done, 100),
            MidjourneyProvider.Apixo => ApixoStatusAt(job, JobPhase.Done),
            _ => $$$"""{"code":200,"msg":"success","data":{"taskId":"{{{id}}}","promptJson":"{\"taskType\":\"mj_txt2img\"}","resultUrls":["https://img.test/{{{id}}}.png"]}}""",
        };
        return Encoding.UTF8.GetBytes(json);
    }

    /// <summary>How many status answers reported the job.</summary>
    public int Looks(string id) => _looks.GetValueOrDefault(id);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string path = request.RequestUri!.AbsolutePath;
        string body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        string json = provider switch
        {
            MidjourneyProvider.GoApi => GoApi(path, body),
            MidjourneyProvider.MjProxy => MjProxy(path, body),
            MidjourneyProvider.Apixo => Apixo(path, request.RequestUri),
            _ => MidApi(path, request.RequestUri),
        };
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json"), RequestMessage = request };
    }

    private string GoApi(string path, string body)
    {
        if (path.EndsWith("/imagine", StringComparison.Ordinal))
        {
            return $$$"""{"task_id":"{{{Submit()}}}","status":"success","message":""}""";
        }

        using JsonDocument document = JsonDocument.Parse(body);
        Interlocked.Increment(ref _statusRequests);
        if (path.EndsWith("/multi_fetch", StringComparison.Ordinal))
        {
            IEnumerable<string> items = document.RootElement.GetProperty("task_ids").EnumerateArray()
                .Select(id => $"{JsonSerializer.Serialize(id.GetString())}:{GoApiTask(id.GetString()!)}");
            return "{\"data\":{" + string.Join(',', items) + "}}";
        }

        return GoApiTask(document.RootElement.GetProperty("task_id").GetString()!);
    }

    private string GoApiTask(string id)
    {
        (SimulatedJob job, JobPhase phase, int progress) = Look(id);
        return GoApiTaskAt(job, phase, progress);
    }

    private static string GoApiTaskAt(SimulatedJob job, JobPhase phase, int progress)
    {
        string id = job.Id;
        string status = phase switch { JobPhase.Queued => "pending", JobPhase.Running => "processing", _ => "finished" };
        string ended = phase == JobPhase.Done ? $",\"ended_at\":\"{job.FinishedAt:O}\"" : "";
        string image = phase == JobPhase.Done ? $"https://img.test/{id}.png" : "";
        return $$$"""{"task_id":"{{{id}}}","status":"{{{status}}}","meta":{"task_type":"imagine","created_at":"{{{job.SubmittedAt:O}}}"{{{ended}}}},"task_result":{"task_progress":{{{progress}}},"image_url":"{{{image}}}","image_urls":[]}}""";
    }

    private string MjProxy(string path, string body)
    {
        if (path.EndsWith("/submit/imagine", StringComparison.Ordinal))
        {
            return $$$"""{"code":1,"description":"Submitted","result":"{{{Submit()}}}"}""";
        }

        Interlocked.Increment(ref _statusRequests);
        if (path.EndsWith("/list-by-condition", StringComparison.Ordinal))
        {
            using JsonDocument document = JsonDocument.Parse(body);
            return "[" + string.Join(',', document.RootElement.GetProperty("ids").EnumerateArray().Select(id => MjProxyTask(id.GetString()!))) + "]";
        }

        string[] segments = path.Split('/');
        return MjProxyTask(segments[^2]);
    }

    private string MjProxyTask(string id)
    {
        (SimulatedJob job, JobPhase phase, int progress) = Look(id);
        return MjProxyTaskAt(job, phase, progress);
    }

    private static string MjProxyTaskAt(SimulatedJob job, JobPhase phase, int progress)
    {
        string id = job.Id;
        string status = phase switch { JobPhase.Queued => "SUBMITTED", JobPhase.Running => "IN_PROGRESS", _ => "SUCCESS" };
        long started = phase == JobPhase.Queued ? 0 : job.StartedAt.ToUnixTimeMilliseconds();
        long finished = phase == JobPhase.Done ? job.FinishedAt.ToUnixTimeMilliseconds() : 0;
        string image = phase == JobPhase.Done ? $"https://img.test/{id}.png" : "";
        return $$$"""{"id":"{{{id}}}","action":"IMAGINE","status":"{{{status}}}","progress":"{{{progress}}}%","submitTime":{{{job.SubmittedAt.ToUnixTimeMilliseconds()}}},"startTime":{{{started}}},"finishTime":{{{finished}}},"imageUrl":"{{{image}}}"}""";
    }

    private string Apixo(string path, Uri url)
    {
        if (path.EndsWith("/generateTask/midjourney", StringComparison.Ordinal))
        {
            return $$$"""{"code":200,"message":"success","data":{"taskId":"{{{Submit()}}}"}}""";
        }

        Interlocked.Increment(ref _statusRequests);
        string id = Uri.UnescapeDataString(url.Query["?taskId=".Length..]);
        (SimulatedJob job, JobPhase phase, _) = Look(id);
        return ApixoStatusAt(job, phase);
    }

    private static string ApixoStatusAt(SimulatedJob job, JobPhase phase)
    {
        string id = job.Id;
        string state = phase switch { JobPhase.Queued => "pending", JobPhase.Running => "processing", _ => "success" };
        string done = phase == JobPhase.Done
            ? $",\"resultJson\":{JsonSerializer.Serialize($"{{\"resultUrls\":[\"https://img.test/{id}.png\"]}}")},\"completeTime\":{job.FinishedAt.ToUnixTimeMilliseconds()}"
            : "";
        return $$$"""{"code":200,"message":"success","data":{"taskId":"{{{id}}}","state":"{{{state}}}","createTime":{{{job.SubmittedAt.ToUnixTimeMilliseconds()}}}{{{done}}}}}""";
    }

    private string MidApi(string path, Uri url)
    {
        if (path.EndsWith("/mj/generate", StringComparison.Ordinal))
        {
            return $$$"""{"code":200,"msg":"success","data":{"taskId":"{{{Submit()}}}"}}""";
        }

        Interlocked.Increment(ref _statusRequests);
        string id = Uri.UnescapeDataString(url.Query["?taskId=".Length..]);
        (SimulatedJob job, JobPhase phase, _) = Look(id);
        string done = phase == JobPhase.Done
            ? $",\"successFlag\":1,\"resultInfoJson\":{{\"resultUrls\":[{{\"resultUrl\":\"https://img.test/{id}.png\"}}]}},\"completeTime\":{job.FinishedAt.ToUnixTimeMilliseconds()}"
            : ",\"successFlag\":0";
        return $$$"""{"code":200,"msg":"success","data":{"taskId":"{{{id}}}","taskType":"mj_txt2img","createTime":{{{job.SubmittedAt.ToUnixTimeMilliseconds()}}}{{{done}}}}}""";
    }

    private string Submit()
    {
        string id = "job-" + Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
        double seconds;
        lock (durations)
        {
            seconds = durations.Count > 0 ? durations.Dequeue() : 60;
        }

        lock (_random)
        {
            _jobs[id] = new SimulatedJob(id, clock.GetUtcNow(), seconds, _random);
        }

        return id;
    }

    private (SimulatedJob Job, JobPhase Phase, int Progress) Look(string id)
    {
        SimulatedJob job = _jobs[id];
        _looks.AddOrUpdate(id, 1, static (_, n) => n + 1);
        (JobPhase phase, int progress) = job.At(clock.GetUtcNow());
        return (job, phase, progress);
    }
}
