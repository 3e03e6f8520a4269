using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Midjourney.Sdk.Emulator.Protocols;

/// <summary>Writes JSON answers with Utf8JsonWriter: no reflection, and the exact field order of the real APIs.</summary>
internal static class JsonReplies
{
    // Relaxed escaping keeps non-ASCII text (describe's keycap emoji) readable in raw JSON, as real servers send it.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(HttpContext context, int statusCode, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }

    /// <summary>The JSON <paramref name="write"/> produces, as text, escaped the same way as the answers.</summary>
    public static string ToText(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads a request body that must be one JSON object; anything else is a 400.</summary>
    public static async Task<JsonDocument> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
        }
        catch (JsonException e)
        {
            throw new RequestRejectedException($"the request body is not valid JSON: {e.Message}", e);
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new RequestRejectedException("the request body must be a JSON object");
        }

        return document;
    }
}
