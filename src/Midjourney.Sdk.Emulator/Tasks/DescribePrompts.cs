namespace Midjourney.Sdk.Emulator.Tasks;

/// <summary>Makes describe's four prompts, derived from the image URL so the same image is described the same way.</summary>
internal static class DescribePrompts
{
    private static readonly string[] Styles =
    [
        "a watercolor painting", "a cinematic photograph", "an isometric 3d render", "an oil painting",
        "a pencil sketch", "a ukiyo-e woodblock print", "a studio photograph", "a flat vector illustration",
    ];

    private static readonly string[] Subjects =
    [
        "a lighthouse on a rocky coast", "a fox asleep in tall grass", "a futuristic city skyline",
        "an old library with tall shelves", "a bowl of ripe oranges", "a mountain lake at sunrise",
        "a vintage red bicycle", "a koi pond in a zen garden", "a hot air balloon over fields", "a cozy cabin in the snow",
    ];

    private static readonly string[] Moods =
    [
        "soft morning light", "golden hour", "dramatic shadows", "pastel colors",
        "neon glow", "muted earth tones", "overcast sky", "high contrast",
    ];

    private static readonly string[] Details =
    [
        "highly detailed", "minimalist composition", "shallow depth of field", "wide angle",
        "intricate textures", "symmetrical framing", "film grain", "bokeh background",
    ];

    public static IReadOnlyList<string> For(string imageUrl)
    {
        var seed = StableHash.Of("describe", imageUrl);
        var prompts = new string[4];
        for (var i = 0; i < prompts.Length; i++)
        {
            // Walking each list with a stride coprime to its length keeps the four prompts different from one another.
            prompts[i] = string.Join(
                ", ",
                $"{Pick(Styles, seed, i, 1)} of {Pick(Subjects, seed >> 8, i, 3)}",
                Pick(Moods, seed >> 16, i, 3),
                Pick(Details, seed >> 24, i, 5));
        }

        return prompts;
    }

    /// <summary>Midjourney's own layout: keycap-numbered prompts, each ending in its aspect ratio, separated by blank lines.</summary>
    public static string Numbered(IReadOnlyList<string> prompts)
        => string.Join("\n\n", prompts.Select((prompt, i) => $"{i + 1}\uFE0F\u20E3 {prompt} --ar 1:1"));

    private static string Pick(string[] list, ulong seed, int i, int stride)
        => list[(int)((seed % (ulong)list.Length + (ulong)(i * stride)) % (ulong)list.Length)];
}
