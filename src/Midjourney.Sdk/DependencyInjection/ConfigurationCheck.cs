using System.Globalization;
using Microsoft.Extensions.Configuration;
using Midjourney.Sdk;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Reads the typed keys of a client's configuration section before it is bound, so a value the binder cannot convert
/// fails with a message that names the key, the value and what is valid (the binder's own error names none of them),
/// and with the client's name.
/// </summary>
internal static class ConfigurationCheck
{
    private static readonly string[] TimeSpanKeys = ["Polling:InitialDelay", "Polling:Interval", "Polling:MaxInterval", "Polling:Timeout", "Retry:BaseDelay", "Retry:MaxDelay"];
    private static readonly string[] IntegerKeys = ["MaxConnectionsPerServer", "MaxDownloadBytes", "Retry:MaxRetries", "MidApi:VariationIndexBase"];
    private static readonly string[] BooleanKeys = ["Webhooks:NotifyProgress", "Webhooks:AllowHttp", "MjProxy:SendDescribeLink"];
    private static readonly string[] UrlKeys = ["BaseUrl", "Webhooks:Url"];

    /// <summary>The longest <c>Polling:Timeout</c> configuration may give: the slowest jobs (relax mode, videos) take minutes.</summary>
    internal static readonly TimeSpan MaxTimeout = TimeSpan.FromHours(24);

    /// <summary>The longest first delay or gap between checks configuration may give.</summary>
    internal static readonly TimeSpan MaxPollingGap = TimeSpan.FromHours(1);

    /// <summary>The client's name as messages show it.</summary>
    public static string Describe(string? name) => string.IsNullOrEmpty(name) ? "Midjourney client (default)" : $"Midjourney client '{name}'";

    /// <summary>Every problem with the raw values in <paramref name="section"/>; empty when the binder can read them all.</summary>
    public static List<string> Check(IConfiguration section)
    {
        var failures = new List<string>();
        CheckEnum<MidjourneyProvider>(section, "Provider", failures, ProviderHint);
        CheckEnum<MjProxyAuthHeader>(section, "MjProxy:AuthHeader", failures, static _ => null);
        CheckEnum<ApixoFieldNames>(section, "Apixo:FieldNames", failures, static _ => null);
        foreach (string key in TimeSpanKeys)
        {
            if (section[key] is not { Length: > 0 } value)
            {
                continue;
            }

            if (!TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out TimeSpan span))
            {
                failures.Add($"{PathOf(section, key)} = '{value}' is not a time span; write hh:mm:ss, for example 00:00:05 for five seconds or 00:10:00 for ten minutes.");
            }
            else if (key.StartsWith("Polling:", StringComparison.Ordinal) && span > (key == "Polling:Timeout" ? MaxTimeout : MaxPollingGap))
            {
                // A plain number reads as days: "600" meant as seconds is 600 days.
                TimeSpan limit = key == "Polling:Timeout" ? MaxTimeout : MaxPollingGap;
                failures.Add($"{PathOf(section, key)} = '{value}' is {span}, longer than {limit.TotalHours:0} hour(s); a plain number is days: write 00:10:00 for ten minutes or 00:00:05 for five seconds.");
            }
        }

        foreach (string key in IntegerKeys)
        {
            if (section[key] is { Length: > 0 } value && !long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            {
                failures.Add($"{PathOf(section, key)} = '{value}' is not a whole number.");
            }
        }

        foreach (string key in BooleanKeys)
        {
            if (section[key] is { Length: > 0 } value && !bool.TryParse(value, out _))
            {
                failures.Add($"{PathOf(section, key)} = '{value}' is not true or false.");
            }
        }

        foreach (string key in UrlKeys)
        {
            if (section[key] is { Length: > 0 } value && !Uri.TryCreate(value, UriKind.Absolute, out _))
            {
                failures.Add($"{PathOf(section, key)} = '{value}' is not an absolute URL such as https://api.example.com/.");
            }
        }

        return failures;
    }

    private static void CheckEnum<TEnum>(IConfiguration section, string key, List<string> failures, Func<string, string?> hint)
        where TEnum : struct, Enum
    {
        if (section[key] is not { Length: > 0 } value)
        {
            return;
        }

        // The binder takes a name in any case (or a number): only the defined names are valid here.
        if (Enum.TryParse(value, ignoreCase: true, out TEnum parsed) && Enum.IsDefined(parsed) && !char.IsAsciiDigit(value.Trim()[0]) && value.Trim()[0] != '-')
        {
            return;
        }

        failures.Add($"{PathOf(section, key)} = '{value}' is not valid; valid values: {string.Join(", ", Enum.GetNames<TEnum>())}.{(hint(value) is { } tip ? " " + tip : "")}");
    }

    /// <summary>What a user who wrote a service's name instead of its protocol probably meant.</summary>
    private static string? ProviderHint(string value) => value.Trim().ToLowerInvariant() switch
    {
        "kie" or "kieai" or "kie.ai" or "kie-ai" => "For kie.ai use MidApi with BaseUrl https://api.kie.ai.",
        "midapi.ai" or "mid-api" or "mid_api" => "For midapi.ai use MidApi.",
        "goapi.ai" or "go-api" or "piapi" or "piapi.ai" => "For GoAPI (PiAPI) use GoApi.",
        "mj-proxy" or "mjproxy" or "midjourney-proxy" or "trueai" or "trueai-org" => "For an MJ-Proxy relay use MjProxy with BaseUrl set to the relay's address.",
        "apixo.ai" => "For APIXO use Apixo.",
        _ => null,
    };

    private static string PathOf(IConfiguration section, string key) => section is IConfigurationSection { Path.Length: > 0 } named ? $"{named.Path}:{key}" : key;
}
