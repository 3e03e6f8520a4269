using System.Net;
using System.Text;

namespace Midjourney.Sdk.Tests.TestSupport;

/// <summary>
/// A fake <see cref="HttpMessageHandler"/> for wire-level unit tests: records every request (method, URL, headers, body)
/// and answers from a queue of responders (the last one repeats), so a test asserts on exactly what was sent.
/// </summary>
public sealed class RecordingHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpRequestMessage, HttpResponseMessage>> _responders = new();
    private Func<HttpRequestMessage, HttpResponseMessage>? _last;

    public List<RecordedRequest> Requests { get; } = [];

    public RecordedRequest Single => Assert.Single(Requests);

    /// <summary>Answers the next request with <paramref name="status"/> and a JSON body.</summary>
    public RecordingHandler RespondJson(string json, HttpStatusCode status = HttpStatusCode.OK, Action<HttpResponseMessage>? configure = null) =>
        Respond(_ =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            configure?.Invoke(response);
            return response;
        });

    /// <summary>Answers the next request with an error status, a JSON body and, when given, a <c>Retry-After</c> header.</summary>
    public RecordingHandler RespondError(HttpStatusCode status, string json, TimeSpan? retryAfter = null) =>
        RespondJson(json, status, response =>
        {
            if (retryAfter is TimeSpan delta)
            {
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(delta);
            }
        });

    /// <summary>Answers the next request with a body of any media type.</summary>
    public RecordingHandler RespondText(string text, string mediaType, HttpStatusCode status) =>
        Respond(_ => new HttpResponseMessage(status) { Content = new StringContent(text, Encoding.UTF8, mediaType) });

    /// <summary>Fails the next request with <paramref name="exception"/> (a network error, a timeout).</summary>
    public RecordingHandler Throw(Exception exception) => Respond(_ => throw exception);

    public RecordingHandler Respond(Func<HttpRequestMessage, HttpResponseMessage> responder)
    {
        _responders.Enqueue(responder);
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers
            .Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        lock (Requests)
        {
            Requests.Add(new RecordedRequest(request.Method, request.RequestUri!, headers, body, request.Content?.Headers.ContentType?.MediaType));
        }

        Func<HttpRequestMessage, HttpResponseMessage> responder;
        lock (_responders)
        {
            if (_responders.Count > 0)
            {
                _last = _responders.Dequeue();
            }

            responder = _last ?? throw new InvalidOperationException($"No response queued for {request.Method} {request.RequestUri}.");
        }

        HttpResponseMessage response = responder(request);
        response.RequestMessage = request;
        return response;
    }
}
