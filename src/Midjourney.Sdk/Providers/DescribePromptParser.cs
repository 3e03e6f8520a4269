using System.Text.RegularExpressions;

namespace Midjourney.Sdk.Providers;

/// <summary>
/// Splits Midjourney's describe output into its prompts. Midjourney numbers them with keycap emoji
/// (<c>1️⃣ ... 2️⃣ ...</c>); some relays use <c>1.</c> or <c>1)</c> instead, or put one prompt per paragraph.
/// </summary>
internal static partial class DescribePromptParser
{
    public static IReadOnlyList<string> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        // Text before the first number (a heading) is not a prompt.
        Match first = NumberMarker().Match(text);
        IEnumerable<string> parts = first.Success
            ? NumberMarker().Split(text[first.Index..])
            : text.Split(["\r\n\r\n", "\n\n"], StringSplitOptions.None);
        return parts.Select(part => part.Trim()).Where(part => part.Length > 0).ToArray();
    }

    // "1️⃣" (digit, optional U+FE0F, U+20E3) anywhere, or "1." / "1)" at the start of a line.
    [GeneratedRegex(@"[1-9]\uFE0F?\u20E3|(?<=^|\n)[ \t]*[1-9][.)][ \t]", RegexOptions.CultureInvariant)]
    private static partial Regex NumberMarker();
}
