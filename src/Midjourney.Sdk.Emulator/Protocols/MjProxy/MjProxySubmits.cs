using System.Globalization;
using Midjourney.Sdk.Emulator.Callbacks;
using Midjourney.Sdk.Emulator.Tasks;

namespace Midjourney.Sdk.Emulator.Protocols.MjProxy;

/// <summary>
/// The MJ-Proxy submit endpoints: each checks its fields the way the open-source servers do (a refusal is a body-level
/// code with HTTP 200), then asks the neutral <see cref="TaskStore"/> for the task. Follow-ups press one of the
/// parent's buttons; Custom Zoom and Vary (Region) (and, with remix on, variations, reroll and pan) wait for the dialog.
/// </summary>
internal sealed class MjProxySubmits(TaskStore store, MjProxyDialogs dialogs)
{
    public MjProxyAccepted Imagine(MjProxyBody body, ProcessMode? lane)
    {
        var prompt = body.RequiredString("prompt").Trim();
        var callback = ReadCommonFields(body);
        CheckPrompt(prompt);
        foreach (var image in body.StringArray("base64Array") ?? [])
        {
            CheckDataUrl(image, "base64Array");
        }

        var botType = body.String("botType");
        if (botType is not (null or "" or "MID_JOURNEY" or "NIJI_JOURNEY"))
        {
            throw Invalid($"botType must be MID_JOURNEY or NIJI_JOURNEY, not \"{botType}\"");
        }

        var task = store.CreateImagine(prompt, Mode(lane, prompt), body.Root.Clone(), callback);
        return Accepted(task.Id, prompt);
    }

    public MjProxyAccepted Blend(MjProxyBody body, ProcessMode? lane)
    {
        var images = body.StringArray("base64Array") ?? [];
        var callback = ReadCommonFields(body);
        if (images.Count is < 2 or > 5)
        {
            throw Invalid($"base64Array must hold 2 to 5 images, not {images.Count}");
        }

        foreach (var image in images)
        {
            CheckDataUrl(image, "base64Array");
        }

        var dimensions = body.String("dimensions");
        if (string.IsNullOrEmpty(dimensions))
        {
            dimensions = "SQUARE";
        }
        else if (dimensions is not ("PORTRAIT" or "SQUARE" or "LANDSCAPE"))
        {
            throw Invalid($"dimensions must be PORTRAIT, SQUARE or LANDSCAPE, not \"{dimensions}\"");
        }

        var task = store.CreateBlend(images, dimensions.ToLowerInvariant(), Mode(lane, ""), body.Root.Clone(), callback);
        return Accepted(task.Id, "");
    }

    public MjProxyAccepted Describe(MjProxyBody body, ProcessMode? lane)
    {
        var base64 = body.String("base64");
        var link = body.String("link");
        var callback = ReadCommonFields(body);
        string image;
        if (!string.IsNullOrWhiteSpace(base64))
        {
            CheckDataUrl(base64, "base64");
            image = base64;
        }
        else if (!string.IsNullOrWhiteSpace(link))
        {
            if (!IsHttpUrl(link))
            {
                throw Invalid($"link must be an absolute http or https URL, not \"{link}\"");
            }

            image = link;
        }
        else
        {
            throw Invalid("base64 must not be empty");
        }

        var task = store.CreateDescribe(image, Mode(lane, ""), body.Root.Clone(), callback);
        return Accepted(task.Id, "");
    }

    public MjProxyAccepted Shorten(MjProxyBody body, ProcessMode? lane)
    {
        var prompt = body.RequiredString("prompt").Trim();
        var callback = ReadCommonFields(body);
        CheckPrompt(prompt);
        var task = store.CreateShorten(prompt, Mode(lane, prompt), body.Root.Clone(), callback);
        return Accepted(task.Id, prompt);
    }

    /// <summary>
    /// trueai-org's image-to-video: <c>prompt</c>, <c>image</c> (a URL or a data URL), <c>endImage</c>, <c>motion</c>
    /// <c>low</c>/<c>high</c>, <c>loop</c>, <c>batchSize</c> 1, 2 or 4 (default 4), <c>videoType</c>
    /// <c>vid_1.1_i2v_480</c>/<c>vid_1.1_i2v_720</c>. With <c>action: "extend"</c>, <c>taskId</c> (a finished video) and
    /// <c>index</c> (its clip, 0..3) it extends a video instead, and <c>image</c> may be left out; a <c>taskId</c> with any
    /// other action is refused, as trueai-org's servers refuse it.
    /// </summary>
    public MjProxyAccepted Video(MjProxyBody body, ProcessMode? lane)
    {
        var prompt = body.RequiredString("prompt").Trim();
        var callback = ReadCommonFields(body);
        CheckPrompt(prompt);
        var action = body.String("action");
        var extend = action == "extend";
        if (!extend && (!string.IsNullOrEmpty(action) || !string.IsNullOrWhiteSpace(body.String("taskId"))))
        {
            throw Invalid($"action must be \"extend\" to act on a video task (with taskId and index), or absent for a new video, not \"{action}\"");
        }

        var image = extend ? body.String("image") : body.RequiredString("image");
        if (!string.IsNullOrEmpty(image))
        {
            CheckImage(image, "image");
        }

        if (body.String("endImage") is { Length: > 0 } endImage)
        {
            CheckImage(endImage, "endImage");
        }

        var motion = body.String("motion");
        if (motion is not (null or "" or "low" or "high"))
        {
            throw Invalid($"motion must be low or high, not \"{motion}\"");
        }

        var videoType = body.String("videoType");
        if (videoType is not (null or "" or "vid_1.1_i2v_480" or "vid_1.1_i2v_720"))
        {
            throw Invalid($"videoType must be vid_1.1_i2v_480 or vid_1.1_i2v_720, not \"{videoType}\"");
        }

        _ = body.Boolean("loop");
        var clips = body.Integer("batchSize") ?? 4;
        if (clips is not (1 or 2 or 4))
        {
            throw Invalid($"batchSize must be 1, 2 or 4, not {clips}");
        }

        if (extend)
        {
            return Extend(body, prompt, callback);
        }

        var task = store.CreateVideo(prompt, image!, clips, Mode(lane, prompt), body.Root.Clone(), callback);
        return Accepted(task.Id, prompt);
    }

    /// <summary>Presses one of a finished task's buttons.</summary>
    public MjProxyAccepted Action(MjProxyBody body)
    {
        var parentId = body.RequiredString("taskId");
        var customId = body.RequiredString("customId");
        var callback = ReadCommonFields(body);
        var parent = FinishedParent(parentId, "only a finished task has buttons");
        var buttons = MjProxyNames.ButtonsOf(parent);
        if (!buttons.Any(button => button.CustomId == customId))
        {
            throw Invalid($"task {parentId} has no button \"{customId}\"; its buttons are: {string.Join(", ", buttons.Select(b => b.CustomId))}");
        }

        var press = MjProxyNames.Press(customId);
        if (press.AlwaysDialog || (press.RemixDialog && parent.Prompt.Contains(MjProxyNames.RemixMarker, StringComparison.OrdinalIgnoreCase)))
        {
            var dialog = dialogs.Open(parent, press, body.Root.Clone(), callback);
            return new MjProxyAccepted(MjProxyNames.Existed, "Waiting for window confirm", dialog.Id) { DialogPrompt = parent.Prompt };
        }

        var task = store.CreateFollowUp(parent, press.FollowUp, prompt: null, body.Root.Clone(), callback: callback);
        return Accepted(task.Id, "");
    }

    /// <summary>Confirms a dialog: Custom Zoom's prompt carries <c>--zoom</c>, Vary (Region) adds its mask.</summary>
    public MjProxyAccepted Modal(MjProxyBody body)
    {
        var taskId = body.RequiredString("taskId");
        var prompt = body.String("prompt")?.Trim();
        var mask = body.String("maskBase64");
        var callback = ReadCommonFields(body);
        if (!dialogs.TryGet(taskId, out var dialog))
        {
            throw store.TryGet(taskId, out _)
                ? (Exception)Invalid($"task {taskId} is not waiting for a dialog")
                : new RequestRejectedException(404, $"task {taskId} does not exist or has expired");
        }

        if (string.IsNullOrEmpty(prompt))
        {
            throw Invalid("prompt must not be empty");
        }

        CheckPrompt(prompt);
        var followUp = dialog.Press.FollowUp;
        if (followUp.Kind == FollowUpKind.Inpaint)
        {
            if (string.IsNullOrWhiteSpace(mask))
            {
                throw Invalid("maskBase64 must not be empty for Vary (Region)");
            }

            CheckDataUrl(mask, "maskBase64");
        }
        else if (followUp.Kind == FollowUpKind.Outpaint)
        {
            followUp = followUp with { Detail = CustomZoom(prompt) };
        }

        // The dialog's own notifyHook wins; without one, the hook given when the button was pressed.
        if (!dialogs.TryConfirm(taskId, open => store.CreateFollowUp(open.Parent, followUp, prompt, open.Request, open.Id, callback ?? open.Callback), out var task))
        {
            throw Invalid($"task {taskId} was confirmed already");
        }

        return Accepted(task.Id, prompt);
    }

    /// <summary>
    /// Extends clip <c>index</c> (0..3) of the finished video <c>taskId</c> into a new video task: an unknown parent is
    /// HTTP 404 (code 3), one that has not succeeded, is not a video or has no such clip is code 4.
    /// </summary>
    private MjProxyAccepted Extend(MjProxyBody body, string prompt, CallbackTarget? callback)
    {
        var parentId = body.RequiredString("taskId");
        var index = body.Integer("index") ?? throw Invalid("index must be given to extend a video: the clip, 0..3");
        var parent = FinishedParent(parentId, "only a finished video can be extended");
        var followUp = new FollowUp(FollowUpKind.VideoExtend, index + 1);
        if (parent.Output != followUp.RequiredParentOutput)
        {
            throw Invalid($"task {parentId} is {MjProxyNames.Action(parent.Kind)}, not VIDEO: only a video can be extended");
        }

        if (index < 0 || index >= parent.VideoCount)
        {
            throw Invalid($"index {index} is not a clip of task {parentId}: it has {parent.VideoCount}, 0..{parent.VideoCount - 1}");
        }

        var task = store.CreateFollowUp(parent, followUp, prompt, body.Root.Clone(), callback: callback);
        return Accepted(task.Id, prompt);
    }

    /// <summary>The parent of a follow-up: unknown is HTTP 404 (code 3), as the servers answer; one that has not succeeded is code 4.</summary>
    private EmulatedTask FinishedParent(string parentId, string why)
    {
        if (!store.TryGet(parentId, out var parent))
        {
            throw dialogs.TryGet(parentId, out _)
                ? (Exception)Invalid($"task {parentId} is in status MODAL, not SUCCESS: confirm it with /mj/submit/modal first")
                : new RequestRejectedException(404, $"task {parentId} does not exist or has expired");
        }

        var phase = store.StateOf(parent).Phase;
        if (phase != TaskPhase.Succeeded)
        {
            throw Invalid($"task {parentId} is in status {MjProxyNames.Status(phase)}, not SUCCESS: {why}");
        }

        return parent;
    }

    /// <summary>Code 1, or 22 when the prompt asks to be queued.</summary>
    private static MjProxyAccepted Accepted(string taskId, string prompt)
        => prompt.Contains(MjProxyNames.QueueMarker, StringComparison.OrdinalIgnoreCase)
            ? new MjProxyAccepted(MjProxyNames.InQueue, "In queue, there are 1 tasks ahead", taskId) { NumberOfQueues = 1 }
            : new MjProxyAccepted(MjProxyNames.Success, "Submit success", taskId);

    /// <summary>The lane's speed; without a lane, the prompt's own flag; else fast, Midjourney's default.</summary>
    private static ProcessMode Mode(ProcessMode? lane, string prompt) => lane ?? PromptFlags.Speed(prompt) ?? ProcessMode.Fast;

    private static void CheckPrompt(string prompt)
    {
        if (MjProxyNames.BannedWordIn(prompt) is { } word)
        {
            throw new MjProxyCodeException(MjProxyNames.BannedPrompt, "May contains sensitive words", word);
        }

        if (prompt.Contains(MjProxyNames.QueueFullMarker, StringComparison.OrdinalIgnoreCase))
        {
            throw new MjProxyCodeException(MjProxyNames.QueueRejected, "The queue is full, please try again later");
        }
    }

    /// <summary>Custom Zoom's <c>--zoom</c>: a number from 1 to 2, as Midjourney's dialog takes it.</summary>
    private static string CustomZoom(string prompt)
    {
        var tokens = prompt.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var at = Array.FindLastIndex(tokens, token => token.Equals("--zoom", StringComparison.OrdinalIgnoreCase));
        var value = at >= 0 && at + 1 < tokens.Length ? tokens[at + 1] : null;
        if (value is null
            || !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var zoom)
            || zoom is < 1 or > 2)
        {
            throw Invalid($"Custom Zoom's prompt must carry --zoom with a value from 1 to 2, such as \"a cat --zoom 1.8\", not \"{prompt}\"");
        }

        return value;
    }

    /// <summary>Fields every submit may carry: <c>state</c> (echoed on the task) and <c>notifyHook</c>, the URL the task will call.</summary>
    private static CallbackTarget? ReadCommonFields(MjProxyBody body)
    {
        _ = body.String("state");
        var hook = body.String("notifyHook");
        if (!CallbackTarget.TryParseUrl(hook, out var url))
        {
            throw Invalid($"notifyHook must be an absolute http or https URL, not \"{hook}\"");
        }

        return url is null ? null : new CallbackTarget(CallbackProtocol.MjProxy, url);
    }

    /// <summary>A video's image: an http(s) URL or a data URL.</summary>
    private static void CheckImage(string value, string field)
    {
        if (!IsHttpUrl(value))
        {
            CheckDataUrl(value, field);
        }
    }

    /// <summary>Images travel as data URLs (<c>data:image/png;base64,...</c>) whose payload must decode.</summary>
    private static void CheckDataUrl(string value, string field)
    {
        var data = value.AsSpan().Trim();
        var comma = data.IndexOf(',');
        if (!data.StartsWith("data:image/", StringComparison.OrdinalIgnoreCase) || comma < 0 || !data[..comma].EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid($"{field} must hold base64 data URLs such as data:image/png;base64,...");
        }

        var payload = data[(comma + 1)..];
        var buffer = new byte[(payload.Length / 4 * 3) + 3];
        if (!Convert.TryFromBase64Chars(payload, buffer, out var written) || written == 0)
        {
            throw Invalid($"{field} holds a data URL that is not valid base64");
        }
    }

    private static MjProxyCodeException Invalid(string message) => new(MjProxyNames.ValidationError, message);

    private static bool IsHttpUrl(string value)
        => Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
