using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Polly;

namespace Midjourney.Sdk.Http;

/// <summary>
/// The one JSON-over-HTTP helper every provider's typed API is written over: it sends, checks the status code and the
/// body-level envelope, maps errors to typed exceptions, and applies the retry rules. Nothing provider-specific lives here.
/// </summary>
internal sealed class JsonApiClient
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient _httpClient;
    private readonly ProviderConnection _connection;
    private readonly ResiliencePipeline _readPipeline;
    private readonly ResiliencePipeline _submitPipeline;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public JsonApiClient(HttpClient httpClient, ProviderConnection connection, MidjourneyRetryOptions retry, TimeProvider timeProvider, ILogger logger)
    {
        _httpClient = httpClient;
        _timeProvider = timeProvider;
        _connection = connection;
        _logger = logger;
        _readPipeline = RetryPipelineFactory.Create(ApiCallKind.Read, retry, timeProvider, logger);
        _submitPipeline = RetryPipelineFactory.Create(ApiCallKind.Submit, retry, timeProvider, logger);
    }

    public MidjourneyProvider Provider => _connection.Provider;

    /// <summary>POSTs <paramref name="body"/> as JSON and reads the answer as <typeparamref name="TResponse"/>.</summary>
    public Task<ApiResponse<TResponse>> PostAsync<TRequest, TResponse>(
        string path, TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, ApiCallKind kind, CancellationToken cancellationToken)
    {
        // Serialize once, before the first attempt: a bad body is a bug, not something to retry.
        byte[] payload = JsonSerializer.SerializeToUtf8Bytes(body, requestType);
        return SendAsync(HttpMethod.Post, path, payload, responseType, kind, cancellationToken);
    }

    /// <summary>
    /// GETs <paramref name="pathAndQuery"/> (always a read) and reads the answer as <typeparamref name="TResponse"/>.
    /// For APIs that answer "no such thing" with a 2xx and an empty or <c>null</c> body, <paramref name="emptyBody"/> makes
    /// the error to throw then (instead of the protocol error an empty answer otherwise is).
    /// </summary>
    public Task<ApiResponse<TResponse>> GetAsync<TResponse>(
        string pathAndQuery, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken, Func<ApiErrorContext, MidjourneyException>? emptyBody = null) =>
        SendAsync(HttpMethod.Get, pathAndQuery, payload: null, responseType, ApiCallKind.Read, cancellationToken, emptyBody);

    private async Task<ApiResponse<TResponse>> SendAsync<TResponse>(
        HttpMethod method, string path, byte[]? payload, JsonTypeInfo<TResponse> responseType, ApiCallKind kind, CancellationToken cancellationToken,
        Func<ApiErrorContext, MidjourneyException>? emptyBody = null)
    {
        ResiliencePipeline pipeline = kind == ApiCallKind.Submit ? _submitPipeline : _readPipeline;
        try
        {
            return await pipeline.ExecuteAsync(
                static (state, ct) => state.self.SendOnceAsync(state.method, state.path, state.payload, state.responseType, state.emptyBody, ct),
                (self: this, method, path, payload, responseType, emptyBody),
                cancellationToken).ConfigureAwait(false);
        }
        catch (MidjourneyException ex) when (kind == ApiCallKind.Submit && IsAmbiguous(ex))
        {
            throw new MidjourneySubmissionUncertainException(
                $"{ex.Message} The submit was not resent because the provider may already have accepted it; check its task list before submitting again.", ex)
            {
                Provider = ex.Provider,
                StatusCode = ex.StatusCode,
                ErrorCode = ex.ErrorCode,
            };
        }
    }

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

        return exception.StatusCode switch
        {
            null => exception is MidjourneyServiceException, // timeout or reset: no answer at all
            >= 500 => true,
            >= 200 and < 300 => exception is MidjourneyProtocolException, // accepted, but the task id could not be read
            _ => false,
        };
    }

    private async ValueTask<ApiResponse<TResponse>> SendOnceAsync<TResponse>(
        HttpMethod method, string path, byte[]? payload, JsonTypeInfo<TResponse> responseType, Func<ApiErrorContext, MidjourneyException>? emptyBody, CancellationToken cancellationToken)
    {
        Uri url = _connection.Resolve(path);
        using var request = new HttpRequestMessage(method, url);
        _connection.Authenticate(request);
        request.Headers.Accept.ParseAdd("application/json");
        if (payload is not null)
        {
            request.Content = new ByteArrayContent(payload);
            request.Content.Headers.ContentType = JsonMediaType;
        }

        long started = _timeProvider.GetTimestamp();
        HttpResponseMessage response;
        string body;
        try
        {
            response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            body = _connection.Redact(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout, not the caller: the request may have reached the provider.
            throw new MidjourneyServiceException($"{Provider} did not answer {method} {url.AbsolutePath} in time.", ex) { Provider = Provider };
        }
        catch (HttpRequestException ex)
        {
            throw new MidjourneyServiceException($"{Provider} could not be reached for {method} {url.AbsolutePath}: {ex.Message}", ex)
            {
                Provider = Provider,
                NotAccepted = WasNeverSent(ex),
            };
        }

        using (response)
        {
            int status = (int)response.StatusCode;
            Log.CallCompleted(_logger, Provider, method, url, status, (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds);
            var context = new ApiErrorContext(Provider, method, path.TrimStart('/'), status, RetryAfterOf(response));
            if (!response.IsSuccessStatusCode)
            {
                throw EnvelopeErrorOf(body, responseType, context) ?? HttpErrorMapper.FromHttpStatus(context, body);
            }

            if (emptyBody is not null && (string.IsNullOrWhiteSpace(body) || body.Trim() == "null"))
            {
                throw emptyBody(context);
            }

            TResponse value = Deserialize(body, responseType, context);
            if (value is IApiEnvelope envelope && envelope.GetError(context) is MidjourneyException error)
            {
                throw error;
            }

            return new ApiResponse<TResponse>(value, body);
        }
    }

    private static TResponse Deserialize<TResponse>(string body, JsonTypeInfo<TResponse> responseType, ApiErrorContext context)
    {
        try
        {
            TResponse? value = JsonSerializer.Deserialize(body, responseType);
            if (value is not null)
            {
                return value;
            }
        }
        catch (JsonException ex)
        {
            throw new MidjourneyProtocolException($"{context.Provider} answered {context.Call} with a body that is not the JSON expected: {ex.Message}", ex)
            {
                Provider = context.Provider,
                StatusCode = context.HttpStatusCode,
            };
        }

        throw new MidjourneyProtocolException($"{context.Provider} answered {context.Call} with an empty body.")
        {
            Provider = context.Provider,
            StatusCode = context.HttpStatusCode,
        };
    }

    /// <summary>The error a failed answer's body reports, for envelopes that opt in (<see cref="IHttpErrorEnvelope"/>); else null.</summary>
    private static MidjourneyException? EnvelopeErrorOf<TResponse>(string body, JsonTypeInfo<TResponse> responseType, ApiErrorContext context)
    {
        if (!typeof(IHttpErrorEnvelope).IsAssignableFrom(typeof(TResponse)) || string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, responseType) is IHttpErrorEnvelope envelope ? envelope.GetError(context) : null;
        }
        catch (JsonException)
        {
            return null; // not the envelope (an HTML page, a proxy's body): the HTTP status decides
        }
    }

    /// <summary>True for failures that happen before any byte of the request left: name resolution, connect, TLS handshake.</summary>
    private static bool WasNeverSent(HttpRequestException exception) => exception.HttpRequestError is
        HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError;

    private TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        RetryConditionHeaderValue? retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is TimeSpan delta)
        {
            return delta;
        }

        if (retryAfter?.Date is DateTimeOffset date)
        {
            TimeSpan wait = date - (response.Headers.Date ?? _timeProvider.GetUtcNow());
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
