using System.Text.Json;
using System.Text.Json.Serialization;
using Midjourney.Sdk.Http;
using Midjourney.Sdk.Providers.Json;

namespace Midjourney.Sdk.Providers.MjProxy;

// The MJ-Proxy wire shapes (PROTOCOLS.md section 2). camelCase comes from MjProxyJsonContext's naming policy.

/// <summary>The fields every MJ-Proxy submit takes.</summary>
internal abstract class MjProxySubmitBody
{
    /// <summary>The callback URL the relay posts the task object to on every change (unsigned).</summary>
    public string? NotifyHook { get; set; }
}

internal sealed class MjProxyImagineBody : MjProxySubmitBody
{
    public required string Prompt { get; set; }

    /// <summary>Reference images as data URLs (<c>data:image/png;base64,...</c>).</summary>
    public IReadOnlyList<string>? Base64Array { get; set; }

    /// <summary><c>MID_JOURNEY</c> or <c>NIJI_JOURNEY</c>.</summary>
    public string? BotType { get; set; }
}

internal sealed class MjProxyBlendBody : MjProxySubmitBody
{
    /// <summary>Two to five data URLs.</summary>
    public required IReadOnlyList<string> Base64Array { get; set; }

    /// <summary><c>PORTRAIT</c>, <c>SQUARE</c> or <c>LANDSCAPE</c>.</summary>
    public required string Dimensions { get; set; }
}

internal sealed class MjProxyDescribeBody : MjProxySubmitBody
{
    /// <summary>The image as a data URL.</summary>
    public string? Base64 { get; set; }

    /// <summary>The image as a URL, which only some servers accept.</summary>
    public string? Link { get; set; }
}

/// <summary>trueai-org's image-to-video (<c>/mj/submit/video</c>), and its extend of a finished video (<c>action: "extend"</c>).</summary>
internal sealed class MjProxyVideoBody : MjProxySubmitBody
{
    public required string Prompt { get; set; }

    /// <summary><c>low</c> (the server's default) or <c>high</c>.</summary>
    public string? Motion { get; set; }

    /// <summary>The start frame: a URL or a data URL; null (omitted) when extending.</summary>
    public string? Image { get; set; }

    /// <summary>The last frame: a URL or a data URL.</summary>
    public string? EndImage { get; set; }

    public bool? Loop { get; set; }

    /// <summary>1, 2 or 4 (the server's default).</summary>
    public int? BatchSize { get; set; }

    /// <summary><c>vid_1.1_i2v_480</c> or <c>vid_1.1_i2v_720</c>; null (the server's default, 480) when extending.</summary>
    public string? VideoType { get; set; }

    /// <summary><c>extend</c>, with <see cref="TaskId"/> and <see cref="Index"/>; null for a new video.</summary>
    public string? Action { get; set; }

    /// <summary>The video task to extend.</summary>
    public string? TaskId { get; set; }

    /// <summary>The clip of <see cref="TaskId"/> to extend, 0..3 (0-based on the wire).</summary>
    public int? Index { get; set; }
}

internal sealed class MjProxyShortenBody : MjProxySubmitBody
{
    public required string Prompt { get; set; }
}

/// <summary>A press of one of the parent task's buttons.</summary>
internal sealed class MjProxyActionBody : MjProxySubmitBody
{
    public required string TaskId { get; set; }

    public required string CustomId { get; set; }
}

/// <summary>The confirmation of a task waiting in <c>MODAL</c> (custom zoom, vary region, remix).</summary>
internal sealed class MjProxyModalBody : MjProxySubmitBody
{
    public required string TaskId { get; set; }

    public string? Prompt { get; set; }

    /// <summary>The vary-region mask as a data URL.</summary>
    public string? MaskBase64 { get; set; }
}

internal sealed class MjProxyListByConditionBody
{
    public required IReadOnlyList<string> Ids { get; set; }
}

/// <summary>
/// Every submit's answer: <c>{"code": 1, "description": "...", "result": "id", "properties": {}}</c>, usually with HTTP 200;
/// a refusal code that arrives with an error status decides where it says more than the status (see <see cref="MjProxyCodes.FromErrorStatus"/>).
/// </summary>
internal sealed class MjProxySubmitResponse : IHttpErrorEnvelope
{
    public int? Code { get; set; }

    public string? Description { get; set; }

    /// <summary>The task id, as a string or (on some servers) a number.</summary>
    public JsonElement? Result { get; set; }

    public MjProxySubmitProperties? Properties { get; set; }

    [JsonIgnore]
    public string? TaskId => WireValues.Text(Result);

    public MidjourneyException? GetHttpError(ApiErrorContext context) =>
        Code is int code ? MjProxyCodes.FromErrorStatus(context, code, Description, WireValues.Text(Properties?.BannedWord)) : null;

    public MidjourneyException? GetError(ApiErrorContext context)
    {
        if (Code is not int code)
        {
            return new MidjourneyProtocolException($"{context.Provider} answered {context.Call} without a code.") { Provider = context.Provider, StatusCode = context.HttpStatusCode };
        }

        if (!MjProxyCodes.IsAccepted(code))
        {
            return MjProxyCodes.ToException(context, code, Description, WireValues.Text(Properties?.BannedWord));
        }

        return string.IsNullOrWhiteSpace(TaskId)
            ? new MidjourneyProtocolException($"{context.Provider} accepted {context.Call} (code {code}) but sent no task id in result.") { Provider = context.Provider, StatusCode = context.HttpStatusCode }
            : null;
    }
}

internal sealed class MjProxySubmitProperties
{
    /// <summary>Code 24: the word the relay refused (a string; read leniently).</summary>
    public JsonElement? BannedWord { get; set; }

    /// <summary>Code 22: how many tasks are ahead.</summary>
    public JsonElement? NumberOfQueues { get; set; }

    /// <summary>Code 21: true when the new task waits for <c>/mj/submit/modal</c>.</summary>
    public JsonElement? Remix { get; set; }
}

/// <summary>The task object: the fetch answer, a list-by-condition item and the <c>notifyHook</c> body.</summary>
internal sealed class MjProxyTask : IHttpErrorEnvelope
{
    [JsonPropertyName("id")]
    public JsonElement? IdValue { get; set; }

    public string? Action { get; set; }

    public string? Status { get; set; }

    public string? Prompt { get; set; }

    public string? PromptEn { get; set; }

    public string? Description { get; set; }

    public JsonElement? SubmitTime { get; set; }

    public JsonElement? StartTime { get; set; }

    public JsonElement? FinishTime { get; set; }

    public string? ImageUrl { get; set; }

    /// <summary>Strings, or <c>{url, thumbnail}</c> objects on some servers.</summary>
    public JsonElement? ImageUrls { get; set; }

    /// <summary>A string such as <c>"65%"</c>.</summary>
    public JsonElement? Progress { get; set; }

    public string? FailReason { get; set; }

    /// <summary>An open bag; <c>finalPrompt</c> holds describe's prompts and shorten's analysis.</summary>
    public JsonElement? Properties { get; set; }

    public IReadOnlyList<MjProxyButton?>? Buttons { get; set; }

    /// <summary>A video task's first clip (trueai-org).</summary>
    public string? VideoUrl { get; set; }

    /// <summary>A video task's clips: <c>{url, thumbnail}</c> objects, or strings.</summary>
    public JsonElement? VideoUrls { get; set; }

    [JsonPropertyName("parentId")]
    public JsonElement? ParentIdValue { get; set; }

    /// <summary>The image seed (trueai-org servers, once known): a string, or a number on some servers.</summary>
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Seed { get; set; }

    /// <summary>Present when a server answers a fetch with a submit-style error body instead of a task.</summary>
    public int? Code { get; set; }

    [JsonIgnore]
    public string? Id => WireValues.Text(IdValue);

    [JsonIgnore]
    public string? ParentId => WireValues.Text(ParentIdValue);

    /// <summary>A fetch answered with an error status and a submit-style code body: the code decides.</summary>
    public MidjourneyException? GetHttpError(ApiErrorContext context) =>
        Code is int code ? MjProxyCodes.FromErrorStatus(context, code, Description, bannedWord: null) : null;

    public MidjourneyException? GetError(ApiErrorContext context)
    {
        if (!string.IsNullOrWhiteSpace(Id))
        {
            return null;
        }

        return Code is int code && !MjProxyCodes.IsAccepted(code)
            ? MjProxyCodes.ToException(context, code, Description, bannedWord: null)
            : new MidjourneyProtocolException($"{context.Provider} answered {context.Call} with a task without an id.") { Provider = context.Provider, StatusCode = context.HttpStatusCode };
    }
}

/// <summary>One Discord button under a finished task.</summary>
internal sealed class MjProxyButton
{
    public string? CustomId { get; set; }

    public string? Label { get; set; }

    public string? Emoji { get; set; }
}

/// <summary>
/// The answer of a call that returns no task id (<c>/mj/task/{id}/cancel</c>): <c>{code, description, result}</c>,
/// code 1 for success, any other code the error it names.
/// </summary>
internal sealed class MjProxyResultResponse : IHttpErrorEnvelope
{
    public int? Code { get; set; }

    public string? Description { get; set; }

    public MidjourneyException? GetHttpError(ApiErrorContext context) =>
        Code is int code ? MjProxyCodes.FromErrorStatus(context, code, Description, bannedWord: null) : null;

    public MidjourneyException? GetError(ApiErrorContext context) => Code switch
    {
        null => new MidjourneyProtocolException($"{context.Provider} answered {context.Call} without a code.") { Provider = context.Provider, StatusCode = context.HttpStatusCode },
        MjProxyCodes.Success => null,
        int code => MjProxyCodes.ToException(context, code, Description, bannedWord: null),
    };
}

/// <summary>
/// The answer of trueai-org's <c>GET /mj/task/{id}/image-seed</c>, the submit envelope <c>{code, description, result}</c>:
/// code 1 with the seed in <c>result</c> (text); code 3 with HTTP 200 when the server asked Discord and found none (or had
/// no account to ask); code 9 Discord's error. An unknown task is HTTP 404 with code 3, and a task without its Discord
/// message yet (unfinished) HTTP 400 with code 4: both arrive as errors, read by the provider.
/// </summary>
internal sealed class MjProxySeedResponse : IHttpErrorEnvelope
{
    public int? Code { get; set; }

    public string? Description { get; set; }

    /// <summary>The seed, as a string or (on some servers) a number.</summary>
    public JsonElement? Result { get; set; }

    /// <summary>The seed when the code is 1; null when the server has none.</summary>
    [JsonIgnore]
    public string? Seed => Code == MjProxyCodes.Success && WireValues.Text(Result) is { } seed && !string.IsNullOrWhiteSpace(seed) ? seed.Trim() : null;

    public MidjourneyException? GetHttpError(ApiErrorContext context) =>
        Code is int code ? MjProxyCodes.FromErrorStatus(context, code, Description, bannedWord: null) : null;

    public MidjourneyException? GetError(ApiErrorContext context) => Code switch
    {
        null => new MidjourneyProtocolException($"{context.Provider} answered {context.Call} without a code.") { Provider = context.Provider, StatusCode = context.HttpStatusCode },
        MjProxyCodes.Success or MjProxyCodes.NotFound or MjProxyCodes.ValidationError => null,
        int code => MjProxyCodes.ToException(context, code, Description, bannedWord: null),
    };
}
