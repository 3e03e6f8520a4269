using System.Text;
using System.Text.Json;
using Midjourney.Sdk.Emulator.Images;
using Midjourney.Sdk.Emulator.Tasks;

namespace Midjourney.Sdk.Emulator.Protocols.Apixo;

/// <summary>Writes the envelope <c>statusTask</c> answers with, which is also the body of a callback, field for field.</summary>
internal static class ApixoStatusObject
{
    /// <summary>
    /// <c>{"code":200,"message":"success","data":{taskId, state, resultJson | failCode + failMsg, createTime, completeTime, costTime}}</c>:
    /// a failed task still has the outer code 200.
    /// </summary>
    public static void WriteEnvelope(Utf8JsonWriter writer, EmulatedTask task, TaskState state, Uri baseUrl)
    {
        writer.WriteStartObject();
        writer.WriteNumber("code", 200);
        writer.WriteString("message", "success");
        writer.WriteStartObject("data");
        writer.WriteString("taskId", task.Id);
        writer.WriteString("state", ApixoNames.State(state.Phase));
        if (state.Phase == TaskPhase.Succeeded)
        {
            // A string holding JSON, exactly as APIXO sends it.
            writer.WriteString("resultJson", ResultJson(task, baseUrl));
        }
        else if (state.Phase == TaskPhase.Failed)
        {
            writer.WriteString("failCode", ApixoNames.FailCode(task));
            writer.WriteString("failMsg", task.FailureReason);
        }

        writer.WriteNumber("createTime", task.CreatedAt.ToUnixTimeMilliseconds());
        if (state.EndedAt is { } ended)
        {
            writer.WriteNumber("completeTime", ended.ToUnixTimeMilliseconds());
            writer.WriteNumber("costTime", (long)(ended - task.CreatedAt).TotalMilliseconds);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary><c>{"resultUrls": [...]}</c>: the four images of a grid, or the one upscaled image.</summary>
    private static string ResultJson(EmulatedTask task, Uri baseUrl)
    {
        IReadOnlyList<string> urls = task.Output switch
        {
            TaskOutput.Grid => [.. Enumerable.Range(1, 4).Select(i => ImageLinks.Split(baseUrl, task.Id, i))],
            TaskOutput.Image => [ImageLinks.Image(baseUrl, task.Id)],
            _ => [],
        };
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("resultUrls");
            foreach (var url in urls)
            {
                writer.WriteStringValue(url);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
