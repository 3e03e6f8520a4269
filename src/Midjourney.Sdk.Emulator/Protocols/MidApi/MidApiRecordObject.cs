using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Midjourney.Sdk.Emulator.Images;
using Midjourney.Sdk.Emulator.Tasks;

namespace Midjourney.Sdk.Emulator.Protocols.MidApi;

/// <summary>Writes the <c>data</c> object of <c>record-info</c>, field for field and in the reference's order.</summary>
internal static class MidApiRecordObject
{
    public static void Write(Utf8JsonWriter writer, EmulatedTask task, TaskState state, Uri baseUrl)
    {
        var outcome = MidApiOutcome.Of(task, state);

        writer.WriteStartObject();
        writer.WriteString("taskId", task.Id);
        writer.WriteString("taskType", TaskType(task));

        // The submit's parameters, as a string holding JSON (midapi never sends it as an object).
        writer.WriteString("paramJson", task.Request.GetRawText());
        WriteTime(writer, "completeTime", outcome.IsTerminal ? state.EndedAt : null);
        writer.WritePropertyName("resultInfoJson");
        if (outcome.Succeeded)
        {
            WriteResultInfo(writer, task, baseUrl);
        }
        else
        {
            writer.WriteNullValue();
        }

        writer.WriteNumber("successFlag", outcome.SuccessFlag);
        WriteTime(writer, "createTime", task.CreatedAt);
        if (outcome.ErrorCode is { } code)
        {
            writer.WriteNumber("errorCode", code);
        }
        else
        {
            writer.WriteNull("errorCode");
        }

        writer.WriteString("errorMessage", outcome.ErrorMessage);
        writer.WriteEndObject();
    }

    /// <summary>The generate task type as submitted; follow-ups report their endpoint's task type.</summary>
    public static string TaskType(EmulatedTask task) => task.Kind switch
    {
        TaskKind.Upscale => "mj_upscale",
        TaskKind.Variation => "mj_vary",
        _ => task.Request.TryGetProperty("taskType", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString()! : "mj_txt2img",
    };

    /// <summary>
    /// <c>{"resultUrls": [{"resultUrl": ...}]}</c>: the four split images of a grid, or the one upscaled image. midapi sends this
    /// as an object in some answers and as a string holding the JSON in others; the emulator sends grids (generate, vary)
    /// and videos as an object and upscales as a string, so every imagine-then-upscale client meets both shapes.
    /// </summary>
    private static void WriteResultInfo(Utf8JsonWriter writer, EmulatedTask task, Uri baseUrl)
    {
        var urls = ResultUrls(task, baseUrl);
        if (task.Output is TaskOutput.Grid or TaskOutput.Video)
        {
            WriteResultUrls(writer, urls);
            return;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var inner = new Utf8JsonWriter(buffer))
        {
            WriteResultUrls(inner, urls);
        }

        writer.WriteStringValue(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>The four split images of a grid, the one upscaled image, or a video's clips.</summary>
    public static IReadOnlyList<string> ResultUrls(EmulatedTask task, Uri baseUrl) => task.Output switch
    {
        TaskOutput.Grid => [.. Enumerable.Range(1, 4).Select(i => ImageLinks.Split(baseUrl, task.Id, i))],
        TaskOutput.Video => ImageLinks.Videos(baseUrl, task),
        _ => [ImageLinks.Image(baseUrl, task.Id)],
    };

    private static void WriteResultUrls(Utf8JsonWriter writer, IReadOnlyList<string> urls)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("resultUrls");
        foreach (var url in urls)
        {
            writer.WriteStartObject();
            writer.WriteString("resultUrl", url);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteTime(Utf8JsonWriter writer, string name, DateTimeOffset? time)
    {
        if (time is { } value)
        {
            writer.WriteString(name, value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
