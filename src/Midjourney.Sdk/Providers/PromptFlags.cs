using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Midjourney.Sdk.Providers;

/// <summary>
/// Midjourney's own prompt flags, for parameters a wire has no field for. Each is appended once, and never when the
/// prompt already carries that flag (in any of its spellings), so the user's own flag wins.
/// </summary>
internal static partial class PromptFlags
{
    /// <summary>Appends the imagine parameters the caller chose to carry as flags.</summary>
    public static string Append(ImagineRequest request, bool aspectRatio, bool version, bool stylize, bool chaos, bool weird)
    {
        bool any = (aspectRatio && request.AspectRatio is not null) || (version && request.Version is not null)
            || (stylize && request.Stylize is not null) || (chaos && request.Chaos is not null) || (weird && request.Weird is not null);
        if (!any)
        {
            return request.Prompt.Trim();
        }

        var prompt = new StringBuilder(request.Prompt.Trim());
        if (aspectRatio && request.AspectRatio is { } ar)
        {
            AppendFlag(prompt, "--ar", ar, "--ar", "--aspect");
        }

        if (version && request.Version is { } v)
        {
            AppendVersion(prompt, v);
        }

        if (stylize && request.Stylize is int s)
        {
            AppendFlag(prompt, "--s", s.ToString(CultureInfo.InvariantCulture), "--s", "--stylize");
        }

        if (chaos && request.Chaos is int c)
        {
            AppendFlag(prompt, "--c", c.ToString(CultureInfo.InvariantCulture), "--c", "--chaos");
        }

        if (weird && request.Weird is int w)
        {
            AppendFlag(prompt, "--weird", w.ToString(CultureInfo.InvariantCulture), "--weird", "--w");
        }

        return prompt.ToString();
    }

    /// <summary>
    /// Appends the style and omni references as <c>--sref url ...</c>, <c>--oref url</c> and <c>--ow N</c>, for wires with
    /// no field for them. The validator has already refused a prompt that carries these flags itself, and inline images.
    /// </summary>
    public static string AppendReferences(string prompt, ImagineRequest request)
    {
        if (request.StyleReferences.Count == 0 && request.OmniReference is null)
        {
            return prompt;
        }

        var text = new StringBuilder(prompt);
        if (request.StyleReferences.Count > 0)
        {
            text.Append(" --sref");
            foreach (MidjourneyImage image in request.StyleReferences)
            {
                text.Append(' ').Append(image.Url!.AbsoluteUri);
            }
        }

        if (request.OmniReference is { } omni)
        {
            text.Append(" --oref ").Append(omni.Url!.AbsoluteUri);
            if (request.OmniWeight is int weight)
            {
                text.Append(" --ow ").Append(weight.ToString(CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    /// <summary>Whether <paramref name="prompt"/> already carries any of <paramref name="spellings"/> as a flag.</summary>
    public static bool HasFlag(string prompt, params string[] spellings) =>
        FlagToken().Matches(prompt).Any(m => spellings.Contains(m.Value, StringComparer.OrdinalIgnoreCase));

    /// <summary>The value of the first of <paramref name="spellings"/> in <paramref name="prompt"/>, if present.</summary>
    public static string? FlagValue(string prompt, params string[] spellings)
    {
        string[] tokens = prompt.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < tokens.Length; i++)
        {
            if (spellings.Contains(tokens[i], StringComparer.OrdinalIgnoreCase))
            {
                return i + 1 < tokens.Length && !tokens[i + 1].StartsWith("--", StringComparison.Ordinal) ? tokens[i + 1] : "";
            }
        }

        return null;
    }

    private static void AppendVersion(StringBuilder prompt, string version)
    {
        string text = prompt.ToString();
        if (HasFlag(text, "--v", "--version", "--niji"))
        {
            return;
        }

        string trimmed = version.Trim();
        if (trimmed.StartsWith("niji", StringComparison.OrdinalIgnoreCase))
        {
            string number = trimmed["niji".Length..].Trim();
            prompt.Append(" --niji");
            if (number.Length > 0)
            {
                prompt.Append(' ').Append(number);
            }
        }
        else
        {
            prompt.Append(" --v ").Append(trimmed.TrimStart('v', 'V'));
        }
    }

    private static void AppendFlag(StringBuilder prompt, string flag, string value, params string[] spellings)
    {
        if (!HasFlag(prompt.ToString(), spellings))
        {
            prompt.Append(' ').Append(flag).Append(' ').Append(value);
        }
    }

    [GeneratedRegex(@"(?<=^|\s)--[A-Za-z]+(?=\s|$)")]
    private static partial Regex FlagToken();
}
