namespace Midjourney.Sdk.Emulator.Tasks;

/// <summary>Makes /shorten's suggestions: the prompt's important words, cut shorter and shorter, as Midjourney does.</summary>
internal static class ShortenPrompts
{
    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "of", "on", "in", "at", "with", "and", "by", "to", "for", "very", "is", "are", "its", "into", "from",
    };

    /// <summary>Up to five suggestions, longest first, all different; at least one for any prompt with a word in it.</summary>
    public static IReadOnlyList<string> For(string prompt)
    {
        var words = ImportantWords(prompt);
        if (words.Count == 0)
        {
            return [];
        }

        var suggestions = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            // Each suggestion keeps a smaller share of the words: 100%, 80%, 60%, 40%, 20% (at least one).
            var keep = Math.Max(1, (int)Math.Ceiling(words.Count * (5 - i) / 5.0));
            var suggestion = string.Join(", ", words.Take(keep));
            if (!suggestions.Contains(suggestion, StringComparer.Ordinal))
            {
                suggestions.Add(suggestion);
            }
        }

        return suggestions;
    }

    /// <summary>The prompt's words without Midjourney flags (and their values), punctuation or filler words.</summary>
    public static IReadOnlyList<string> ImportantWords(string prompt)
    {
        var words = new List<string>();
        var tokens = prompt.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < tokens.Length; i++)
        {
            if (tokens[i].StartsWith("--", StringComparison.Ordinal))
            {
                if (i + 1 < tokens.Length && !tokens[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    i++;
                }

                continue;
            }

            var word = tokens[i].Trim(',', '.', ';', ':', '!', '?', '"', '\'', '(', ')');
            if (word.Length > 0 && !StopWords.Contains(word) && !word.StartsWith("http", StringComparison.OrdinalIgnoreCase))
            {
                words.Add(word);
            }
        }

        return words;
    }
}
