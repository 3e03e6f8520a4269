using System.Globalization;
using System.Text.Json;
using Midjourney.Sdk.Emulator.Images;
using Midjourney.Sdk.Emulator.Tasks;

namespace Midjourney.Sdk.Emulator.Protocols.GoApi;

/// <summary>Writes the object <c>/mj/v2/fetch</c> returns (and <c>multi_fetch</c> nests), field for field.</summary>
internal static class GoApiFetchObject
{
    public static void Write(Utf8JsonWriter writer, EmulatedTask task, TaskState state, DateTimeOffset now, Uri baseUrl)
    {
        var succeeded = state.Phase == TaskPhase.Succeeded;
        var failed = state.Phase == TaskPhase.Failed;

        var imageUrl = "";
        IReadOnlyList<string> imageUrls = [];
        IReadOnlyList<string> actions = [];
        if (succeeded && task.Output == TaskOutput.Grid)
        {
            imageUrl = ImageLinks.Grid(baseUrl, task.Id);
            imageUrls = [.. Enumerable.Range(1, 4).Select(i => ImageLinks.Split(baseUrl, task.Id, i))];
            actions = GoApiNames.GridActions;
        }
        else if (succeeded && task.Output == TaskOutput.Image)
        {
            imageUrl = ImageLinks.Image(baseUrl, task.Id);
            actions = GoApiNames.ImageActions;
        }

        // Midjourney shows the grid forming while it renders.
        IReadOnlyList<string> intermediate = state.Phase == TaskPhase.Running && task.Output == TaskOutput.Grid
            ? [ImageLinks.Grid(baseUrl, task.Id)]
            : [];
        var hasPicture = succeeded && task.Output != TaskOutput.Text;
        var message = failed
            ? GoApiNames.FailureMessage(task)
            : succeeded && task.Output == TaskOutput.Text ? DescribePrompts.Numbered(task.DescribedPrompts) : "";

        writer.WriteStartObject();
        writer.WriteString("task_id", task.Id);
        writer.WriteString("status", GoApiNames.Status(state.Phase));
        writer.WriteNumber("process_time", Math.Round(state.ProcessSeconds(now), 3));

        writer.WriteStartObject("meta");
        writer.WriteString("task_type", GoApiNames.TaskType(task.Kind));
        writer.WriteString("origin_task_id", task.ParentId ?? "");
        writer.WriteString("process_mode", GoApiNames.Mode(task.Mode));
        writer.WriteNumber("created_at", task.CreatedAt.ToUnixTimeSeconds());
        writer.WriteNumber("started_at", state.StartedAt?.ToUnixTimeSeconds() ?? 0);
        writer.WriteNumber("ended_at", state.EndedAt?.ToUnixTimeSeconds() ?? 0);
        writer.WritePropertyName("task_request");
        task.Request.WriteTo(writer);
        writer.WriteEndObject();

        writer.WriteStartObject("task_result");
        writer.WriteString("image_url", imageUrl);
        WriteStrings(writer, "image_urls", imageUrls);
        writer.WriteString("discord_image_url", imageUrl);
        writer.WriteString("permanent_url", imageUrl);
        writer.WriteNumber("task_progress", state.Progress);
        WriteStrings(writer, "intermediate_image_urls", intermediate);
        writer.WriteString("image_id", hasPicture ? task.Seed.ToString("x16", CultureInfo.InvariantCulture) : "");
        writer.WriteString("seed", hasPicture ? PromptFlags.ReportedSeed(task) : "");
        writer.WriteString("message", message);
        WriteStrings(writer, "error_messages", failed ? [GoApiNames.FailureMessage(task)] : []);
        WriteStrings(writer, "actions", actions);
        writer.WriteNumber("quota_used", 0);
        writer.WriteEndObject();

        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
