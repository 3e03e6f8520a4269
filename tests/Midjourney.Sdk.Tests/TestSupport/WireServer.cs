using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Midjourney.Sdk.Tests.TestSupport;

/// <summary>
/// A WireMock.Net server on 127.0.0.1 for tests of what goes on the wire: the SDK talks real HTTP to it, each mapping
/// matches method, path (under <see cref="BasePath"/>) and the headers every request must carry (the provider's auth
/// header), answers are scripted (in turn, the last one repeating), and <see cref="Requests"/> is what it received.
/// A request no mapping matches is answered 404 by WireMock and listed in <see cref="Unmatched"/>.
/// </summary>
public sealed class WireServer : IDisposable
{
    private readonly List<(string Name, string Value)> _requiredHeaders = [];
    private int _scenarios;

    /// <param name="basePath">A path the client's BaseUrl ends with (<c>/base</c>), to prove it is kept; empty for none.</param>
    public WireServer(string basePath = "")
    {
        BasePath = basePath.TrimEnd('/');
        Server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"], StartAdminInterface = false });
    }

    public WireMockServer Server { get; }

    public string BasePath { get; }

    /// <summary>The base URL to give the client: <c>http://127.0.0.1:{port}{BasePath}</c>, without a trailing slash.</summary>
    public Uri BaseUrl => new(Server.Url + BasePath);

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => Server.LogEntries.Select(Record).ToArray();

    public RecordedRequest Single => Assert.Single(Requests);

    /// <summary>Requests no mapping matched (a wrong path, method or header).</summary>
    public IReadOnlyList<RecordedRequest> Unmatched => Server.FindUnmatchedLogEntries().Select(Record).ToArray();

    /// <summary>The absolute URL of <paramref name="path"/> under the base path, as an error message names it.</summary>
    public string Url(string path) => BaseUrl.AbsoluteUri.TrimEnd('/') + path;

    /// <summary>Makes every mapping added from now on require this header (the provider's auth header).</summary>
    public WireServer RequireHeader(string name, string value)
    {
        _requiredHeaders.Add((name, value));
        return this;
    }

    /// <summary>A request matcher for <paramref name="method"/> on <paramref name="path"/> under the base path, with the required headers.</summary>
    public IRequestBuilder Request(HttpMethod method, string path)
    {
        IRequestBuilder request = WireMock.RequestBuilders.Request.Create().UsingMethod(method.Method).WithPath(BasePath + path);
        foreach ((string name, string value) in _requiredHeaders)
        {
            request = request.WithHeader(name, value, ignoreCase: false);
        }

        return request;
    }

    /// <summary>Answers <paramref name="method"/> <paramref name="path"/> with <paramref name="answersInTurn"/>: the first request gets the first answer, and so on; the last repeats.</summary>
    public WireServer On(HttpMethod method, string path, params IResponseBuilder[] answersInTurn) =>
        On(Request(method, path), answersInTurn);

    /// <summary>Answers requests that match <paramref name="request"/> with <paramref name="answersInTurn"/>, the last repeating.</summary>
    public WireServer On(IRequestBuilder request, params IResponseBuilder[] answersInTurn)
    {
        if (answersInTurn.Length == 0)
        {
            throw new ArgumentException("Give at least one answer.", nameof(answersInTurn));
        }

        if (answersInTurn.Length == 1)
        {
            Server.Given(request).RespondWith(answersInTurn[0]);
            return this;
        }

        // A WireMock scenario: state i answers with answer i and moves to i + 1; the last state stays.
        string scenario = $"in-turn-{Interlocked.Increment(ref _scenarios)}";
        for (int i = 0; i < answersInTurn.Length; i++)
        {
            string next = $"{Math.Min(i + 1, answersInTurn.Length - 1)}";
            IRespondWithAProvider mapping = i == 0
                ? Server.Given(request).AtPriority(100).InScenario(scenario) // the start: below the states that follow it
                : Server.Given(request).AtPriority(1).InScenario(scenario).WhenStateIs($"{i}");
            mapping.WillSetStateTo(next).RespondWith(answersInTurn[i]);
        }

        return this;
    }

    /// <summary>Answers any request on any path with <paramref name="answersInTurn"/>, the last repeating (for tests that are not about routing).</summary>
    public WireServer OnAny(params IResponseBuilder[] answersInTurn) =>
        On(WireMock.RequestBuilders.Request.Create().WithPath(new WireMock.Matchers.WildcardMatcher("*")), answersInTurn);

    public void Dispose()
    {
        Server.Stop();
        Server.Dispose();
    }

    private static RecordedRequest Record(ILogEntry entry)
    {
        var message = entry.RequestMessage ?? throw new InvalidOperationException("A log entry without its request.");
        var headers = (message.Headers ?? new Dictionary<string, WireMock.Types.WireMockList<string>>())
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        string? contentType = headers.TryGetValue("Content-Type", out string? value) ? value.Split(';')[0].Trim() : null;
        string? body = string.IsNullOrEmpty(message.Body) ? null : message.Body;
        return new RecordedRequest(new HttpMethod(message.Method), new Uri(message.AbsoluteUrl), headers, body, contentType);
    }
}
