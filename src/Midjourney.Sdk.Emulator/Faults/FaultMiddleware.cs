using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Midjourney.Sdk.Emulator.Protocols;

namespace Midjourney.Sdk.Emulator.Faults;

/// <summary>
/// Applies queued faults to API requests, before auth and before the endpoint runs, the way a rate limiter or CDN
/// in front of the real service would. Image downloads and <c>/_emulator</c> control calls are never faulted.
/// </summary>
internal sealed class FaultMiddleware(FaultQueue faults, IReadOnlyList<IEmulatedProtocol> protocols, TimeProvider timeProvider, CancellationToken stopping)
{
    // Cut mid-string, so every JSON parser fails on it whatever shape it expected.
    private const string TruncatedJson = "{\"code\":200,\"status\":\"success\",\"data\":{\"task_id\":\"6f1c2a7e-94";

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var protocol = protocols.FirstOrDefault(p => p.Owns(context.Request.Path));
        var fault = protocol is null ? null : faults.TakeFor(context.Request.Path.Value ?? "");
        if (fault is null)
        {
            await next(context);
            return;
        }

        var response = context.Response;
        switch (fault.Kind)
        {
            case EmulatorFaultKind.Latency:
                // Stopping the emulator must not wait for a delay on a fake clock that nobody advances.
                using (var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping))
                {
                    try
                    {
                        await Task.Delay(fault.Delay, timeProvider, cancel.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        // The server went away mid-request: the client sees a dropped connection, not a made-up status.
                        context.Abort();
                        return;
                    }
                }

                await next(context);
                break;

            case EmulatorFaultKind.RateLimit:
                SetRetryAfter(response, fault.RetryAfter);
                await protocol!.WriteErrorAsync(
                    context,
                    fault.StatusCode!.Value,
                    string.Create(CultureInfo.InvariantCulture, $"Too many requests: rate limit exceeded, retry after {RetryAfterSeconds(fault.RetryAfter!.Value)} s (emulated fault)"));
                break;

            case EmulatorFaultKind.ServiceUnavailable:
                SetRetryAfter(response, fault.RetryAfter);
                await protocol!.WriteErrorAsync(context, fault.StatusCode!.Value, "Service temporarily unavailable (emulated fault)");
                break;

            case EmulatorFaultKind.ServerError:
                await protocol!.WriteErrorAsync(context, fault.StatusCode!.Value, "Internal server error (emulated fault)");
                break;

            case EmulatorFaultKind.MalformedJson:
                await WriteAsync(context, fault.StatusCode!.Value, "application/json", TruncatedJson);
                break;

            case EmulatorFaultKind.HtmlErrorPage:
                await WriteAsync(context, fault.StatusCode!.Value, "text/html; charset=utf-8", HtmlPage(fault.StatusCode!.Value));
                break;
        }
    }

    private static void SetRetryAfter(HttpResponse response, TimeSpan? retryAfter)
    {
        if (retryAfter is { } value)
        {
            response.Headers.RetryAfter = RetryAfterSeconds(value).ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Retry-After carries whole seconds; rounding up never tells a client to come back too early.</summary>
    private static long RetryAfterSeconds(TimeSpan value) => (long)Math.Ceiling(value.TotalSeconds);

    private static Task WriteAsync(HttpContext context, int statusCode, string contentType, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = bytes.Length;
        return context.Response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
    }

    /// <summary>The page a CDN or load balancer shows when the origin misbehaves: what clients get instead of JSON.</summary>
    private static string HtmlPage(int statusCode)
    {
        var title = string.Create(CultureInfo.InvariantCulture, $"{statusCode} {ReasonPhrases.GetReasonPhrase(statusCode)}").TrimEnd();
        return $"""
            <!DOCTYPE html>
            <html>
            <head><title>{title}</title></head>
            <body>
            <center><h1>{title}</h1></center>
            <hr><center>cloudflare</center>
            </body>
            </html>

            """;
    }
}
