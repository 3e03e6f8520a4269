using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Midjourney.Sdk.AspNetCore;

/// <summary>
/// The request delegate behind <c>MapMidjourneyWebhooks</c>: reads a callback (at most
/// <see cref="MidjourneyWebhookRequest.MaxBodyBytes"/>), hands it to the client's <see cref="IMidjourneyClient.HandleWebhookAsync"/>
/// and answers with a status code only. It never throws into the pipeline: providers send again whatever is not a 2xx, so a
/// failure answers 500 and a refusal a 4xx.
/// </summary>
internal sealed class WebhookEndpoint(string? clientName, ILogger logger)
{
    private const int Limit = MidjourneyWebhookRequest.MaxBodyBytes;

    /// <summary>One byte past the limit: reading that many tells a body over the limit from one exactly at it.</summary>
    private const int ReadCap = Limit + 1;

    /// <summary>The first buffer for a body of unknown length (chunked); it doubles up to <see cref="ReadCap"/>.</summary>
    private const int FirstBufferSize = 16 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        CancellationToken aborted = context.RequestAborted;
        int statusCode;
        try
        {
            statusCode = await ReceiveAsync(context, aborted).ConfigureAwait(false);
        }
        catch (Exception) when (aborted.IsCancellationRequested)
        {
            // The caller hung up (or the server is stopping): there is no one to answer.
            Log.Aborted(logger);
            return;
        }
        catch (BadHttpRequestException ex)
        {
            // The server refused the body itself: malformed framing, or over a limit the app set for it.
            statusCode = ex.StatusCode;
            Log.BodyRefused(logger, statusCode);
        }
        catch (Exception ex)
        {
            statusCode = StatusCodes.Status500InternalServerError;
            Log.Failed(logger, ex);
        }

        if (!context.Response.HasStarted)
        {
            context.Response.StatusCode = statusCode;
        }
    }

    /// <summary>The message for a client that is not registered, or null when it is (or the container cannot tell).</summary>
    public static string? MissingClient(IServiceProvider services, string? clientName)
    {
        bool missing = clientName is null
            ? services.GetService<IServiceProviderIsService>() is { } isService && !isService.IsService(typeof(IMidjourneyClient))
            : services.GetService<IServiceProviderIsKeyedService>() is { } isKeyed && !isKeyed.IsKeyedService(typeof(IMidjourneyClient), clientName);
        return missing ? MissingClientMessage(clientName) : null;
    }

    private static string MissingClientMessage(string? clientName) => clientName is null
        ? "MapMidjourneyWebhooks: no IMidjourneyClient is registered to hand the callbacks to. Register one with " +
          "builder.Services.AddMidjourney(...), or pass the clientName of a client registered with AddMidjourney(name, ...)."
        : $"MapMidjourneyWebhooks: no IMidjourneyClient named '{clientName}' is registered to hand the callbacks to. " +
          $"Register it with builder.Services.AddMidjourney(\"{clientName}\", ...).";

    private async Task<int> ReceiveAsync(HttpContext context, CancellationToken aborted)
    {
        HttpRequest request = context.Request;
        if (request.ContentLength is long declared && declared > Limit)
        {
            // Refused before a byte of the body is read.
            return Refuse(MidjourneyWebhookRefusal.TooLarge, $"its Content-Length ({declared} bytes) is over the limit of {Limit} bytes");
        }

        IMidjourneyClient client = ResolveClient(context.RequestServices);
        (byte[] buffer, int length) = await ReadBodyAsync(request.Body, request.ContentLength, aborted).ConfigureAwait(false);
        try
        {
            if (length > Limit)
            {
                return Refuse(MidjourneyWebhookRefusal.TooLarge, $"its body is over the limit of {Limit} bytes");
            }

            var callback = new MidjourneyWebhookRequest(buffer.AsMemory(0, length), Headers(request.Headers), Url(request));
            MidjourneyTask task;
            try
            {
                task = await client.HandleWebhookAsync(callback, aborted).ConfigureAwait(false);
            }
            catch (MidjourneyWebhookException ex)
            {
                // The core's messages name the task and the check that failed, never the secret, the token or the body.
                return Refuse(ex.Refusal, ex.Message);
            }

            Log.Accepted(logger, task.Id, task.Status);
            return StatusCodes.Status200OK;
        }
        finally
        {
            // The client keeps a copy of what it needs (the task's raw JSON); the buffer can go back.
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private int Refuse(MidjourneyWebhookRefusal refusal, string reason)
    {
        int statusCode = refusal switch
        {
            MidjourneyWebhookRefusal.NotAuthentic => StatusCodes.Status401Unauthorized,
            MidjourneyWebhookRefusal.TooLarge => StatusCodes.Status413PayloadTooLarge,
            _ => StatusCodes.Status400BadRequest,
        };
        Log.Refused(logger, refusal, statusCode, reason);
        return statusCode;
    }

    private IMidjourneyClient ResolveClient(IServiceProvider services) =>
        (clientName is null ? services.GetService<IMidjourneyClient>() : services.GetKeyedService<IMidjourneyClient>(clientName))
        ?? throw new InvalidOperationException(MissingClientMessage(clientName));

    /// <summary>
    /// Reads at most <see cref="ReadCap"/> bytes into a pooled buffer (the caller returns it): a length over
    /// <see cref="Limit"/> means the body is too large, and nothing past that is read.
    /// </summary>
    private static async Task<(byte[] Buffer, int Length)> ReadBodyAsync(Stream body, long? declared, CancellationToken cancellationToken)
    {
        int size = declared is long known ? (int)Math.Min(known + 1, ReadCap) : FirstBufferSize;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(size);
        int length = 0;
        try
        {
            while (length < ReadCap)
            {
                if (length == buffer.Length)
                {
                    byte[] larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(2L * buffer.Length, ReadCap));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                int read = await body.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, ReadCap) - length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            return (buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>Every header by name, a repeated header's values joined with ",".</summary>
    private static IEnumerable<KeyValuePair<string, string>> Headers(IHeaderDictionary headers) =>
        headers.Select(header => new KeyValuePair<string, string>(header.Key, header.Value.ToString()));

    /// <summary>
    /// The absolute URL the callback was sent to, query included, as the server saw it (scheme, host and path base follow
    /// forwarded headers only where the app runs the ForwardedHeaders middleware); null when it cannot be made.
    /// </summary>
    private static Uri? Url(HttpRequest request) =>
        Uri.TryCreate(request.GetEncodedUrl(), UriKind.Absolute, out Uri? url) ? url : null;
}
