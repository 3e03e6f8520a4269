using Midjourney.Sdk.Providers;

namespace Midjourney.Sdk.Tests.Providers;

/// <summary>Splitting describe output into its prompts, as numbered by Midjourney or by relays.</summary>
public sealed class DescribePromptParserTests
{
    private const string One = "1\uFE0F\u20E3";
    private const string Two = "2\uFE0F\u20E3";
    private const string Three = "3\uFE0F\u20E3";
    private const string Four = "4\uFE0F\u20E3";

    private static readonly string[] FourPrompts =
    [
        "a fox in the snow, watercolor --ar 4:3",
        "red fox portrait, studio light --ar 4:3",
        "fox, ukiyo-e style --ar 4:3",
        "a fox made of paper --ar 4:3",
    ];

    [Fact]
    public void Parse_KeycapNumberedParagraphs_ReturnsFourPrompts()
    {
        string text = $"{One} {FourPrompts[0]}\n\n{Two} {FourPrompts[1]}\n\n{Three} {FourPrompts[2]}\n\n{Four} {FourPrompts[3]}";

        Assert.Equal(FourPrompts, DescribePromptParser.Parse(text));
    }

    [Fact]
    public void Parse_KeycapsOnOneLine_ReturnsFourPrompts()
    {
        string text = $"{One} {FourPrompts[0]} {Two} {FourPrompts[1]} {Three} {FourPrompts[2]} {Four} {FourPrompts[3]}";

        Assert.Equal(FourPrompts, DescribePromptParser.Parse(text));
    }

    [Fact]
    public void Parse_KeycapsWithoutVariationSelector_ReturnsFourPrompts()
    {
        string text = $"1\u20E3 {FourPrompts[0]}\n2\u20E3 {FourPrompts[1]}\n3\u20E3 {FourPrompts[2]}\n4\u20E3 {FourPrompts[3]}";

        Assert.Equal(FourPrompts, DescribePromptParser.Parse(text));
    }

    [Fact]
    public void Parse_HeadingBeforeTheFirstNumber_IsDropped()
    {
        string text = $"Here are four prompts:\n\n{One} {FourPrompts[0]}\n\n{Two} {FourPrompts[1]}\n\n{Three} {FourPrompts[2]}\n\n{Four} {FourPrompts[3]}";

        Assert.Equal(FourPrompts, DescribePromptParser.Parse(text));
    }

    [Theory]
    [InlineData(". ")]
    [InlineData(") ")]
    public void Parse_DotOrParenNumbersAtLineStart_ReturnsFourPrompts(string marker)
    {
        string text = string.Join("\n", FourPrompts.Select((p, i) => $"{i + 1}{marker}{p}"));

        Assert.Equal(FourPrompts, DescribePromptParser.Parse(text));
    }

    [Fact]
    public void Parse_WindowsLineEndings_ReturnsFourPrompts()
    {
        string text = string.Join("\r\n", FourPrompts.Select((p, i) => $"{i + 1}. {p}"));

        Assert.Equal(FourPrompts, DescribePromptParser.Parse(text));
    }

    [Fact]
    public void Parse_NumberWithDotInsideAPrompt_DoesNotSplitIt()
    {
        string text = $"{One} a poster that reads 2. place, vintage\n\n{Two} version 1. draft of a logo";

        Assert.Equal(["a poster that reads 2. place, vintage", "version 1. draft of a logo"], DescribePromptParser.Parse(text));
    }

    [Fact]
    public void Parse_UnnumberedParagraphs_ReturnsOnePromptPerParagraph()
    {
        string text = $"{FourPrompts[0]}\n\n{FourPrompts[1]}\r\n\r\n{FourPrompts[2]}";

        Assert.Equal(FourPrompts[..3], DescribePromptParser.Parse(text));
    }

    [Fact]
    public void Parse_SinglePromptWithoutNumbers_ReturnsIt()
    {
        Assert.Equal(["a lone fox --ar 1:1"], DescribePromptParser.Parse("  a lone fox --ar 1:1  "));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n  ")]
    public void Parse_NoText_ReturnsEmpty(string? text)
    {
        Assert.Empty(DescribePromptParser.Parse(text));
    }

    [Fact]
    public void Parse_EmptyNumberedEntries_AreSkipped()
    {
        Assert.Equal(["a fox", "a wolf"], DescribePromptParser.Parse($"{One} a fox {Two}   {Three} a wolf"));
    }
}
