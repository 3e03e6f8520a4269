using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Midjourney.Sdk.Telemetry;
using Polly;

namespace Midjourney.Sdk.Http;

/// <summary>
/// The one piece that runs every typed API call and reads its answer: the retry pipeline for reads or billable submits
/// around each call, then the status code, <c>Retry-After</c>, the body-level envelope (with HTTP 200 or an error
/// status), error mapping, key redaction and unreadable bodies. The Refit interfaces build and send the requests;
/// nothing provider-specific lives here, and nothing HTTP-specific lives in the adapters.
/// </summary>
internal sealed class ApiCaller
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private readonly ProviderConnection _connection;
    private readonly MidjourneyRetryOptions _retry;
    private readonly bool _retries;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ClientLifetime? _lifetime;
    private readonly ClientTelemetry? _telemetry;

    // Built on the first retry, not with the client: building one validates its options and costs about 9 KB, and most
    // clients (one per DI resolve) never retry. Pipelines are stateless, so two threads building one at once is harmless.
    private ResiliencePipeline<ApiAnswer>? _readPipeline;
    private ResiliencePipeline<ApiAnswer>? _submitPipeline;

    public ApiCaller(ProviderConnection connection, MidjourneyRetryOptions retry, TimeProvider timeProvider, ILogger logger, ClientLifetime? lifetime = null, ClientTelemetry? telemetry = null)
    {
        _lifetime = lifetime;
        _telemetry = telemetry;
        _connection = connection;
        _retry = retry;
        _timeProvider = timeProvider;
        _logger = logger;
        _retries = retry.MaxRetries > 0;
    }

    public MidjourneyProvider Provider => _connection.Provider;

    /// <summary>
    /// Runs a billable submit: resent only when the provider provably did not take it (see <see cref="RetryPipelineFactory"/>).
    /// <paramref name="send"/> calls the Refit method with <paramref name="state"/>, and <paramref name="accepted"/> turns the
    /// answer into the result; both are meant to be static lambdas, so a call allocates no closure.
    /// <paramref name="parentTaskId"/> is the task a follow-up acts on; without one, a 404 means the endpoint is missing.
    /// </summary>
    public Task<TResult> SubmitAsync<TState, T, TResult>(
        TState state,
        Func<TState, CancellationToken, Task<HttpResponseMessage>> send,
        JsonTypeInfo<T> responseType,
        Func<TState, ApiResponse<T>, TResult> accepted,
        string? parentTaskId,
        CancellationToken cancellationToken) =>
        CallAsync(new ApiCall<TState, T>(state, send, responseType, ApiCallKind.Submit, parentTaskId, EmptyBody: null), accepted, cancellationToken);

    /// <summary>
    /// Runs a read (safe to resend), as <see cref="SubmitAsync"/> runs a submit. For APIs that answer "no such thing" with a
    /// 2xx and an empty or <c>null</c> body, <paramref name="emptyBody"/> makes the error to throw then (instead of the
    /// protocol error an empty answer otherwise is).
    /// </summary>
    public Task<TResult> ReadAsync<TState, T, TResult>(
        TState state,
        Func<TState, CancellationToken, Task<HttpResponseMessage>> send,
        JsonTypeInfo<T> responseType,
        Func<TState, ApiResponse<T>, TResult> read,
        CancellationToken cancellationToken,
        Func<ApiErrorContext, MidjourneyException>? emptyBody = null,
        ApiCallKind kind = ApiCallKind.Read) =>
        CallAsync(new ApiCall<TState, T>(state, send, responseType, kind, ParentTaskId: null, emptyBody), read, cancellationToken);

    /// <summary>
    /// Refit's transport-failure hook: a network error or a timeout becomes a <see cref="MidjourneyServiceException"/>
    /// naming the real URL. The caller's own cancellation stays an <see cref="OperationCanceledException"/>.
    /// </summary>
    public Exception MapTransportFailure(HttpRequestMessage request, Exception exception, CancellationToken cancellationToken) =>
        MapTransportFailure(request.Method, request.RequestUri, exception, cancellationToken);

    private Exception MapTransportFailure(HttpMethod method, Uri? url, Exception exception, CancellationToken cancellationToken)
    {
        string call = $"{method} {(url is { IsAbsoluteUri: true } ? url.AbsoluteUri : _connection.BaseUrl.AbsoluteUri)}";
        return exception switch
        {
            OperationCanceledException when cancellationToken.IsCancellationRequested => exception,

            // The transport client's timeout, not the caller: the request may have reached the provider.
            OperationCanceledException => new MidjourneyServiceException($"{Provider} did not answer {call} in time.", exception) { Provider = Provider },
            HttpRequestException http => new MidjourneyServiceException($"{Provider} could not be reached for {call}: {http.Message}", http)
            {
                Provider = Provider,
                NotAccepted = WasNeverSent(http),
            },
            _ => exception,
        };
    }

    private async Task<TResult> CallAsync<TState, T, TResult>(ApiCall<TState, T> call, Func<TState, ApiResponse<T>, TResult> map, CancellationToken cancellationToken)
    {
        _lifetime?.ThrowIfDisposed();
        ApiAnswer answer;
        try
        {
            try
            {
                // Most calls take one attempt; it runs here, outside the pipeline, whose frames would cost on every call
                // (and inline rather than through AttemptAsync, one async frame fewer).
                long started = _timeProvider.GetTimestamp();
                HttpResponseMessage response = await call.Send(call.State, cancellationToken).ConfigureAwait(false);
                answer = await ReadAnswerAsync(call, response, started, cancellationToken).ConfigureAwait(false);
            }
            catch (MidjourneyException first) when (_retries && call.Kind != ApiCallKind.Check && RetryPipelineFactory.ShouldRetry(call.Kind, first))
            {
                answer = await RetryAsync(call, first, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (MidjourneyException ex) when (call.Kind == ApiCallKind.Submit && IsAmbiguous(ex))
        {
            throw new MidjourneySubmissionUncertainException(
                $"{Sentence(ex.Message)} The submit was not resent because the provider may already have accepted it; check its task list before submitting again.", ex)
            {
                Provider = ex.Provider,
                StatusCode = ex.StatusCode,
                BodyStatus = ex.BodyStatus,
                ErrorCode = ex.ErrorCode,
            };
        }

        // Outside the try: what the adapter makes of an answer is not a failure of the call.
        return map(call.State, new ApiResponse<T>((T)answer.Value, answer.RawJson));
    }

    /// <summary>
    /// After a first attempt that failed in a way the retry rules handle: the pipeline receives that failure as its own first
    /// outcome (nothing is sent again for it), so its delays, <c>Retry-After</c> and attempt counts are exactly Polly's.
    /// </summary>
    private async Task<ApiAnswer> RetryAsync<TState, T>(ApiCall<TState, T> call, MidjourneyException first, CancellationToken cancellationToken)
    {
        ResiliencePipeline<ApiAnswer> pipeline = call.Kind == ApiCallKind.Submit
            ? _submitPipeline ??= RetryPipelineFactory.Create(ApiCallKind.Submit, _retry, _timeProvider, _logger, _telemetry)
            : _readPipeline ??= RetryPipelineFactory.Create(ApiCallKind.Read, _retry, _timeProvider, _logger, _telemetry);
        var firstOutcome = new StrongBox<MidjourneyException?>(first);
        return await pipeline.ExecuteAsync(
            static (state, ct) => Interlocked.Exchange(ref state.firstOutcome.Value, null) is MidjourneyException failed
                ? ValueTask.FromException<ApiAnswer>(failed)
                : state.self.AttemptAsync(state.call, ct),
            (self: this, call, firstOutcome),
            cancellationToken).ConfigureAwait(false);
    }

    private static string Sentence(string text) => text.TrimEnd().EndsWith('.') ? text.TrimEnd() : text.TrimEnd() + ".";

    /// <summary>
    /// Whether a failed submit may have been taken: a server error, a timeout or reset after sending, or an
    /// unreadable success. Client errors (4xx) and failures before the connection was made are not ambiguous.
    /// </summary>
    private static bool IsAmbiguous(MidjourneyException exception)
    {
        if (exception.NotAccepted || exception is MidjourneyRateLimitException)
        {
            return false;
        }

        return exception.EffectiveStatus switch
        {
            null => exception is MidjourneyServiceException, // timeout or reset: no answer at all
            >= 500 => true,
            >= 200 and < 300 => exception is MidjourneyProtocolException, // accepted, but the task id could not be read
            _ => false,
        };
    }

    /// <summary>One attempt: send, then read the answer.</summary>
    private async ValueTask<ApiAnswer> AttemptAsync<TState, T>(ApiCall<TState, T> call, CancellationToken cancellationToken)
    {
        long started = _timeProvider.GetTimestamp();
        HttpResponseMessage response = await call.Send(call.State, cancellationToken).ConfigureAwait(false);
        return await ReadAnswerAsync(call, response, started, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads an answer (status, envelope, body) into the call's wire type, and disposes it. Transport failures arrive
    /// already mapped, through <see cref="MapTransportFailure(HttpRequestMessage, Exception, CancellationToken)"/>; the body is
    /// buffered by then, so this completes at once.
    /// </summary>
    private async ValueTask<ApiAnswer> ReadAnswerAsync<TState, T>(ApiCall<TState, T> call, HttpResponseMessage response, long started, CancellationToken cancellationToken)
    {
        using (response)
        {
            HttpMethod method = response.RequestMessage?.Method ?? HttpMethod.Get;
            Uri url = response.RequestMessage?.RequestUri is { IsAbsoluteUri: true } sent ? sent : _connection.BaseUrl;
            ReadOnlyMemory<byte> body = await ReadBodyAsync(response, method, url, cancellationToken).ConfigureAwait(false);

            int status = (int)response.StatusCode;
            Log.CallCompleted(_logger, Provider, method, url, status, (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds);
            var context = new ApiErrorContext(Provider, method, url, status, RetryAfterOf(response, _timeProvider));
            if (!response.IsSuccessStatusCode)
            {
                throw FailedAnswer(call, body, context);
            }

            if (call.EmptyBody is { } emptyBody && IsEmptyOrNull(body.Span))
            {
                throw emptyBody(context);
            }

            T value = Deserialize(body, call.ResponseType, context);
            if (value is IApiEnvelope envelope && envelope.GetError(context) is MidjourneyException error)
            {
                throw error;
            }

            return new ApiAnswer(value!, new RawJsonPayload(body));
        }
    }

    /// <summary>The answer's bytes (the transport client has buffered them), without a BOM and without the API key.</summary>
    private async ValueTask<ReadOnlyMemory<byte>> ReadBodyAsync(HttpResponseMessage response, HttpMethod method, Uri url, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            throw MapTransportFailure(method, url, ex, cancellationToken);
        }

        ReadOnlyMemory<byte> body = bytes.AsSpan().StartsWith(Utf8Bom) ? bytes.AsMemory(Utf8Bom.Length) : bytes;
        return _connection.Redact(body);
    }

    /// <summary>The error a non-2xx answer means: the envelope's own code where the provider's envelope explains it, else the HTTP status.</summary>
    private MidjourneyException FailedAnswer<TState, T>(ApiCall<TState, T> call, ReadOnlyMemory<byte> body, ApiErrorContext context)
    {
        string text = Encoding.UTF8.GetString(body.Span);
        if (context.HttpStatusCode == 404 && call.Kind == ApiCallKind.Submit && call.ParentTaskId is null)
        {
            return EndpointMissing(context, text);
        }

        return EnvelopeErrorOf(body, call.ResponseType, context) ?? HttpErrorMapper.FromHttpStatus(context, text);
    }

    /// <summary>A submit that needs no existing task answered 404: the endpoint is not there, which is nearly always a wrong base URL.</summary>
    private MidjourneyException EndpointMissing(ApiErrorContext context, string body)
    {
        string? message = HttpErrorMapper.TryReadMessage(body, out _);
        string said = string.IsNullOrWhiteSpace(message) ? "" : $" ({message})";
        return new MidjourneyException(
            $"{Provider} answered {context.Call} with 404 Not Found{said}: there is no such endpoint at that address. "
            + $"Check BaseUrl ({_connection.BaseUrl.AbsoluteUri}): it must be the address the provider's paths start from.")
        {
            Provider = Provider,
            StatusCode = 404,
            ErrorCode = HttpErrorMapper.EndpointNotFoundCode,
        };
    }

    private static T Deserialize<T>(ReadOnlyMemory<byte> body, JsonTypeInfo<T> responseType, ApiErrorContext context)
    {
        if (body.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw EmptyBody(context);
        }

        try
        {
            return JsonSerializer.Deserialize(body.Span, responseType) ?? throw EmptyBody(context);
        }
        catch (JsonException ex)
        {
            throw new MidjourneyProtocolException($"{context.Provider} answered {context.Call} with a body that is not the JSON expected: {ex.Message}", ex)
            {
                Provider = context.Provider,
                StatusCode = context.HttpStatusCode,
            };
        }
    }

    private static MidjourneyProtocolException EmptyBody(ApiErrorContext context) =>
        new($"{context.Provider} answered {context.Call} with an empty body.") { Provider = context.Provider, StatusCode = context.HttpStatusCode };

    private static bool IsEmptyOrNull(ReadOnlySpan<byte> body)
    {
        ReadOnlySpan<byte> trimmed = body.Trim(" \t\r\n"u8);
        return trimmed.IsEmpty || trimmed.SequenceEqual("null"u8);
    }

    /// <summary>The error a failed answer's body reports, for envelopes that opt in (<see cref="IHttpErrorEnvelope"/>); else null.</summary>
    private static MidjourneyException? EnvelopeErrorOf<T>(ReadOnlyMemory<byte> body, JsonTypeInfo<T> responseType, ApiErrorContext context)
    {
        if (!typeof(IHttpErrorEnvelope).IsAssignableFrom(typeof(T)) || body.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body.Span, responseType) is IHttpErrorEnvelope envelope ? envelope.GetHttpError(context) : null;
        }
        catch (JsonException)
        {
            return null; // not the envelope (an HTML page, a proxy's body): the HTTP status decides
        }
    }

    /// <summary>True for failures that happen before any byte of the request left: name resolution, connect, TLS handshake.</summary>
    private static bool WasNeverSent(HttpRequestException exception) => exception.HttpRequestError is
        HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError;

    /// <summary>An answer's <c>Retry-After</c> as a delay (a date is taken against the answer's own <c>Date</c>, else the clock).</summary>
    internal static TimeSpan? RetryAfterOf(HttpResponseMessage response, TimeProvider timeProvider)
    {
        RetryConditionHeaderValue? retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is TimeSpan delta)
        {
            return delta;
        }

        if (retryAfter?.Date is DateTimeOffset date)
        {
            TimeSpan wait = date - (response.Headers.Date ?? timeProvider.GetUtcNow());
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    /// <summary>One call: how to send it (a Refit method and its arguments), what its answer is, and whether it is billable.</summary>
    private readonly record struct ApiCall<TState, T>(
        TState State,
        Func<TState, CancellationToken, Task<HttpResponseMessage>> Send,
        JsonTypeInfo<T> ResponseType,
        ApiCallKind Kind,
        string? ParentTaskId,
        Func<ApiErrorContext, MidjourneyException>? EmptyBody);
}
