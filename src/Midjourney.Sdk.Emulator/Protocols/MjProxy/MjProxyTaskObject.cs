using System.Globalization;
using System.Text.Json;
using Midjourney.Sdk.Emulator.Images;
using Midjourney.Sdk.Emulator.Tasks;

namespace Midjourney.Sdk.Emulator.Protocols.MjProxy;

/// <summary>Writes the task object <c>/mj/task/{id}/fetch</c> returns (and <c>list-by-condition</c> lists), field for field.</summary>
internal static class MjProxyTaskObject
{
    public static void Write(Utf8JsonWriter writer, EmulatedTask task, TaskState state, Uri baseUrl)
    {
        var succeeded = state.Phase == TaskPhase.Succeeded;
        var imageUrl = "";
        IReadOnlyList<string> imageUrls = [];
        if (succeeded && task.Output == TaskOutput.Grid)
        {
            imageUrl = ImageLinks.Grid(baseUrl, task.Id);
            imageUrls = [.. Enumerable.Range(1, 4).Select(i => ImageLinks.Split(baseUrl, task.Id, i))];
        }
        else if (succeeded && task.Output == TaskOutput.Image)
        {
            imageUrl = ImageLinks.Image(baseUrl, task.Id);
        }

        writer.WriteStartObject();
        writer.WriteString("id", task.Id);
        writer.WriteString("action", MjProxyNames.Action(task.Kind));
        writer.WriteString("botType", BotType(task.Request));
        writer.WriteString("prompt", task.Prompt);
        writer.WriteString("promptEn", task.Prompt);
        writer.WriteString("description", Description(task));
        WriteOptionalString(writer, "state", task.Request, "state");
        writer.WriteNumber("submitTime", task.CreatedAt.ToUnixTimeMilliseconds());
        writer.WriteNumber("startTime", state.StartedAt?.ToUnixTimeMilliseconds() ?? 0);
        writer.WriteNumber("finishTime", state.EndedAt?.ToUnixTimeMilliseconds() ?? 0);
        writer.WriteString("imageUrl", imageUrl);

        // The newer servers' shape: objects with a url (older ones send plain strings).
        writer.WriteStartArray("imageUrls");
        foreach (var url in imageUrls)
        {
            writer.WriteStartObject();
            writer.WriteString("url", url);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (task.Output == TaskOutput.Video)
        {
            WriteVideos(writer, task, succeeded, baseUrl);
        }

        writer.WriteString("status", state.Canceled ? "CANCEL" : MjProxyNames.Status(state.Phase));
        writer.WriteString("progress", string.Create(CultureInfo.InvariantCulture, $"{state.Progress}%"));
        writer.WriteString("failReason", state.Canceled ? "Canceled" : state.Phase == TaskPhase.Failed ? MjProxyNames.FailReason(task) : "");
        if (task.ParentId is { } parentId)
        {
            writer.WriteString("parentId", parentId);
        }
        else
        {
            writer.WriteNull("parentId");
        }

        // trueai-org's servers report the image seed on the task once it is known: after someone asked image-seed for it.
        if (succeeded && state.SeedLookedUp && task.Output is TaskOutput.Grid or TaskOutput.Image)
        {
            writer.WriteString("seed", PromptFlags.ReportedSeed(task));
        }

        writer.WriteStartObject("properties");
        writer.WriteString("finalPrompt", FinalPrompt(task, succeeded));
        if (task.Output != TaskOutput.Text)
        {
            writer.WriteString("messageHash", MjProxyNames.JobHash(task));
        }

        writer.WriteEndObject();
        WriteButtons(writer, succeeded ? MjProxyNames.ButtonsOf(task) : []);
        writer.WriteEndObject();
    }

    /// <summary>A pressed Custom Zoom or Vary (Region) waiting for its dialog: status MODAL, nothing started.</summary>
    public static void Write(Utf8JsonWriter writer, MjProxyDialog dialog)
    {
        var kind = dialog.Press.FollowUp.ResultKind;
        writer.WriteStartObject();
        writer.WriteString("id", dialog.Id);
        writer.WriteString("action", MjProxyNames.Action(kind));
        writer.WriteString("botType", "MID_JOURNEY");
        writer.WriteString("prompt", kind == TaskKind.Inpaint ? "" : dialog.Parent.Prompt);
        writer.WriteString("promptEn", kind == TaskKind.Inpaint ? "" : dialog.Parent.Prompt);
        writer.WriteString("description", "Waiting for window confirm");
        WriteOptionalString(writer, "state", dialog.Request, "state");
        writer.WriteNumber("submitTime", dialog.CreatedAt.ToUnixTimeMilliseconds());
        writer.WriteNumber("startTime", 0);
        writer.WriteNumber("finishTime", 0);
        writer.WriteString("imageUrl", "");
        writer.WriteStartArray("imageUrls");
        writer.WriteEndArray();
        writer.WriteString("status", "MODAL");
        writer.WriteString("progress", "0%");
        writer.WriteString("failReason", "");
        writer.WriteString("parentId", dialog.Parent.Id);
        writer.WriteStartObject("properties");
        writer.WriteString("finalPrompt", dialog.Parent.Prompt);
        writer.WriteBoolean("remix", true);
        writer.WriteEndObject();
        WriteButtons(writer, []);
        writer.WriteEndObject();
    }

    /// <summary>trueai-org's video fields: <c>videoUrl</c> (the first clip), <c>videoUrls</c> (<c>[{url, thumbnail}]</c>), <c>videoDuration</c>.</summary>
    private static void WriteVideos(Utf8JsonWriter writer, EmulatedTask task, bool succeeded, Uri baseUrl)
    {
        var clips = succeeded ? task.VideoCount : 0;
        writer.WriteString("videoUrl", clips > 0 ? ImageLinks.Video(baseUrl, task.Id, 1) : "");
        writer.WriteStartArray("videoUrls");
        for (var clip = 1; clip <= clips; clip++)
        {
            writer.WriteStartObject();
            writer.WriteString("url", ImageLinks.Video(baseUrl, task.Id, clip));
            writer.WriteString("thumbnail", ImageLinks.VideoThumbnail(baseUrl, task.Id, clip));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteNumber("videoDuration", 5);
    }

    /// <summary>Describe's keycap-numbered prompts, shorten's analysis, else the prompt Midjourney ran.</summary>
    private static string FinalPrompt(EmulatedTask task, bool succeeded) => task.Kind switch
    {
        TaskKind.Describe => succeeded ? DescribePrompts.Numbered(task.DescribedPrompts) : "",
        TaskKind.Shorten => succeeded ? ShortenAnalysis(task) : "",
        _ => task.Prompt,
    };

    /// <summary>The layout of Midjourney's /shorten answer: the important tokens, then numbered shorter prompts.</summary>
    private static string ShortenAnalysis(EmulatedTask task)
        => "**IMPORTANT TOKENS**\n"
            + string.Join(" ", ShortenPrompts.ImportantWords(task.Prompt).Select(word => $"**{word}**"))
            + "\n\n**SHORTENED OPTIONS**\n"
            + string.Join("\n", task.DescribedPrompts.Select((prompt, i) => string.Create(CultureInfo.InvariantCulture, $"{i + 1}\uFE0F\u20E3 {prompt}")));

    private static string Description(EmulatedTask task)
    {
        if (task.Kind == TaskKind.Video)
        {
            return task.ParentId is null ? "/video" : "/video extend";
        }

        if (task.ParentId is { } parentId)
        {
            var customId = task.Request.TryGetProperty("customId", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : "";
            return $"/up {parentId} {customId}";
        }

        return task.Kind switch
        {
            TaskKind.Imagine => $"/imagine {task.Prompt}",
            TaskKind.Shorten => $"/shorten {task.Prompt}",
            TaskKind.Describe => "/describe",
            _ => "/blend",
        };
    }

    private static string BotType(JsonElement request)
        => request.ValueKind == JsonValueKind.Object && request.TryGetProperty("botType", out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : "MID_JOURNEY";

    private static void WriteOptionalString(Utf8JsonWriter writer, string name, JsonElement request, string property)
    {
        if (request.ValueKind == JsonValueKind.Object && request.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String)
        {
            writer.WriteString(name, value.GetString());
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteButtons(Utf8JsonWriter writer, IReadOnlyList<MjProxyButton> buttons)
    {
        writer.WriteStartArray("buttons");
        foreach (var button in buttons)
        {
            writer.WriteStartObject();
            writer.WriteString("customId", button.CustomId);
            writer.WriteString("emoji", button.Emoji);
            writer.WriteString("label", button.Label);
            writer.WriteNumber("type", 2);
            writer.WriteNumber("style", 2);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
