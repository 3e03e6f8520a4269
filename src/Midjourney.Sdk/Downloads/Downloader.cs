using System.Buffers;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Midjourney.Sdk.Http;
using Polly;

namespace Midjourney.Sdk.Downloads;

/// <summary>
/// Downloads a task's result files through the client's <see cref="HttpClient"/> (so the app's handlers, proxy and
/// connection cap apply; no API key is sent: the SDK puts keys on provider requests only), with the retry rules of reads.
/// What arrives is hostile until checked: the media type must be an image or a video (by its header, or by its first bytes
/// when the header says nothing useful), and the size at most <see cref="MidjourneyClientOptions.MaxDownloadBytes"/>,
/// checked against <c>Content-Length</c> and again as the bytes arrive. A file is written to a temporary name and renamed
/// when complete, so a failed download leaves nothing half-written.
/// </summary>
internal sealed class Downloader
{
    private const int BufferSize = 81_920;

    private readonly HttpClient _http;
    private readonly MidjourneyProvider _provider;
    private readonly MidjourneyRetryOptions _retry;
    private readonly long _maxBytes;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private ResiliencePipeline<Downloaded>? _pipeline;

    private readonly ClientLifetime _lifetime;

    public Downloader(HttpClient http, MidjourneyProvider provider, MidjourneyRetryOptions retry, long maxBytes, TimeProvider time, ILogger logger, ClientLifetime lifetime)
    {
        _lifetime = lifetime;
        _http = http;
        _provider = provider;
        _retry = retry;
        _maxBytes = maxBytes;
        _time = time;
        _logger = logger;
    }

    /// <summary>Saves every result file of <paramref name="task"/> under <paramref name="directory"/> (see <see cref="DownloadNames"/>).</summary>
    public async Task<IReadOnlyList<MidjourneyDownload>> SaveAsync(MidjourneyTask task, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        List<(Uri Url, string Name)> files = DownloadNames.Of(task);
        if (files.Count == 0)
        {
            throw new ArgumentException($"{task.Provider} task {task.Id} ({task.Status}) has no image or video URL to download.", nameof(task));
        }

        foreach ((Uri url, _) in files)
        {
            RequireHttp(url, nameof(task));
        }

        string folder = Path.GetFullPath(directory);
        Directory.CreateDirectory(folder);
        var saved = new List<MidjourneyDownload>(files.Count);
        foreach ((Uri url, string name) in files)
        {
            saved.Add(await SaveOneAsync(url, folder, name, cancellationToken).ConfigureAwait(false));
        }

        return saved;
    }

    /// <summary>Copies one result file to <paramref name="destination"/> (retried only while nothing was written, or when it can seek back).</summary>
    public async Task<MidjourneyDownload> CopyAsync(Uri url, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(destination);
        RequireHttp(url, nameof(url));
        if (!destination.CanWrite)
        {
            throw new ArgumentException("The destination stream cannot be written to.", nameof(destination));
        }

        long start = destination.CanSeek ? destination.Position : 0;
        bool opened = false; // a stream that cannot seek back can be written to once
        Downloaded done = await RunAsync(url, () =>
        {
            opened = true;
            if (destination.CanSeek)
            {
                destination.SetLength(start);
                destination.Position = start;
            }

            return new Target(destination, Owned: false);
        }, restartable: () => destination.CanSeek || !opened, cancellationToken).ConfigureAwait(false);
        return new MidjourneyDownload(url, null, done.MediaType, done.Length);
    }

    private async Task<MidjourneyDownload> SaveOneAsync(Uri url, string folder, string name, CancellationToken cancellationToken)
    {
        string temporary = Path.Combine(folder, $".{name}.{Guid.NewGuid():N}.part");
        try
        {
            Downloaded done = await RunAsync(
                url,
                () => new Target(new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, useAsync: true), Owned: true),
                restartable: static () => true,
                cancellationToken).ConfigureAwait(false);
            string path = Path.Combine(folder, $"{name}.{MediaTypes.Extension(done.MediaType)}");
            File.Move(temporary, path, overwrite: true);
            return new MidjourneyDownload(url, path, done.MediaType, done.Length);
        }
        finally
        {
            File.Delete(temporary); // nothing left when it failed; a no-op once renamed
        }
    }

    private async Task<Downloaded> RunAsync(Uri url, Func<Target> open, Func<bool> restartable, CancellationToken cancellationToken)
    {
        try
        {
            return await AttemptAsync(url, open, cancellationToken).ConfigureAwait(false);
        }
        catch (MidjourneyException first) when (_retry.MaxRetries > 0 && restartable() && RetryPipelineFactory.ShouldRetry(ApiCallKind.Read, first))
        {
            // The first attempt already failed: the pipeline sees it as its own first outcome, as for API reads.
            bool replayed = false;
            ResiliencePipeline<Downloaded> pipeline = _pipeline ??= RetryPipelineFactory.Create<Downloaded>(ApiCallKind.Read, _retry, _time, _logger);
            return await pipeline.ExecuteAsync(
                async ct =>
                {
                    if (!replayed)
                    {
                        replayed = true;
                        throw first;
                    }

                    if (!restartable())
                    {
                        throw new MidjourneyServiceException($"The download of {url} failed after part of it was written to a stream that cannot seek back.") { Provider = _provider };
                    }

                    return await AttemptAsync(url, open, ct).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Downloaded> AttemptAsync(Uri url, Func<Target> open, CancellationToken cancellationToken)
    {
        _lifetime.ThrowIfDisposed();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Options.Set(AnswerBufferingHandler.Streamed, true);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new MidjourneyServiceException($"The download of {url} failed: {ex.Message}", ex) { Provider = _provider, IsTransient = true };
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MidjourneyServiceException($"The download of {url} did not answer in time.", ex) { Provider = _provider, IsTransient = true };
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw Refused(url, response);
            }

            if (response.Content.Headers.ContentLength is long declared && declared > _maxBytes)
            {
                throw TooLarge(url);
            }

            Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                return await CopyAsync(url, response.Content.Headers.ContentType, body, open, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reads from the answer; a connection that breaks off is a transient failure (the destination's own errors are not).</summary>
    private async ValueTask<int> ReadAsync(Uri url, Stream body, Memory<byte> buffer, int atLeast, CancellationToken cancellationToken)
    {
        try
        {
            return await body.ReadAtLeastAsync(buffer, atLeast, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            throw new MidjourneyServiceException($"The download of {url} broke off: {ex.Message}", ex) { Provider = _provider, IsTransient = true };
        }
    }

    private async Task<Downloaded> CopyAsync(Uri url, MediaTypeHeaderValue? declaredType, Stream body, Func<Target> open, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int read = await ReadAsync(url, body, buffer.AsMemory(0, BufferSize), MediaTypes.SniffLength, cancellationToken).ConfigureAwait(false);
            string mediaType = MediaTypeOf(url, declaredType, buffer.AsSpan(0, read));
            Target target = open();
            try
            {
                long total = 0;
                while (read > 0)
                {
                    total += read;
                    if (total > _maxBytes)
                    {
                        throw TooLarge(url);
                    }

                    await target.Stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    read = await ReadAsync(url, body, buffer.AsMemory(0, BufferSize), 1, cancellationToken).ConfigureAwait(false);
                }

                await target.Stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                return new Downloaded(mediaType, total);
            }
            finally
            {
                if (target.Owned)
                {
                    await target.Stream.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The header's image or video type; else (no type, or a generic one) what the first bytes say; else refused.</summary>
    private string MediaTypeOf(Uri url, MediaTypeHeaderValue? declared, ReadOnlySpan<byte> start)
    {
        string? type = declared?.MediaType?.ToLowerInvariant();
        if (type is not null && MediaTypes.IsMedia(type))
        {
            return type;
        }

        if (type is null or "application/octet-stream" or "binary/octet-stream" && MediaTypes.Sniff(start) is { } sniffed)
        {
            return sniffed;
        }

        throw new MidjourneyProtocolException($"The download of {url} is not an image or a video (Content-Type: {type ?? "none"}).") { Provider = _provider };
    }

    private MidjourneyException Refused(Uri url, HttpResponseMessage response)
    {
        int status = (int)response.StatusCode;
        string text = $"The download of {url} was refused with HTTP {status}";
        return status switch
        {
            404 or 410 => new MidjourneyNotFoundException($"{text}: the file is gone (providers keep results for a limited time).") { Provider = _provider, StatusCode = status },
            408 or 429 or 500 or 502 or 503 or 504 => new MidjourneyServiceException(text + ".")
            {
                Provider = _provider,
                StatusCode = status,
                IsTransient = true,
                RetryAfter = ApiCaller.RetryAfterOf(response, _time),
            },
            _ => new MidjourneyException(text + ".") { Provider = _provider, StatusCode = status },
        };
    }

    private MidjourneyException TooLarge(Uri url) => new($"The download of {url} is larger than MaxDownloadBytes ({_maxBytes} bytes).") { Provider = _provider };

    private static void RequireHttp(Uri url, string parameter)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"'{url}' is not an absolute http or https URL.", parameter);
        }
    }

    private readonly record struct Target(Stream Stream, bool Owned);

    /// <summary>What one attempt downloaded.</summary>
    internal readonly record struct Downloaded(string MediaType, long Length);
}
