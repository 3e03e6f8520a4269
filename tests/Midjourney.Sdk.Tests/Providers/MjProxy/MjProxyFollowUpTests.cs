using System.Net;
using Midjourney.Sdk.Tests.TestSupport;
using static Midjourney.Sdk.Tests.Providers.MjProxy.MjProxyTestData;

namespace Midjourney.Sdk.Tests.Providers.MjProxy;

/// <summary>
/// MJ-Proxy follow-ups press the parent's Discord buttons: the parent is fetched, the button is picked from its
/// <c>buttons</c> by customId, <c>/mj/submit/action</c> is posted, and Midjourney's dialog is confirmed when the relay opens one.
/// A <see cref="WireServer"/> answers each of the three paths with its own mapping, over real HTTP.
/// </summary>
public sealed class MjProxyFollowUpTests : IDisposable
{
    private const string Action = "/mj/submit/action";
    private const string Modal = "/mj/submit/modal";

    private static readonly byte[] Mask = [0x89, 0x50, 0x4E, 0x47, 9, 9];
    private static readonly string MaskDataUrl = "data:image/png;base64," + Convert.ToBase64String(Mask);

    private readonly WireServer _server = Server();

    public void Dispose() => _server.Dispose();

    private static string Fetch(string id) => $"/mj/task/{id}/fetch";

    /// <summary>
    /// The relay: the parent's fetch answers <paramref name="parent"/>, the press <paramref name="press"/>, the dialog's
    /// confirmation <paramref name="confirm"/>; a path not given is not mapped (a request to it would be unmatched).
    /// </summary>
    private void Relay(string parentId, string parent, string? press = null, string? confirm = null) =>
        Relay(_server, parentId, parent, press, confirm);

    private static void Relay(WireServer server, string parentId, string parent, string? press = null, string? confirm = null)
    {
        server.On(HttpMethod.Get, Fetch(parentId), Wire.Json(parent));
        if (press is not null)
        {
            server.On(HttpMethod.Post, Action, Wire.Json(press));
        }

        if (confirm is not null)
        {
            server.On(HttpMethod.Post, Modal, Wire.Json(confirm));
        }
    }

    /// <summary>What the server received, as paths under its base path, in the order of the calls.</summary>
    private string[] SentPaths() => _server.Requests.Select(r => r.Path[_server.BasePath.Length..]).ToArray();

    public static TheoryData<string, string, string> Presses => new()
    {
        { "U1", "grid", $"MJ::JOB::upsample::1::{Hash}" },
        { "U2", "grid", $"MJ::JOB::upsample::2::{Hash}" },
        { "U4", "grid", $"MJ::JOB::upsample::4::{Hash}" },
        { "V3", "grid", $"MJ::JOB::variation::3::{Hash}" },
        { "reroll", "grid", $"MJ::JOB::reroll::0::{Hash}::SOLO" },
        { "upscale subtle", "v7", $"MJ::JOB::upsample_v7_2x_subtle::1::{Hash}::SOLO" },
        { "upscale creative", "v6r1", $"MJ::JOB::upsample_v6r1_2x_creative::1::{Hash}::SOLO" },
        { "upscale 2x", "v5", $"MJ::JOB::upsample_v5_2x::1::{Hash}::SOLO" },
        { "upscale 4x", "v5", $"MJ::JOB::upsample_v5_4x::1::{Hash}::SOLO" },
        { "vary subtle", "v7", $"MJ::JOB::low_variation::1::{Hash}::SOLO" },
        { "vary strong", "v7", $"MJ::JOB::high_variation::1::{Hash}::SOLO" },
        { "pan left", "v7", $"MJ::JOB::pan_left::1::{Hash}::SOLO" },
        { "pan right", "v7", $"MJ::JOB::pan_right::1::{Hash}::SOLO" },
        { "pan up", "v7", $"MJ::JOB::pan_up::1::{Hash}::SOLO" },
        { "pan down", "v7", $"MJ::JOB::pan_down::1::{Hash}::SOLO" },
        { "zoom 2", "v7", $"MJ::Outpaint::50::1::{Hash}::SOLO" },
        { "zoom 1.5", "v7", $"MJ::Outpaint::75::1::{Hash}::SOLO" },
        { "zoom 1", "v7", $"MJ::Outpaint::100::1::{Hash}::SOLO" },
    };

    private static Task<MidjourneyTask> Run(IMidjourneyClient client, string operation, string parentId) => operation switch
    {
        "U1" => client.UpscaleAsync(new UpscaleRequest(parentId, 1)),
        "U2" => client.UpscaleAsync(new UpscaleRequest(parentId, 2)),
        "U4" => client.UpscaleAsync(new UpscaleRequest(parentId, 4)),
        "V3" => client.VariationAsync(new VariationRequest(parentId, 3)),
        "reroll" => client.RerollAsync(new RerollRequest(parentId)),
        "upscale subtle" => client.UpscaleAsync(new UpscaleRequest(parentId, 1) { Mode = UpscaleMode.Subtle }),
        "upscale creative" => client.UpscaleAsync(new UpscaleRequest(parentId, 1) { Mode = UpscaleMode.Creative }),
        "upscale 2x" => client.UpscaleAsync(new UpscaleRequest(parentId, 1) { Mode = UpscaleMode.TwoX }),
        "upscale 4x" => client.UpscaleAsync(new UpscaleRequest(parentId, 1) { Mode = UpscaleMode.FourX }),
        "vary subtle" => client.VariationAsync(new VariationRequest(parentId, 1) { Strength = VariationStrength.Subtle }),
        "vary strong" => client.VariationAsync(new VariationRequest(parentId, 1) { Strength = VariationStrength.Strong }),
        "pan left" => client.PanAsync(new PanRequest(parentId, PanDirection.Left)),
        "pan right" => client.PanAsync(new PanRequest(parentId, PanDirection.Right)),
        "pan up" => client.PanAsync(new PanRequest(parentId, PanDirection.Up)),
        "pan down" => client.PanAsync(new PanRequest(parentId, PanDirection.Down)),
        "zoom 2" => client.OutpaintAsync(new OutpaintRequest(parentId, 2)),
        "zoom 1.5" => client.OutpaintAsync(new OutpaintRequest(parentId, 1.5)),
        _ => client.OutpaintAsync(new OutpaintRequest(parentId, 1)),
    };

    [Theory]
    [MemberData(nameof(Presses))]
    public async Task FollowUp_FinishedParent_FetchesItThenPostsTheMatchingButton(string operation, string parent, string customId)
    {
        string parentId = parent == "grid" ? "grid-1" : "up-1";
        Relay(parentId, parent == "grid" ? Grid() : Image(upscaler: parent), press: Answer("child-1"));

        MidjourneyTask task = await Run(Client(_server), operation, parentId);

        Assert.Equal(2, _server.Requests.Count);
        Assert.Empty(_server.Unmatched);
        AssertRequest(_server, _server.Requests[0], HttpMethod.Get, Fetch(parentId));
        Assert.Null(_server.Requests[0].Body);
        AssertRequest(_server, _server.Requests[1], HttpMethod.Post, Action);
        AssertBody(_server.Requests[1], new { taskId = parentId, customId });
        Assert.Equal("child-1", task.Id);
        Assert.Equal(parentId, task.ParentTaskId);
        Assert.Equal(MidjourneyTaskStatus.Pending, task.Status);
        Assert.Equal(Answer("child-1"), task.RawJson);
    }

    [Theory]
    [InlineData("U2", MidjourneyAction.Upscale)]
    [InlineData("V3", MidjourneyAction.Variation)]
    [InlineData("reroll", MidjourneyAction.Reroll)]
    public async Task FollowUp_OnGrid_ReturnsTheOperationsAction(string operation, MidjourneyAction action)
    {
        Relay("grid-1", Grid(), press: Answer("child-1"));

        MidjourneyTask task = await Run(Client(_server), operation, "grid-1");

        Assert.Equal(action, task.Action);
    }

    [Fact]
    public async Task UpscaleAsync_WithLanePrefixesAndWebhook_PressesWithoutPrefixAndSendsNotifyHook()
    {
        Relay("grid-1", Grid(), press: Answer("child-1"));
        MidjourneyClient client = Client(_server, o => (o.MjProxy.FastPathPrefix, o.MjProxy.RelaxPathPrefix) = ("mj-fast", "mj-relax"));

        await client.UpscaleAsync(new UpscaleRequest("grid-1", 2) { WebhookUrl = new Uri("https://hooks.example/u") });

        Assert.Empty(_server.Unmatched);
        AssertRequest(_server, _server.Requests[0], HttpMethod.Get, Fetch("grid-1"));
        AssertRequest(_server, _server.Requests[1], HttpMethod.Post, Action);
        AssertBody(_server.Requests[1], new { taskId = "grid-1", customId = $"MJ::JOB::upsample::2::{Hash}", notifyHook = "https://hooks.example/u" });
    }

    [Fact]
    public async Task UpscaleAsync_AuthStyle_AppliesToEveryCallOfTheFollowUp()
    {
        // A server of its own whose mappings require mj-api-secret.
        using WireServer server = Server(MjProxyAuthHeader.ApiSecret);
        Relay(server, "grid-1", Grid(), press: Answer("child-1"));

        MidjourneyTask task = await Client(server, o => o.MjProxy.AuthHeader = MjProxyAuthHeader.ApiSecret).UpscaleAsync(new UpscaleRequest("grid-1", 1));

        Assert.Equal("child-1", task.Id);
        Assert.Equal(2, server.Requests.Count);
        Assert.Empty(server.Unmatched);
        Assert.All(server.Requests, r => Assert.Equal(ApiKey, r.Header("mj-api-secret")));
        Assert.All(server.Requests, r => Assert.Null(r.Header("Authorization")));
    }

    [Fact]
    public async Task OutpaintAsync_ApiSecretAuth_FetchPressAndDialogConfirmAllCarryIt()
    {
        using WireServer server = Server(MjProxyAuthHeader.ApiSecret);
        Relay(server, "up-1", Image(), press: Dialog("modal-1"), confirm: Answer("modal-1"));

        MidjourneyTask task = await Client(server, o => o.MjProxy.AuthHeader = MjProxyAuthHeader.ApiSecret).OutpaintAsync(new OutpaintRequest("up-1", 1.8));

        Assert.Equal("modal-1", task.Id);
        Assert.Equal(3, server.Requests.Count);
        Assert.Empty(server.Unmatched);
        Assert.Equal("/base" + Modal, server.Requests[2].Path);
        Assert.All(server.Requests, r => Assert.Equal(ApiKey, r.Header("mj-api-secret")));
        Assert.All(server.Requests, r => Assert.Null(r.Header("Authorization")));
    }

    // ---- the dialog (code 21, task in MODAL, /mj/submit/modal) ----

    [Fact]
    public async Task OutpaintAsync_CustomZoom_PressesCustomZoomThenConfirmsTheDialogWithZoomFlag()
    {
        Relay("up-1", Image(prompt: "a cat --v 7"), press: Dialog("modal-1"), confirm: Answer("modal-1"));

        MidjourneyTask task = await Client(_server).OutpaintAsync(new OutpaintRequest("up-1", 1.8) { WebhookUrl = new Uri("https://hooks.example/z") });

        Assert.Equal([Fetch("up-1"), Action, Modal], SentPaths());
        AssertRequest(_server, _server.Requests[1], HttpMethod.Post, Action);
        AssertBody(_server.Requests[1], new { taskId = "up-1", customId = $"MJ::CustomZoom::{Hash}", notifyHook = "https://hooks.example/z" });
        AssertRequest(_server, _server.Requests[2], HttpMethod.Post, Modal);
        AssertBody(_server.Requests[2], new { taskId = "modal-1", prompt = "a cat --v 7 --zoom 1.8", notifyHook = "https://hooks.example/z" });
        Assert.Equal("modal-1", task.Id);
        Assert.Equal(MidjourneyAction.Outpaint, task.Action);
        Assert.Equal(MidjourneyTaskStatus.Pending, task.Status);
        Assert.Equal("a cat --v 7 --zoom 1.8", task.Prompt);
        Assert.Equal("up-1", task.ParentTaskId);
    }

    [Theory]
    [InlineData("a cat --zoom 2 --ar 3:2", null, null, 1.8, "a cat --ar 3:2 --zoom 1.8")]
    [InlineData("a cat --ar 3:2", null, "16:9", 1.25, "a cat --zoom 1.25 --ar 16:9")]
    [InlineData("a cat", "a dog on a hill", null, 2, "a dog on a hill --zoom 2")]
    [InlineData("a cat --ar 3:2", "a dog", null, 1.5, "a dog --zoom 1.5")]
    [InlineData("a cat --ar 3:2", null, null, 1 + 1e-9, "a cat --ar 3:2 --zoom 1")]
    [InlineData("a cat --ar 3:2", "a dog", null, 1, "a dog --zoom 1 --ar 1:1")]
    [InlineData("a cat --aspect 3:2", null, "4:5", 1, "a cat --zoom 1 --ar 4:5")]
    public async Task OutpaintAsync_PromptOrAspectRatioOrCustomValue_GoesThroughCustomZoomsDialog(string parentPrompt, string? prompt, string? aspectRatio, double zoom, string dialogPrompt)
    {
        Relay("up-1", Image(prompt: parentPrompt), press: Dialog(), confirm: Answer("modal-1"));

        await Client(_server).OutpaintAsync(new OutpaintRequest("up-1", zoom) { Prompt = prompt, AspectRatio = aspectRatio });

        Assert.Equal([Fetch("up-1"), Action, Modal], SentPaths());
        AssertBody(_server.Requests[1], new { taskId = "up-1", customId = $"MJ::CustomZoom::{Hash}" });
        AssertBody(_server.Requests[2], new { taskId = "modal-1", prompt = dialogPrompt });
    }

    [Fact]
    public async Task InpaintAsync_MaskAndPrompt_PressesVaryRegionThenConfirmsWithMaskAndPrompt()
    {
        Relay("up-1", Image(), press: Dialog("modal-2"), confirm: Answer("modal-2"));

        MidjourneyTask task = await Client(_server).InpaintAsync(new InpaintRequest("up-1", MidjourneyImage.FromBytes(Mask, "image/png")) { Prompt = "a red hat" });

        Assert.Equal([Fetch("up-1"), Action, Modal], SentPaths());
        AssertBody(_server.Requests[1], new { taskId = "up-1", customId = $"MJ::Inpaint::1::{Hash}::SOLO" });
        AssertRequest(_server, _server.Requests[2], HttpMethod.Post, Modal);
        AssertBody(_server.Requests[2], new { taskId = "modal-2", prompt = "a red hat", maskBase64 = MaskDataUrl });
        Assert.Equal(MidjourneyAction.Inpaint, task.Action);
        Assert.Equal("modal-2", task.Id);
    }

    [Fact]
    public async Task InpaintAsync_NoPrompt_ConfirmsWithTheParentsPrompt()
    {
        Relay("up-1", Image(prompt: "a cat --v 7"), press: Dialog(), confirm: Answer("modal-1"));

        await Client(_server).InpaintAsync(new InpaintRequest("up-1", MidjourneyImage.FromDataUri(MaskDataUrl)));

        Assert.Equal([Fetch("up-1"), Action, Modal], SentPaths());
        AssertBody(_server.Requests[2], new { taskId = "modal-1", prompt = "a cat --v 7", maskBase64 = MaskDataUrl });
    }

    [Fact]
    public async Task InpaintAsync_NoPromptAnywhere_ReturnsTheTaskWaitingAsNeedsInput()
    {
        Relay("up-1", Image(prompt: ""), press: Dialog("modal-3"));

        MidjourneyTask task = await Client(_server).InpaintAsync(new InpaintRequest("up-1", MidjourneyImage.FromDataUri(MaskDataUrl)));

        Assert.Equal([Fetch("up-1"), Action], SentPaths());
        Assert.Empty(_server.Unmatched);
        Assert.Equal("modal-3", task.Id);
        Assert.Equal(MidjourneyTaskStatus.NeedsInput, task.Status);
        Assert.Equal(MidjourneyAction.Inpaint, task.Action);
        Assert.Equal(Dialog("modal-3"), task.RawJson);
    }

    [Fact]
    public async Task InpaintAsync_MaskUrl_ThrowsNotSupportedWithoutSending()
    {
        await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => Client(_server).InpaintAsync(
            new InpaintRequest("up-1", MidjourneyImage.FromUrl(new Uri("https://img.test/mask.png")))));

        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData("Waiting for window confirm", "{}")]
    [InlineData("Remix", """{"remix":true}""")]
    public async Task VariationAsync_RemixDialog_ConfirmsWithTheRequestsPrompt(string description, string properties)
    {
        Relay("grid-1", Grid(), press: Answer("modal-1", 21, description, properties), confirm: Answer("modal-1"));

        MidjourneyTask task = await Client(_server).VariationAsync(new VariationRequest("grid-1", 2) { Prompt = "a cat in blue" });

        Assert.Equal([Fetch("grid-1"), Action, Modal], SentPaths());
        AssertBody(_server.Requests[1], new { taskId = "grid-1", customId = $"MJ::JOB::variation::2::{Hash}" });
        AssertBody(_server.Requests[2], new { taskId = "modal-1", prompt = "a cat in blue" });
        Assert.Equal("a cat in blue", task.Prompt);
    }

    [Fact]
    public async Task RerollAsync_RemixDialogWithAspectRatio_ConfirmsTheParentsPromptWithTheNewRatio()
    {
        Relay("grid-1", Grid(prompt: "a cat --ar 1:1 --v 7"), press: Dialog(), confirm: Answer("modal-1"));

        await Client(_server).RerollAsync(new RerollRequest("grid-1") { AspectRatio = "2:3" });

        Assert.Equal([Fetch("grid-1"), Action, Modal], SentPaths());
        AssertBody(_server.Requests[2], new { taskId = "modal-1", prompt = "a cat --v 7 --ar 2:3" });
    }

    [Fact]
    public async Task PanAsync_RemixDialogWithoutPrompt_ConfirmsWithTheParentsPrompt()
    {
        Relay("up-1", Image(prompt: "a cat"), press: Dialog(), confirm: Answer("modal-1"));

        await Client(_server).PanAsync(new PanRequest("up-1", PanDirection.Up));

        Assert.Equal([Fetch("up-1"), Action, Modal], SentPaths());
        AssertBody(_server.Requests[2], new { taskId = "modal-1", prompt = "a cat" });
    }

    [Fact]
    public async Task UpscaleAsync_Code21WithoutDialog_IsTheExistingTaskAndNoModalIsSent()
    {
        Relay("grid-1", Grid(), press: Answer("child-old", 21, "Task already exists"));

        MidjourneyTask task = await Client(_server).UpscaleAsync(new UpscaleRequest("grid-1", 1));

        Assert.Equal([Fetch("grid-1"), Action], SentPaths());
        Assert.Empty(_server.Unmatched);
        Assert.Equal("child-old", task.Id);
        Assert.Equal(MidjourneyTaskStatus.Pending, task.Status);
    }

    [Fact]
    public async Task VariationAsync_PromptWithoutRemix_PressesTheButtonAndLogsThatThePromptWasNotUsed()
    {
        var logs = new ListLoggerProvider();
        Relay("grid-1", Grid(), press: Answer("child-1"));

        MidjourneyTask task = await Client(_server, logging: logs.CreateFactory()).VariationAsync(new VariationRequest("grid-1", 1) { Prompt = "a dog" });

        Assert.Equal([Fetch("grid-1"), Action], SentPaths());
        Assert.Empty(_server.Unmatched);
        Assert.Null(task.Prompt);
        Assert.Contains(logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.Contains("prompt was not used", StringComparison.Ordinal));
    }

    // ---- a parent that cannot take the press ----

    [Fact]
    public async Task UpscaleAsync_ParentInProgress_ThrowsInvalidRequestNamingTheStatusAndSendsNoAction()
    {
        Relay("grid-1", MjProxyTestData.Task("grid-1", "IMAGINE", "IN_PROGRESS", "a cat", "65%"));

        var ex = await Assert.ThrowsAsync<MidjourneyInvalidRequestException>(() => Client(_server).UpscaleAsync(new UpscaleRequest("grid-1", 1)));

        Assert.Contains("IN_PROGRESS (65%)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("grid-1", ex.Message, StringComparison.Ordinal);
        Assert.Equal(MidjourneyProvider.MjProxy, ex.Provider);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task VariationAsync_ParentFailed_ThrowsInvalidRequestWithTheFailReason()
    {
        Relay("grid-1", MjProxyTestData.Task("grid-1", "IMAGINE", "FAILURE", "a cat", "0%", failReason: "[Banned prompt] nope"));

        var ex = await Assert.ThrowsAsync<MidjourneyInvalidRequestException>(() => Client(_server).VariationAsync(new VariationRequest("grid-1", 1)));

        Assert.Contains("FAILURE ([Banned prompt] nope)", ex.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task PanAsync_ParentWaitingInModal_ThrowsSayingItHasNoImageYet()
    {
        Relay("modal-1", MjProxyTestData.Task("modal-1", "INPAINT", "MODAL", "", "0%"));

        var ex = await Assert.ThrowsAsync<MidjourneyInvalidRequestException>(() => Client(_server).PanAsync(new PanRequest("modal-1", PanDirection.Left)));

        Assert.Contains("is MODAL: it waits for Midjourney's dialog", ex.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task UpscaleAsync_GridButtonOnAnUpscaledImage_ThrowsListingTheButtonsItHas()
    {
        Relay("up-1", Image());

        var ex = await Assert.ThrowsAsync<MidjourneyInvalidRequestException>(() => Client(_server).UpscaleAsync(new UpscaleRequest("up-1", 2)));

        Assert.Contains("has no U2 button (MJ::JOB::upsample::2::{hash})", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Vary (Subtle), Vary (Strong), Vary (Region), Zoom Out 2x", ex.Message, StringComparison.Ordinal);
        Assert.Contains("single upscaled image", ex.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task OutpaintAsync_OnAGrid_ThrowsSayingToUpscaleFirst()
    {
        Relay("grid-1", Grid());

        var ex = await Assert.ThrowsAsync<MidjourneyInvalidRequestException>(() => Client(_server).OutpaintAsync(new OutpaintRequest("grid-1", 1.8)));

        Assert.Contains("has no Custom Zoom button", ex.Message, StringComparison.Ordinal);
        Assert.Contains("U1, U2, U3, U4", ex.Message, StringComparison.Ordinal);
        Assert.Contains("upscale one image of this grid first", ex.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task UpscaleAsync_TwoXOnAV7Image_ThrowsPointingToSubtleAndCreative()
    {
        Relay("up-1", Image(upscaler: "v7"));

        var ex = await Assert.ThrowsAsync<MidjourneyInvalidRequestException>(() => Client(_server).UpscaleAsync(new UpscaleRequest("up-1", 1) { Mode = UpscaleMode.TwoX }));

        Assert.Contains("Upscale (2x)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("UpscaleMode.Subtle", ex.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task UpscaleAsync_ParentWithoutButtons_ThrowsSayingItHasNone()
    {
        Relay("d-1", MjProxyTestData.Task("d-1", "DESCRIBE", "SUCCESS", "", "100%"));

        var ex = await Assert.ThrowsAsync<MidjourneyInvalidRequestException>(() => Client(_server).UpscaleAsync(new UpscaleRequest("d-1", 1)));

        Assert.Contains("Its buttons: none", ex.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task UpscaleAsync_UnknownParent_ThrowsNotFoundAndSendsNoAction()
    {
        _server.On(HttpMethod.Get, Fetch("gone-1"), Wire.Empty());
        _server.On(HttpMethod.Post, Action, Wire.Json(Answer("child-1")));

        var ex = await Assert.ThrowsAsync<MidjourneyNotFoundException>(() => Client(_server).UpscaleAsync(new UpscaleRequest("gone-1", 1)));

        Assert.Contains("gone-1", ex.Message, StringComparison.Ordinal);
        Assert.Equal([Fetch("gone-1")], SentPaths());
    }

    [Fact]
    public async Task UpscaleAsync_ActionAnswers404Code3_ThrowsNotFound()
    {
        // MJ-Proxy servers answer an unknown parent with 404 and code 3: a missing task, not a missing endpoint.
        Relay("grid-1", Grid());
        _server.On(HttpMethod.Post, Action, Wire.Error(HttpStatusCode.NotFound, """{"code":3,"description":"task does not exist or has expired","result":null}"""));

        var ex = await Assert.ThrowsAsync<MidjourneyNotFoundException>(() => Client(_server).UpscaleAsync(new UpscaleRequest("grid-1", 1)));

        Assert.Contains("task does not exist or has expired", ex.Message, StringComparison.Ordinal);
        Assert.Contains("POST " + _server.Url(Action), ex.Message, StringComparison.Ordinal);
        Assert.Equal(404, ex.StatusCode);
        Assert.NotEqual("ENDPOINT_NOT_FOUND", ex.ErrorCode);
        Assert.Equal([Fetch("grid-1"), Action], SentPaths());
    }

    [Fact]
    public async Task InpaintAsync_ModalAnswers404Code3_ThrowsNotFoundNotEndpointMissing()
    {
        // The confirmation names a task too (the one waiting in MODAL), so its 404 is that task gone.
        Relay("up-1", Image(), press: Dialog("modal-1"));
        _server.On(HttpMethod.Post, Modal, Wire.Error(HttpStatusCode.NotFound, """{"code":3,"description":"task does not exist or has expired","result":null}"""));

        var ex = await Assert.ThrowsAsync<MidjourneyNotFoundException>(
            () => Client(_server).InpaintAsync(new InpaintRequest("up-1", MidjourneyImage.FromBytes(Mask, "image/png")) { Prompt = "a hat" }));

        Assert.Contains("task does not exist or has expired", ex.Message, StringComparison.Ordinal);
        Assert.Contains("POST " + _server.Url(Modal), ex.Message, StringComparison.Ordinal);
        Assert.Equal(404, ex.StatusCode);
        Assert.NotEqual("ENDPOINT_NOT_FOUND", ex.ErrorCode);
        Assert.Equal([Fetch("up-1"), Action, Modal], SentPaths());
    }

    // ---- failures on the way: the fetch is a read, the press and the confirmation are billable submits ----

    [Fact]
    public async Task UpscaleAsync_ParentFetch500Then200_RetriesTheFetchAndPressesOnce()
    {
        _server.On(HttpMethod.Get, Fetch("grid-1"), Wire.Error(HttpStatusCode.InternalServerError, """{"message":"trouble"}"""), Wire.Json(Grid()));
        _server.On(HttpMethod.Post, Action, Wire.Json(Answer("child-1")));
        var time = new FakeTimeProvider { AutoAdvance = true };

        MidjourneyTask task = await Client(_server, o => o.Retry.MaxRetries = 2, time: time).UpscaleAsync(new UpscaleRequest("grid-1", 1));

        Assert.Equal("child-1", task.Id);
        Assert.Equal([Fetch("grid-1"), Fetch("grid-1"), Action], SentPaths());
        Assert.Single(time.RequestedDelays);
    }

    [Fact]
    public async Task UpscaleAsync_Action500_ThrowsSubmissionUncertainWithoutPressingAgain()
    {
        Relay("grid-1", Grid());
        _server.On(HttpMethod.Post, Action, Wire.Error(HttpStatusCode.InternalServerError, """{"message":"trouble"}"""), Wire.Json(Answer("child-1")));

        var ex = await Assert.ThrowsAsync<MidjourneySubmissionUncertainException>(
            () => Client(_server, o => o.Retry.MaxRetries = 3).UpscaleAsync(new UpscaleRequest("grid-1", 1)));

        Assert.Equal(500, ex.StatusCode);
        Assert.Contains("POST " + _server.Url(Action), ex.Message, StringComparison.Ordinal);
        Assert.Equal([Fetch("grid-1"), Action], SentPaths());
    }

    [Fact]
    public async Task OutpaintAsync_Modal503WithRetryAfterThen200_ConfirmsAgainAfterTheWait()
    {
        // A 503 with Retry-After says the relay did not take it: even a billable confirmation may be sent again.
        Relay("up-1", Image(), press: Dialog("modal-1"));
        _server.On(HttpMethod.Post, Modal, Wire.Error(HttpStatusCode.ServiceUnavailable, """{"message":"busy"}""", TimeSpan.FromSeconds(4)), Wire.Json(Answer("modal-1")));
        var time = new FakeTimeProvider { AutoAdvance = true };

        MidjourneyTask task = await Client(_server, o => o.Retry.MaxRetries = 2, time: time).OutpaintAsync(new OutpaintRequest("up-1", 1.8));

        Assert.Equal("modal-1", task.Id);
        Assert.Equal([Fetch("up-1"), Action, Modal, Modal], SentPaths());
        Assert.Equal(_server.Requests[2].Body, _server.Requests[3].Body);
        Assert.Equal([TimeSpan.FromSeconds(4)], time.RequestedDelays);
    }
}
