using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Midjourney.Sdk.Emulator.Protocols;

namespace Midjourney.Sdk.Emulator.Faults;

/// <summary>
/// <c>POST /_emulator/faults</c> queues a fault (callback faults included) and <c>DELETE /_emulator/faults</c> clears them, for
/// the program mode where tests in another process cannot call <see cref="MidjourneyEmulator.InjectFault"/>. No auth: it is a
/// local test tool.
/// </summary>
internal static class FaultEndpoints
{
    public const string Path = "/_emulator/faults";

    public static void Map(IEndpointRouteBuilder routes, FaultQueue faults)
    {
        routes.MapPost(Path, context => AddAsync(context, faults));
        routes.MapDelete(Path, context =>
        {
            faults.Clear();
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });
    }

    private static async Task AddAsync(HttpContext context, FaultQueue faults)
    {
        EmulatorFault fault;
        try
        {
            using var document = await JsonReplies.ReadObjectAsync(context.Request, context.RequestAborted);
            fault = Parse(document.RootElement);
        }
        catch (RequestRejectedException e)
        {
            await JsonReplies.WriteAsync(context, e.StatusCode, writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("status", "failed");
                writer.WriteString("message", e.Message);
                writer.WriteEndObject();
            });
            return;
        }

        faults.Enqueue(fault);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    /// <summary>Reads <c>{"kind","statusCode","retryAfterSeconds","delayMs","pathContains","times"}</c>; names ignore case.</summary>
    internal static EmulatorFault Parse(JsonElement body)
    {
        var kindText = String(body, "kind") ?? throw new RequestRejectedException("kind is required");
        if (!Enum.TryParse<EmulatorFaultKind>(kindText, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
        {
            throw new RequestRejectedException(
                $"kind must be one of {string.Join(", ", Enum.GetNames<EmulatorFaultKind>())}, not \"{kindText}\"");
        }

        var statusCode = Number(body, "statusCode");
        var retryAfterSeconds = Number(body, "retryAfterSeconds");
        var delayMs = Number(body, "delayMs");
        var times = Number(body, "times") ?? 1;
        if (times < 1 || times > int.MaxValue || times != Math.Floor(times))
        {
            throw new RequestRejectedException("times must be a whole number of at least 1");
        }

        try
        {
            var retryAfter = retryAfterSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
            var fault = kind switch
            {
                EmulatorFaultKind.RateLimit => EmulatorFault.RateLimit(retryAfter ?? TimeSpan.FromSeconds(1)),
                EmulatorFaultKind.ServiceUnavailable => EmulatorFault.ServiceUnavailable(retryAfter),
                EmulatorFaultKind.ServerError => EmulatorFault.ServerError(Status(statusCode) ?? 500),
                EmulatorFaultKind.Latency => EmulatorFault.Latency(
                    TimeSpan.FromMilliseconds(delayMs ?? throw new RequestRejectedException("delayMs is required for Latency"))),
                EmulatorFaultKind.MalformedJson => EmulatorFault.MalformedJson(),
                EmulatorFaultKind.DropCallbacks => EmulatorFault.DropCallbacks(),
                EmulatorFaultKind.DuplicateCallbacks => EmulatorFault.DuplicateCallbacks(),
                EmulatorFaultKind.OutOfOrderCallbacks => EmulatorFault.OutOfOrderCallbacks(),
                _ => EmulatorFault.HtmlErrorPage(Status(statusCode) ?? 502),
            };

            // A fixed-status kind given another status is a mistake worth reporting, not ignoring.
            if (statusCode is { } code && fault.StatusCode is { } actual && code != actual)
            {
                throw new RequestRejectedException(
                    string.Create(CultureInfo.InvariantCulture, $"statusCode {code} does not apply to {kind}, which always answers {actual}"));
            }

            return fault with { PathContains = String(body, "pathContains"), Times = (int)times };
        }
        catch (Exception e) when (e is ArgumentException or OverflowException)
        {
            throw new RequestRejectedException(e.Message, e);
        }
    }

    /// <summary>A status outside int's range cannot be valid; the factories reject it by value.</summary>
    private static int? Status(double? value) => value is { } v ? (int)Math.Clamp(v, int.MinValue, int.MaxValue) : null;

    private static JsonElement? Find(JsonElement body, string name)
    {
        foreach (var property in body.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind != JsonValueKind.Null)
            {
                return property.Value;
            }
        }

        return null;
    }

    private static string? String(JsonElement body, string name) => Find(body, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        _ => throw new RequestRejectedException($"{name} must be a string"),
    };

    private static double? Number(JsonElement body, string name) => Find(body, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } value => value.GetDouble(),
        _ => throw new RequestRejectedException($"{name} must be a number"),
    };
}
