using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Midjourney.Sdk.Emulator.Protocols;

namespace Midjourney.Sdk.Emulator.Callbacks;

/// <summary>
/// <c>GET /_emulator/callbacks</c> lists every callback delivery attempt as a JSON array (optionally only one task's, with
/// <c>?taskId=</c>), for the program mode where tests in another process cannot read
/// <see cref="MidjourneyEmulator.CallbackDeliveries"/>. No auth: it is a local test tool, and it holds no secrets.
/// </summary>
internal static class CallbackEndpoints
{
    public const string Path = "/_emulator/callbacks";

    public static void Map(IEndpointRouteBuilder routes, CallbackLog log)
        => routes.MapGet(Path, context =>
        {
            var taskId = context.Request.Query["taskId"].ToString();
            var entries = log.Snapshot().Where(entry => taskId.Length == 0 || entry.TaskId == taskId);
            return JsonReplies.WriteAsync(context, StatusCodes.Status200OK, writer =>
            {
                writer.WriteStartArray();
                foreach (var entry in entries)
                {
                    writer.WriteStartObject();
                    writer.WriteString("taskId", entry.TaskId);
                    writer.WriteString("url", entry.Url);
                    writer.WriteString("provider", entry.Provider);
                    writer.WriteString("status", entry.Status);
                    writer.WriteNumber("progress", entry.Progress);
                    writer.WriteNumber("attempt", entry.Attempt);
                    if (entry.StatusCode is { } statusCode)
                    {
                        writer.WriteNumber("statusCode", statusCode);
                    }
                    else
                    {
                        writer.WriteNull("statusCode");
                    }

                    writer.WriteString("error", entry.Error);
                    writer.WriteString("at", entry.At);
                    writer.WriteBoolean("dropped", entry.Dropped);
                    writer.WriteBoolean("duplicate", entry.Duplicate);
                    writer.WriteStartArray("headers");
                    foreach (var header in entry.Headers)
                    {
                        writer.WriteStringValue(header);
                    }

                    writer.WriteEndArray();
                    writer.WriteString("body", entry.Body);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            });
        });
}
