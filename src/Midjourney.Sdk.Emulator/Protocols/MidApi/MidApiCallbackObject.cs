using System.Text.Json;
using Midjourney.Sdk.Emulator.Tasks;

namespace Midjourney.Sdk.Emulator.Protocols.MidApi;

/// <summary>
/// The body midapi (and kie.ai) POSTs to <c>callBackUrl</c> when a task ends:
/// <c>{"code":200,"msg":"success","data":{"taskId","promptJson","resultUrls":["..."]}}</c> with plain URL strings (unlike
/// record-info's objects); a failure carries record-info's <c>errorCode</c> as <c>code</c> and its message as <c>msg</c>.
/// </summary>
internal static class MidApiCallbackObject
{
    public static void Write(Utf8JsonWriter writer, EmulatedTask task, TaskState state, Uri baseUrl)
    {
        var outcome = MidApiOutcome.Of(task, state);
        writer.WriteStartObject();
        writer.WriteNumber("code", outcome.Succeeded ? 200 : outcome.ErrorCode ?? 500);
        writer.WriteString("msg", outcome.Succeeded ? "success" : outcome.ErrorMessage);
        writer.WriteStartObject("data");
        writer.WriteString("taskId", task.Id);

        // The submit's parameters as a string holding JSON, like record-info's paramJson.
        writer.WriteString("promptJson", task.Request.GetRawText());
        writer.WriteStartArray("resultUrls");
        foreach (var url in outcome.Succeeded ? MidApiRecordObject.ResultUrls(task, baseUrl) : [])
        {
            writer.WriteStringValue(url);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
