using System.Globalization;

namespace Midjourney.Sdk.Providers.MjProxy;

/// <summary>Prompt edits the MJ-Proxy adapter needs beyond <see cref="PromptFlags"/>: replacing a flag, and the speed flags.</summary>
internal static class MjProxyPrompts
{
    /// <summary>
    /// <paramref name="prompt"/> with every <paramref name="spellings"/> flag (and its value) removed and
    /// <c>{flag} {value}</c> appended: a dialog's prompt must carry the new value once, not the parent's.
    /// </summary>
    public static string WithFlag(string prompt, string flag, string value, params string[] spellings)
    {
        string[] tokens = prompt.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var kept = new List<string>(tokens.Length + 2);
        for (int i = 0; i < tokens.Length; i++)
        {
            if (spellings.Contains(tokens[i], StringComparer.OrdinalIgnoreCase))
            {
                // Skip the flag's value too, when it has one.
                if (i + 1 < tokens.Length && !tokens[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    i++;
                }

                continue;
            }

            kept.Add(tokens[i]);
        }

        kept.Add(flag);
        kept.Add(value);
        return string.Join(' ', kept);
    }

    /// <summary>The zoom as Midjourney's <c>--zoom</c> takes it: <c>1.8</c>, <c>2</c>.</summary>
    public static string Zoom(double zoom) => zoom.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Appends Midjourney's own speed flag (<c>--fast</c>, ...) unless the prompt already has one.</summary>
    public static string WithSpeed(string prompt, MidjourneySpeed speed)
    {
        if (PromptFlags.HasFlag(prompt, "--relax", "--fast", "--turbo"))
        {
            return prompt;
        }

        return prompt + speed switch
        {
            MidjourneySpeed.Relax => " --relax",
            MidjourneySpeed.Turbo => " --turbo",
            _ => " --fast",
        };
    }
}
