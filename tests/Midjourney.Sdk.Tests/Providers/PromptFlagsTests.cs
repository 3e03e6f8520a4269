using Midjourney.Sdk.Providers;

namespace Midjourney.Sdk.Tests.Providers;

/// <summary>Midjourney flags appended for parameters a wire has no field for: once each, and never over the user's own flag.</summary>
public sealed class PromptFlagsTests
{
    private static string AppendAll(ImagineRequest request) =>
        PromptFlags.Append(request, aspectRatio: true, version: true, stylize: true, chaos: true, weird: true);

    [Fact]
    public void Append_NoParameters_ReturnsThePromptTrimmed()
    {
        Assert.Equal("a cat", AppendAll(new ImagineRequest("  a cat \n")));
    }

    [Fact]
    public void Append_EveryParameter_AppendsEachFlagOnceInOrder()
    {
        var request = new ImagineRequest("a cat") { AspectRatio = "16:9", Version = "7", Stylize = 250, Chaos = 10, Weird = 5 };

        Assert.Equal("a cat --ar 16:9 --v 7 --s 250 --c 10 --weird 5", AppendAll(request));
    }

    [Fact]
    public void Append_ParametersTheWireHasFieldsFor_AreLeftOut()
    {
        var request = new ImagineRequest("a cat") { AspectRatio = "16:9", Version = "7", Stylize = 250, Chaos = 10, Weird = 5 };

        Assert.Equal("a cat --v 7", PromptFlags.Append(request, aspectRatio: false, version: true, stylize: false, chaos: false, weird: false));
        Assert.Equal("a cat --ar 16:9 --weird 5", PromptFlags.Append(request, aspectRatio: true, version: false, stylize: false, chaos: false, weird: true));
    }

    [Fact]
    public void Append_ZeroValues_AreStillAppended()
    {
        var request = new ImagineRequest("a cat") { Stylize = 0, Chaos = 0, Weird = 0 };

        Assert.Equal("a cat --s 0 --c 0 --weird 0", AppendAll(request));
    }

    [Theory]
    [InlineData("7", "a cat --v 7")]
    [InlineData("6.1", "a cat --v 6.1")]
    [InlineData("v7", "a cat --v 7")]
    [InlineData("V6", "a cat --v 6")]
    [InlineData(" 7 ", "a cat --v 7")]
    [InlineData("niji 6", "a cat --niji 6")]
    [InlineData("Niji 5", "a cat --niji 5")]
    [InlineData("niji6", "a cat --niji 6")]
    [InlineData("niji", "a cat --niji")]
    public void Append_VersionSpellings_BecomeVOrNijiFlag(string version, string expected)
    {
        Assert.Equal(expected, AppendAll(new ImagineRequest("a cat") { Version = version }));
    }

    [Theory]
    [InlineData("a cat --ar 4:3")]
    [InlineData("a cat --aspect 4:3")]
    [InlineData("a cat --AR 4:3")]
    public void Append_PromptHasAspectRatio_KeepsTheUsersOnly(string prompt)
    {
        Assert.Equal(prompt, AppendAll(new ImagineRequest(prompt) { AspectRatio = "16:9" }));
    }

    [Theory]
    [InlineData("a cat --v 6")]
    [InlineData("a cat --version 6")]
    [InlineData("a cat --niji 6")]
    [InlineData("a cat --V 6")]
    [InlineData("--v 6 a cat")]
    public void Append_PromptHasAVersion_KeepsTheUsersOnly(string prompt)
    {
        Assert.Equal(prompt, AppendAll(new ImagineRequest(prompt) { Version = "7" }));
        Assert.Equal(prompt, AppendAll(new ImagineRequest(prompt) { Version = "niji 6" }));
    }

    [Theory]
    [InlineData("a cat --s 50", 250, null, null)]
    [InlineData("a cat --stylize 50", 250, null, null)]
    [InlineData("a cat --c 3", null, 10, null)]
    [InlineData("a cat --chaos 3", null, 10, null)]
    [InlineData("a cat --weird 9", null, null, 5)]
    [InlineData("a cat --w 9", null, null, 5)]
    public void Append_PromptHasTheFlagInAnySpelling_DoesNotAddItAgain(string prompt, int? stylize, int? chaos, int? weird)
    {
        Assert.Equal(prompt, AppendAll(new ImagineRequest(prompt) { Stylize = stylize, Chaos = chaos, Weird = weird }));
    }

    [Fact]
    public void Append_OneFlagPresent_StillAppendsTheOthers()
    {
        var request = new ImagineRequest("a cat --v 6 --s 50") { Version = "7", Stylize = 250, Chaos = 10 };

        Assert.Equal("a cat --v 6 --s 50 --c 10", AppendAll(request));
    }

    [Theory]
    [InlineData("a cat --sref 123", "a cat --sref 123 --s 250")]
    [InlineData("a cat --video", "a cat --video --v 7")]
    [InlineData("a cat --cref https://img.test/c.png", "a cat --cref https://img.test/c.png --c 10")]
    public void Append_LongerFlagsStartingWithTheSameLetters_DoNotCountAsTheFlag(string prompt, string expected)
    {
        var request = new ImagineRequest(prompt)
        {
            Stylize = prompt.Contains("--sref", StringComparison.Ordinal) ? 250 : null,
            Version = prompt.Contains("--video", StringComparison.Ordinal) ? "7" : null,
            Chaos = prompt.Contains("--cref", StringComparison.Ordinal) ? 10 : null,
        };

        Assert.Equal(expected, AppendAll(request));
    }

    [Theory]
    [InlineData("a cat-- v 6")]
    [InlineData("https://x.test/a--v")]
    public void HasFlag_DashesInsideAWord_IsNotAFlag(string prompt)
    {
        Assert.False(PromptFlags.HasFlag(prompt, "--v"));
    }

    [Theory]
    [InlineData("a cat --v 6", true)]
    [InlineData("a cat\t--v\t6", true)]
    [InlineData("--v 6", true)]
    [InlineData("a cat --v", true)]
    [InlineData("a cat --version 6", false)]
    [InlineData("a cat", false)]
    public void HasFlag_WholeTokenOnly(string prompt, bool expected)
    {
        Assert.Equal(expected, PromptFlags.HasFlag(prompt, "--v"));
    }

    [Theory]
    [InlineData("a cat --ar 16:9", "16:9")]
    [InlineData("a cat --aspect 3:2 --v 6", "3:2")]
    [InlineData("a cat --ar", "")]
    [InlineData("a cat --ar --v 6", "")]
    [InlineData("a cat", null)]
    public void FlagValue_ReturnsTheTokenAfterTheFlag(string prompt, string? expected)
    {
        Assert.Equal(expected, PromptFlags.FlagValue(prompt, "--ar", "--aspect"));
    }
}
