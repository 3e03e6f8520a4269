using Midjourney.Sdk.Tests.TestSupport;
using static Midjourney.Sdk.Tests.Providers.MjProxy.MjProxyTestData;

namespace Midjourney.Sdk.Tests.Providers.MjProxy;

/// <summary>
/// MJ-Proxy follow-ups press the parent's Discord buttons: the parent is fetched, the button is picked from its
/// <c>buttons</c> by customId, <c>/mj/submit/action</c> is posted, and Midjourney's dialog is confirmed when the relay opens one.
/// </summary>
public sealed class MjProxyFollowUpTests
{
    private static readonly byte[] Mask = [0x89, 0x50, 0x4E, 0x47, 9, 9];
    private static readonly string MaskDataUrl = "data:image/png;base64," + Convert.ToBase64String(Mask);

    private readonly RecordingHandler _handler = new();

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
        _handler.RespondJson(parent == "grid" ? Grid() : Image(upscaler: parent)).RespondJson(Answer("child-1"));

        MidjourneyTask task = await Run(Client(_handler), operation, parentId);

        Assert.Equal(2, _handler.Requests.Count);
        AssertRequest(_handler.Requests[0], HttpMethod.Get, $"/mj/task/{parentId}/fetch");
        AssertRequest(_handler.Requests[1], HttpMethod.Post, "/mj/submit/action");
        AssertBody(_handler.Requests[1], new { taskId = parentId, customId });
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
        _handler.RespondJson(Grid()).RespondJson(Answer("child-1"));

        MidjourneyTask task = await Run(Client(_handler), operation, "grid-1");

        Assert.Equal(action, task.Action);
    }

    [Fact]
    public async Task UpscaleAsync_WithLanePrefixesAndWebhook_PressesWithoutPrefixAndSendsNotifyHook()
    {
        _handler.RespondJson(Grid()).RespondJson(Answer("child-1"));
        MidjourneyClient client = Client(_handler, o => (o.MjProxy.FastPathPrefix, o.MjProxy.RelaxPathPrefix) = ("mj-fast", "mj-relax"));

        await client.UpscaleAsync(new UpscaleRequest("grid-1", 2) { WebhookUrl = new Uri("https://hooks.example/u") });

        AssertRequest(_handler.Requests[0], HttpMethod.Get, "/mj/task/grid-1/fetch");
        AssertRequest(_handler.Requests[1], HttpMethod.Post, "/mj/submit/action");
        AssertBody(_handler.Requests[1], new { taskId = "grid-1", customId = $"MJ::JOB::upsample::2::{Hash}", notifyHook = "https://hooks.example/u" });
    }

    [Fact]
    public async Task UpscaleAsync_AuthStyle_AppliesToEveryCallOfTheFollowUp()
    {
        _handler.RespondJson(Grid()).RespondJson(Answer("child-1"));

        await Client(_handler, o => o.MjProxy.AuthHeader = MjProxyAuthHeader.ApiSecret).UpscaleAsync(new UpscaleRequest("grid-1", 1));

        Assert.All(_handler.Requests, r => Assert.Equal(ApiKey, r.Header("mj-api-secret")));
        Assert.All(_handler.Requests, r => Assert.Null(r.Header("Authorization")));
    }

    // ---- the dialog (code 21, task in MODAL, /mj/submit/modal) ----

    [Fact]
    public async Task OutpaintAsync_CustomZoom_PressesCustomZoomThenConfirmsTheDialogWithZoomFlag()
    {
        _handler.RespondJson(Image(prompt: "a cat --v 7")).RespondJson(Dialog("modal-1")).RespondJson(Answer("modal-1"));

        MidjourneyTask task = await Client(_handler).OutpaintAsync(new OutpaintRequest("up-1", 1.8) { WebhookUrl = new Uri("https://hooks.example/z") });

        Assert.Equal(3, _handler.Requests.Count);
        AssertBody(_handler.Requests[1], new { taskId = "up-1", customId = $"MJ::CustomZoom::{Hash}", notifyHook = "https://hooks.example/z" });
        AssertRequest(_handler.Requests[2], HttpMethod.Post, "/mj/submit/modal");
        AssertBody(_handler.Requests[2], new { taskId = "modal-1", prompt = "a cat --v 7 --zoom 1.8", notifyHook = "https://hooks.example/z" });
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
        _handler.RespondJson(Image(prompt: parentPrompt)).RespondJson(Dialog()).RespondJson(Answer("modal-1"));

        await Client(_handler).OutpaintAsync(new OutpaintRequest("up-1", zoom) { Prompt = prompt, AspectRatio = aspectRatio });

        AssertBody(_handler.Requests[1], new { taskId = "up-1", customId = $"MJ::CustomZoom::{Hash}" });
        AssertBody(_handler.Requests[2], new { taskId = "modal-1", prompt = dialogPrompt });
    }

    [Fact]
    public async Task InpaintAsync_MaskAndPrompt_PressesVaryRegionThenConfirmsWithMaskAndPrompt()
    {
        _handler.RespondJson(Image()).RespondJson(Dialog("modal-2")).RespondJson(Answer("modal-2"));

        MidjourneyTask task = await Client(_handler).InpaintAsync(new InpaintRequest("up-1", MidjourneyImage.FromBytes(Mask, "image/png")) { Prompt = "a red hat" });

        AssertBody(_handler.Requests[1], new { taskId = "up-1", customId = $"MJ::Inpaint::1::{Hash}::SOLO" });
        AssertRequest(_handler.Requests[2], HttpMethod.Post, "/mj/submit/modal");
        AssertBody(_handler.Requests[2], new { taskId = "modal-2", prompt = "a red hat", maskBase64 = MaskDataUrl });
        Assert.Equal(MidjourneyAction.Inpaint, task.Action);
        Assert.Equal("modal-2", task.Id);
    }

    [Fact]
    public async Task InpaintAsync_NoPrompt_ConfirmsWithTheParentsPrompt()
    {
        _handler.RespondJson(Image(prompt: "a cat --v 7")).RespondJson(Dialog()).RespondJson(Answer("modal-1"));

        await Client(_handler).InpaintAsync(new InpaintRequest("up-1", MidjourneyImage.FromDataUri(MaskDataUrl)));

        AssertBody(_handler.Requests[2], new { taskId = "modal-1", prompt = "a cat --v 7", maskBase64 = MaskDataUrl });
    }

    [Fact]
    public async Task InpaintAsync_NoPromptAnywhere_ReturnsTheTaskWaitingAsNeedsInput()
    {
        _handler.RespondJson(Image(prompt: "")).RespondJson(Dialog("modal-3"));

        MidjourneyTask task = await Client(_handler).InpaintAsync(new InpaintRequest("up-1", MidjourneyImage.FromDataUri(MaskDataUrl)));

        Assert.Equal(2, _handler.Requests.Count);
        Assert.Equal("modal-3", task.Id);
        Assert.Equal(MidjourneyTaskStatus.NeedsInput, task.Status);
        Assert.Equal(MidjourneyAction.Inpaint, task.Action);
        Assert.Equal(Dialog("modal-3"), task.RawJson);
    }

    [Fact]
    public async Task InpaintAsync_MaskUrl_ThrowsNotSupportedWithoutSending()
    {
        await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => Client(_handler).InpaintAsync(
            new InpaintRequest("up-1", MidjourneyImage.FromUrl(new Uri("https://img.test/mask.png")))));

        Assert.Empty(_handler.Requests);
    }

    [Theory]
    [InlineData("Waiting for window confirm", "{}")]
    [InlineData("Remix", """{"remix":true}""")]
    public async Task VariationAsync_RemixDialog_ConfirmsWithTheRequestsPrompt(string description, string properties)
    {
        _handler.RespondJson(Grid()).RespondJson(Answer("modal-1", 21, description, properties)).RespondJson(Answer("modal-1"));

        MidjourneyTask task = await Client(_handler).VariationAsync(new VariationRequest("grid-1", 2) { Prompt = "a cat in blue" });

        AssertBody(_handler.Requests[1], new { taskId = "grid-1", customId = $"MJ::JOB::variation::2::{Hash}" });
        AssertBody(_handler.Requests[2], new { taskId = "modal-1", prompt = "a cat in blue" });
        Assert.Equal("a cat in blue", task.Prompt);
    }

    [Fact]
    public async Task RerollAsync_RemixDialogWithAspectRatio_ConfirmsTheParentsPromptWithTheNewRatio()
    {
        _handler.RespondJson(Grid(prompt: "a cat --ar 1:1 --v 7")).RespondJson(Dialog()).RespondJson(Answer("modal-1"));

        await Client(_handler).RerollAsync(new RerollRequest("grid-1") { AspectRatio = "2:3" });

        AssertBody(_handler.Requests[2], new { taskId = "modal-1", prompt = "a cat --v 7 --ar 2:3" });
    }

    [Fact]
    public async Task PanAsync_RemixDialogWithoutPrompt_ConfirmsWithTheParentsPrompt()
    {
        _handler.RespondJson(Image(prompt: "a cat")).RespondJson(Dialog()).RespondJson(Answer("modal-1"));

        await Client(_handler).PanAsync(new PanRequest("up-1", PanDirection.Up));

        AssertBody(_handler.Requests[2], new { taskId = "modal-1", prompt = "a cat" });
    }

    [Fact]
    public async Task UpscaleAsync_Code21WithoutDialog_IsTheExistingTaskAndNoModalIsSent()
    {
        _handler.RespondJson(Grid()).RespondJson(Answer("child-old", 21, "Task already exists"));

        MidjourneyTask task = await Client(_handler).UpscaleAsync(new UpscaleRequest("grid-1", 1));

        Assert.Equal(2, _handler.Requests.Count);
        Assert.Equal("child-old", task.Id);
        Assert.Equal(MidjourneyTaskStatus.Pending, task.Status);
    }

    [Fact]
    public async Task VariationAsync_PromptWithoutRemix_PressesTheButtonAndLogsThatThePromptWasNotUsed()
    {
        var logs = new ListLoggerProvider();
        _handler.RespondJson(Grid()).RespondJson(Answer("child-1"));

        MidjourneyTask task = await Client(_handler, logging: logs.CreateFactory()).VariationAsync(new VariationRequest("grid-1", 1) { Prompt = "a dog" });

        Assert.Equal(2, _handler.Requests.Count);
        Assert.Null(task.Prompt);
        Assert.Contains(logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.Contains("prompt was not used", StringComparison.Ordinal));
    }

    // ---- a parent that cannot take the press ----

    [Fact]
    public async Task UpscaleAsync_ParentInProgress_ThrowsInvalidRequestNamingTheStatusAndSendsNoAction()
    {
        _handler.RespondJson(MjProxyTestData.Task("grid-1", "IMAGINE", "IN_PROGRESS", "a cat", "65%"));

        var ex = await Assert.ThrowsAsync<MidjourneyInvalidRequestException>(() => Client(_handler).UpscaleAsync(new UpscaleRequest("grid-1", 1)));

        Assert.Contains("IN_PROGRESS (65%)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("grid-1", ex.Message, StringComparison.Ordinal);
        Assert.Equal(MidjourneyProvider.MjProxy, ex.Provider);
        Assert.Single(_handler.Requests);
    }

    [Fact]
    public async Task VariationAsync_ParentFailed_ThrowsInvalidRequestWithTheFailReason()
    {
        _handler.RespondJson(MjProxyTestData.Task("grid-1", "IMAGINE", "FAILURE", "a cat", "0%", failReason: "[Banned prompt] nope"));

        var ex = await Assert.ThrowsAsync<MidjourneyInvalidRequestException>(() => Client(_handler).VariationAsync(new VariationRequest("grid-1", 1)));

        Assert.Contains("FAILURE ([Banned prompt] nope)", ex.Message, StringComparison.Ordinal);
        Assert.Single(_handler.Requests);
    }

    [Fact]
    public async Task PanAsync_ParentWaitingInModal_ThrowsSayingItHasNoImageYet()
    {
        _handler.RespondJson(MjProxyTestData.Task("modal-1", "INPAINT", "MODAL", "", "0%"));

        var ex = await Assert.ThrowsAsync<MidjourneyInvalidRequestException>(() => Client(_handler).PanAsync(new PanRequest("modal-1", PanDirection.Left)));

        Assert.Contains("is MODAL: it waits for Midjourney's dialog", ex.Message, StringComparison.Ordinal);
        Assert.Single(_handler.Requests);
    }

    [Fact]
    public async Task UpscaleAsync_GridButtonOnAnUpscaledImage_ThrowsListingTheButtonsItHas()
    {
        _handler.RespondJson(Image());

        var ex = await Assert.ThrowsAsync<MidjourneyInvalidRequestException>(() => Client(_handler).UpscaleAsync(new UpscaleRequest("up-1", 2)));

        Assert.Contains("has no U2 button (MJ::JOB::upsample::2::{hash})", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Vary (Subtle), Vary (Strong), Vary (Region), Zoom Out 2x", ex.Message, StringComparison.Ordinal);
        Assert.Contains("single upscaled image", ex.Message, StringComparison.Ordinal);
        Assert.Single(_handler.Requests);
    }

    [Fact]
    public async Task OutpaintAsync_OnAGrid_ThrowsSayingToUpscaleFirst()
    {
        _handler.RespondJson(Grid());

        var ex = await Assert.ThrowsAsync<MidjourneyInvalidRequestException>(() => Client(_handler).OutpaintAsync(new OutpaintRequest("grid-1", 1.8)));

        Assert.Contains("has no Custom Zoom button", ex.Message, StringComparison.Ordinal);
        Assert.Contains("U1, U2, U3, U4", ex.Message, StringComparison.Ordinal);
        Assert.Contains("upscale one image of this grid first", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpscaleAsync_TwoXOnAV7Image_ThrowsPointingToSubtleAndCreative()
    {
        _handler.RespondJson(Image(upscaler: "v7"));

        var ex = await Assert.ThrowsAsync<MidjourneyInvalidRequestException>(() => Client(_handler).UpscaleAsync(new UpscaleRequest("up-1", 1) { Mode = UpscaleMode.TwoX }));

        Assert.Contains("Upscale (2x)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("UpscaleMode.Subtle", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpscaleAsync_ParentWithoutButtons_ThrowsSayingItHasNone()
    {
        _handler.RespondJson(MjProxyTestData.Task("d-1", "DESCRIBE", "SUCCESS", "", "100%"));

        var ex = await Assert.ThrowsAsync<MidjourneyInvalidRequestException>(() => Client(_handler).UpscaleAsync(new UpscaleRequest("d-1", 1)));

        Assert.Contains("Its buttons: none", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpscaleAsync_UnknownParent_ThrowsNotFoundAndSendsNoAction()
    {
        _handler.RespondText("", "application/json", System.Net.HttpStatusCode.OK);

        await Assert.ThrowsAsync<MidjourneyNotFoundException>(() => Client(_handler).UpscaleAsync(new UpscaleRequest("gone-1", 1)));

        Assert.Single(_handler.Requests);
    }

    [Fact]
    public async Task UpscaleAsync_ActionAnswers404Code3_ThrowsNotFound()
    {
        _handler.RespondJson(Grid()).RespondError(System.Net.HttpStatusCode.NotFound, """{"code":3,"description":"task does not exist or has expired","result":null}""");

        var ex = await Assert.ThrowsAsync<MidjourneyNotFoundException>(() => Client(_handler).UpscaleAsync(new UpscaleRequest("grid-1", 1)));

        Assert.Contains("task does not exist or has expired", ex.Message, StringComparison.Ordinal);
        Assert.Equal(404, ex.StatusCode);
    }
}
