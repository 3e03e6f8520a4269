using System.Text.Json;
using Midjourney.Sdk.Providers.GoApi;

namespace Midjourney.Sdk.Tests.Providers.GoApi;

/// <summary>
/// <c>task_result.actions</c> read straight into follow-ups: GoAPI's names to shared values, a list of known names shared
/// between answers (a poll allocates nothing for it), unknown names parsed, blanks skipped, order kept.
/// </summary>
public sealed class GoApiActionsConverterTests
{
    private static IReadOnlyList<MidjourneyAvailableAction>? Read(string actionsJson) =>
        JsonSerializer.Deserialize($$"""{"actions":{{actionsJson}}}""", GoApiJsonContext.Default.GoApiTaskResult)!.Actions;

    [Fact]
    public void AGridsActions_ReadInOrder_AsUpscaleAndVariationWithTheirIndex()
    {
        IReadOnlyList<MidjourneyAvailableAction>? actions = Read("""["reroll","upscale1","upscale4","variation2"]""");

        Assert.Equal(
            [new(MidjourneyAction.Reroll, null, "reroll"), new(MidjourneyAction.Upscale, 1, "upscale1"), new(MidjourneyAction.Upscale, 4, "upscale4"), new(MidjourneyAction.Variation, 2, "variation2")],
            actions!);
    }

    [Fact]
    public void TheSameKnownList_TwiceOver_IsOneSharedReadOnlyList()
    {
        const string Grid = """["reroll","upscale1","upscale2","upscale3","upscale4","variation1","variation2","variation3","variation4"]""";

        IReadOnlyList<MidjourneyAvailableAction>? first = Read(Grid);
        IReadOnlyList<MidjourneyAvailableAction>? second = Read(Grid);

        Assert.Same(first, second);
        Assert.IsNotType<MidjourneyAvailableAction[]>(first); // shared, so it cannot be cast back to an array and changed
        Assert.NotSame(first, Read("""["upscale1","reroll","upscale2","upscale3","upscale4","variation1","variation2","variation3","variation4"]"""));
    }

    [Fact]
    public void UnknownNames_AnywhereInTheList_AreParsed_AndTheOrderKept()
    {
        IReadOnlyList<MidjourneyAvailableAction>? actions = Read("""["upscale1","Pan_Sideways"," animate_high ","variation3","mystery"]""");

        Assert.Equal(
            [(MidjourneyAction.Upscale, 1, "upscale1"), (MidjourneyAction.Pan, (int?)null, "Pan_Sideways"), (MidjourneyAction.Video, null, "animate_high"),
             (MidjourneyAction.Variation, 3, "variation3"), (MidjourneyAction.Other, null, "mystery")],
            actions!.Select(a => (a.Action, a.Index, a.Name)));
    }

    [Fact]
    public void BlankNullAndNonStringEntries_AreSkipped()
    {
        IReadOnlyList<MidjourneyAvailableAction>? actions = Read("""["", null, "  ", 3, {"x":1}, ["reroll"], "reroll"]""");

        Assert.Equal([new MidjourneyAvailableAction(MidjourneyAction.Reroll, null, "reroll")], actions!);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"reroll\"")]
    [InlineData("{\"reroll\":true}")]
    public void AnythingButAnArray_IsNoList(string json) => Assert.Null(Read(json));

    [Fact]
    public void AnEmptyList_IsEmpty() => Assert.Empty(Read("[]")!);

    [Fact]
    public void AListLongerThanTheSharedOnes_IsReadInFull()
    {
        string[] names = [.. Enumerable.Repeat(new[] { "upscale1", "upscale2", "variation1", "variation2", "reroll" }, 6).SelectMany(n => n)];

        IReadOnlyList<MidjourneyAvailableAction>? actions = Read(JsonSerializer.Serialize(names));

        Assert.Equal(names, actions!.Select(a => a.Name));
    }
}
