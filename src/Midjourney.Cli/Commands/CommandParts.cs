using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Midjourney.Sdk;
using Spectre.Console;

namespace Midjourney.Cli.Commands;

/// <summary>Arguments and options several commands share, and the end every submit command has: wait, then save.</summary>
internal static class CommandParts
{
    public const string DefaultOutput = "./mj-output";

    public static Option<string> Out() => new("--out", "-o")
    {
        Description = $"Folder to save the results in (default {DefaultOutput})",
        DefaultValueFactory = _ => DefaultOutput,
    };

    public static Option<bool> NoWait() => new("--no-wait")
    {
        Description = "Print the task id and return at once ('mj wait <task>' waits later)",
    };

    public static Argument<string> TaskId() => new("task") { Description = "The task id" };

    /// <summary>The <c>--prompt</c> of a command that takes its prompt as an option.</summary>
    public static Option<string?> Prompt(string description, bool required = false) => new("--prompt", "-p")
    {
        Description = description,
        Required = required,
    };

    public static Option<string?> AspectRatio(string description = "Aspect ratio, such as 16:9") => new("--ar", "--aspect-ratio") { Description = description };

    public static Option<MidjourneySpeed?> Speed() => new("--speed") { Description = "Relax, Fast or Turbo (where the provider offers it)" };

    /// <summary>
    /// Parses one of <typeparamref name="TEnum"/>'s names in any case; unlike the parser's own enum conversion it refuses
    /// numbers, so <c>mj pan task 2</c> is an error rather than a silent <c>down</c>.
    /// </summary>
    public static TEnum ParseName<TEnum>(ArgumentResult result, string name)
        where TEnum : struct, Enum
    {
        string text = result.Tokens[^1].Value;
        foreach (TEnum value in Enum.GetValues<TEnum>())
        {
            if (string.Equals(value.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        result.AddError($"{name} must be {Names<TEnum>()}, not '{text}'.");
        return default;
    }

    /// <summary>The names a user types for <typeparamref name="TEnum"/>: <c>up|down|left|right</c>.</summary>
    public static string Names<TEnum>()
        where TEnum : struct, Enum => string.Join('|', Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()));

    /// <summary>A 1..4 argument: which <paramref name="of"/> to <paramref name="what"/>.</summary>
    public static Argument<int> Index(string what, string of = "image of the grid") => new("index")
    {
        Description = $"Which {of} to {what}: 1 to 4",
        CustomParser = result =>
        {
            string text = result.Tokens[^1].Value;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value is >= 1 and <= 4)
            {
                return value;
            }

            result.AddError($"index must be 1, 2, 3 or 4, not '{text}'.");
            return 0;
        },
    };

    /// <summary>Parses a number in [min, max] (validators run even after a failed conversion, so the range check lives here).</summary>
    public static double? ParseNumber(ArgumentResult result, string name, double min, double max)
    {
        string text = result.Tokens[^1].Value;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) && value >= min && value <= max)
        {
            return value;
        }

        result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} must be a number from {min} to {max}, not '{text}'."));
        return null;
    }

    public static Argument<string> Image(string description) => new("image") { Description = description + ": an http(s) URL or a file path" };

    /// <summary>An image argument as the SDK wants it: a URL stays a URL, anything else is read as a file.</summary>
    public static async Task<MidjourneyImage> ReadImageAsync(string value, CancellationToken cancellationToken)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out Uri? url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
        {
            return MidjourneyImage.FromUrl(url);
        }

        return await MidjourneyImage.FromFileAsync(value, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Prints the submitted task; unless --no-wait, follows it to the end and saves its files.</summary>
    public static async Task<int> FinishAsync(MjApp app, IMidjourneyClient client, MidjourneyTask submitted, ParseResult parseResult, Option<bool> noWait, Option<string> output, CancellationToken cancellationToken)
    {
        app.Console.MarkupLineInterpolated($"Submitted [bold]{submitted.Action}[/] task [bold]{submitted.Id}[/] to {client.Provider}");
        if (parseResult.GetValue(noWait))
        {
            app.Console.WriteLine(submitted.Id);
            return MjApp.Success;
        }

        MidjourneyTask done = await TaskFollower.WaitAsync(app.Console, client, submitted, cancellationToken).ConfigureAwait(false);
        app.Console.MarkupLineInterpolated($"[green]Task {done.Id} succeeded[/]");
        await TaskFollower.SaveAsync(app.Console, client, done, parseResult.GetValue(output) ?? DefaultOutput, cancellationToken).ConfigureAwait(false);
        return MjApp.Success;
    }
}
