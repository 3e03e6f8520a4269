using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Midjourney.Sdk.Tests.TestSupport;

/// <summary>What a <see cref="ScriptedRelay"/> says of a task at one check: its status and progress, in neutral terms.</summary>
public sealed record RelayTaskState(MidjourneyTaskStatus Status, int Progress = 0)
{
    public static RelayTaskState Pending { get; } = new(MidjourneyTaskStatus.Pending);

    public static RelayTaskState Succeeded { get; } = new(MidjourneyTaskStatus.Succeeded, 100);

    public static RelayTaskState Failed { get; } = new(MidjourneyTaskStatus.Failed);

    public static RelayTaskState Running(int progress) => new(MidjourneyTaskStatus.InProgress, progress);
}

/// <summary>One status request a <see cref="ScriptedRelay"/> received: a single fetch or a batch, the ids it named, and the fake-clock time.</summary>
public sealed record StatusRequest(bool IsBatch, IReadOnlyList<string> Ids, TimeSpan At, string Path);

/// <summary>
/// An in-memory relay for tests of the task tracker: speaks the status endpoints of GoAPI (fetch, multi_fetch, and imagine
/// for submits), MJ-Proxy (fetch, list-by-condition) and APIXO (statusTask), and answers each task from a script of
/// (task id, how many times it was answered before + 1, fake time since the relay was made) to its state, or null for a
/// task the relay does not know (404 on GoAPI's fetch, an empty 200 on MJ-Proxy's, left out of a batch answer). Every
/// status request is recorded; <see cref="Fault"/> answers a request instead of the script, <see cref="Hold"/> holds it
/// (honouring its cancellation token), and the relay counts how many requests were out at once.
/// </summary>
public sealed class ScriptedRelay : HttpMessageHandler
{
    public const string ApiKey = "relay-key";

    private readonly MidjourneyProvider _protocol;
    private readonly FakeTimeProvider _time;
    private readonly Func<string, int, TimeSpan, RelayTaskState?> _script;
    private readonly DateTimeOffset _start;
    private readonly Dictionary<string, int> _answered = new(StringComparer.Ordinal);
    private readonly List<StatusRequest> _requests = [];
    private readonly HashSet<string> _finished = new(StringComparer.Ordinal);
    private int _inFlight;
    private int _maxInFlight;
    private int _submits;

    public ScriptedRelay(MidjourneyProvider protocol, FakeTimeProvider time, Func<string, int, TimeSpan, RelayTaskState?> script)
    {
        _protocol = protocol;
        _time = time;
        _script = script;
        _start = time.GetUtcNow();
    }

    public static Uri BaseUrl { get; } = new("https://relay.test/base");

    /// <summary>Every status request, in the order they arrived.</summary>
    public IReadOnlyList<StatusRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public IReadOnlyList<StatusRequest> Batches => [.. Requests.Where(r => r.IsBatch)];

    public IReadOnlyList<StatusRequest> Fetches => [.. Requests.Where(r => !r.IsBatch)];

    /// <summary>How many tasks were answered final (succeeded or failed).</summary>
    public int FinishedCount
    {
        get
        {
            lock (_finished)
            {
                return _finished.Count;
            }
        }
    }

    /// <summary>The most status requests that were out at once.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>An answer to send instead of the script's (an error status), or null to answer normally.</summary>
    public Func<StatusRequest, HttpResponseMessage?>? Fault { get; set; }

    /// <summary>Awaited before a status request is answered (with the request's token): holds it until the test lets it go.</summary>
    public Func<StatusRequest, CancellationToken, Task>? Hold { get; set; }

    /// <summary>A client of this relay on its fake clock, without retries unless <paramref name="configure"/> sets them.</summary>
    public MidjourneyClient Client(Action<MidjourneyClientOptions>? configure = null)
    {
        var options = new MidjourneyClientOptions { Provider = _protocol, ApiKey = ApiKey, BaseUrl = BaseUrl, Retry = { MaxRetries = 0 } };
        configure?.Invoke(options);
        return new MidjourneyClient(new HttpClient(this), options, _time);
    }

    /// <summary>How many status requests named <paramref name="taskId"/>.</summary>
    public int TimesAsked(string taskId) => Requests.Count(r => r.Ids.Contains(taskId));

    /// <summary>GoAPI's fetch object of a task in <paramref name="state"/> (also for a WireMock callback).</summary>
    public static string GoApiTask(string taskId, RelayTaskState state) => TestClients.GoApiTaskJson(
        taskId,
        state.Status switch
        {
            MidjourneyTaskStatus.Pending => "pending",
            MidjourneyTaskStatus.InProgress => "processing",
            MidjourneyTaskStatus.Succeeded => "finished",
            MidjourneyTaskStatus.Failed => "failed",
            _ => throw new ArgumentOutOfRangeException(nameof(state)),
        },
        state.Progress);

    /// <summary>MJ-Proxy's task object of a task in <paramref name="state"/>.</summary>
    public static string MjProxyTask(string taskId, RelayTaskState state)
    {
        string status = state.Status switch
        {
            MidjourneyTaskStatus.Pending => "SUBMITTED",
            MidjourneyTaskStatus.InProgress => "IN_PROGRESS",
            MidjourneyTaskStatus.Succeeded => "SUCCESS",
            MidjourneyTaskStatus.Failed => "FAILURE",
            _ => throw new ArgumentOutOfRangeException(nameof(state)),
        };
        string image = state.Status == MidjourneyTaskStatus.Succeeded ? $"https://img.test/{taskId}.png" : "";
        string fail = state.Status == MidjourneyTaskStatus.Failed ? "banned prompt" : "";
        return $$"""{"id":"{{taskId}}","action":"IMAGINE","status":"{{status}}","progress":"{{state.Progress}}%","imageUrl":"{{image}}","failReason":"{{fail}}"}""";
    }

    /// <summary>APIXO's statusTask answer for a task in <paramref name="state"/>.</summary>
    public static string ApixoTask(string taskId, RelayTaskState state)
    {
        string data = state.Status switch
        {
            MidjourneyTaskStatus.Pending => $$"""{"taskId":"{{taskId}}","state":"pending","createTime":1767225600000}""",
            MidjourneyTaskStatus.InProgress => $$"""{"taskId":"{{taskId}}","state":"processing","createTime":1767225600000}""",
            MidjourneyTaskStatus.Succeeded => $$$"""{"taskId":"{{{taskId}}}","state":"success","resultJson":"{\"resultUrls\":[\"https://img.test/{{{taskId}}}.png\"]}","createTime":1767225600000}""",
            MidjourneyTaskStatus.Failed => $$"""{"taskId":"{{taskId}}","state":"failed","failMsg":"banned prompt","createTime":1767225600000}""",
            _ => throw new ArgumentOutOfRangeException(nameof(state)),
        };
        return $$"""{"code":200,"message":"success","data":{{data}}}""";
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string path = request.RequestUri!.AbsolutePath;
        string? body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        if (path.EndsWith("/mj/v2/imagine", StringComparison.Ordinal))
        {
            string id = "sub-" + Interlocked.Increment(ref _submits).ToString(CultureInfo.InvariantCulture);
            return Json($$"""{"task_id":"{{id}}","status":"success","message":""}""", request);
        }

        StatusRequest status = Parse(request, path, body);
        lock (_requests)
        {
            _requests.Add(status);
        }

        int inFlight = Interlocked.Increment(ref _inFlight);
        try
        {
            int max;
            while (inFlight > (max = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, inFlight, max) != max)
            {
            }

            if (Hold is { } hold)
            {
                await hold(status, cancellationToken);
            }

            if (Fault?.Invoke(status) is { } fault)
            {
                fault.RequestMessage = request;
                return fault;
            }

            return Answer(status, request);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private StatusRequest Parse(HttpRequestMessage request, string path, string? body)
    {
        TimeSpan at = _time.GetUtcNow() - _start;
        switch (_protocol)
        {
            case MidjourneyProvider.GoApi when path.EndsWith("/mj/v2/multi_fetch", StringComparison.Ordinal):
                return new StatusRequest(true, Strings(body, "task_ids"), at, path);
            case MidjourneyProvider.GoApi when path.EndsWith("/mj/v2/fetch", StringComparison.Ordinal):
                using (var json = JsonDocument.Parse(body!))
                {
                    return new StatusRequest(false, [json.RootElement.GetProperty("task_id").GetString()!], at, path);
                }

            case MidjourneyProvider.MjProxy when path.EndsWith("/mj/task/list-by-condition", StringComparison.Ordinal):
                return new StatusRequest(true, Strings(body, "ids"), at, path);
            case MidjourneyProvider.MjProxy when path.EndsWith("/fetch", StringComparison.Ordinal):
                string[] segments = path.Split('/');
                return new StatusRequest(false, [Uri.UnescapeDataString(segments[^2])], at, path);
            case MidjourneyProvider.Apixo when path.EndsWith("/api/v1/statusTask/midjourney", StringComparison.Ordinal):
                string query = request.RequestUri!.Query.TrimStart('?');
                string id = query.Split('&').Select(p => p.Split('=', 2)).Single(p => p[0] == "taskId")[1];
                return new StatusRequest(false, [Uri.UnescapeDataString(id)], at, path);
            default:
                throw new InvalidOperationException($"The scripted {_protocol} relay has no endpoint {request.Method} {path}.");
        }
    }

    private static string[] Strings(string? body, string property)
    {
        using var json = JsonDocument.Parse(body!);
        return [.. json.RootElement.GetProperty(property).EnumerateArray().Select(e => e.GetString()!)];
    }

    private RelayTaskState? Next(string taskId, TimeSpan at)
    {
        int check;
        lock (_answered)
        {
            check = _answered[taskId] = _answered.GetValueOrDefault(taskId) + 1;
        }

        RelayTaskState? state = _script(taskId, check, at);
        if (state?.Status is MidjourneyTaskStatus.Succeeded or MidjourneyTaskStatus.Failed)
        {
            lock (_finished)
            {
                _finished.Add(taskId);
            }
        }

        return state;
    }

    private HttpResponseMessage Answer(StatusRequest status, HttpRequestMessage request)
    {
        var states = status.Ids.Select(id => (Id: id, State: Next(id, status.At))).ToArray();
        switch (_protocol)
        {
            case MidjourneyProvider.GoApi when status.IsBatch:
                return Json("{\"data\":{" + string.Join(",", states.Select(s => $"\"{s.Id}\":" + (s.State is { } st ? GoApiTask(s.Id, st) : "null"))) + "}}", request);
            case MidjourneyProvider.GoApi:
                return states[0].State is { } goApi
                    ? Json(GoApiTask(states[0].Id, goApi), request)
                    : Json("""{"status":"failed","message":"task not found"}""", request, HttpStatusCode.NotFound);
            case MidjourneyProvider.MjProxy when status.IsBatch:
                return Json("[" + string.Join(",", states.Where(s => s.State is not null).Select(s => MjProxyTask(s.Id, s.State!))) + "]", request);
            case MidjourneyProvider.MjProxy:
                return states[0].State is { } mjProxy ? Json(MjProxyTask(states[0].Id, mjProxy), request) : Json("", request);
            default:
                return Json(ApixoTask(states[0].Id, states[0].State ?? throw new InvalidOperationException("The APIXO relay knows every task.")), request);
        }
    }

    private static HttpResponseMessage Json(string json, HttpRequestMessage request, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json"), RequestMessage = request };
}
