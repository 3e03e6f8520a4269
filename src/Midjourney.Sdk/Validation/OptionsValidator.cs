using Microsoft.Extensions.Options;

namespace Midjourney.Sdk.Validation;

/// <summary>Checks <see cref="MidjourneyClientOptions"/> once, when a client is built (or at host start through DI).</summary>
internal sealed class OptionsValidator : IValidateOptions<MidjourneyClientOptions>
{
    public ValidateOptionsResult Validate(string? name, MidjourneyClientOptions options)
    {
        List<string> failures = Check(options);
        if (failures.Count == 0)
        {
            return ValidateOptionsResult.Success;
        }

        string client = Microsoft.Extensions.DependencyInjection.ConfigurationCheck.Describe(name);
        return ValidateOptionsResult.Fail(failures.Select(f => $"{client}: {f}"));
    }

    /// <summary>Throws an <see cref="ArgumentException"/> listing every problem, for the constructors.</summary>
    public static void ThrowIfInvalid(MidjourneyClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = Check(options);
        if (failures.Count > 0)
        {
            throw new ArgumentException("Invalid MidjourneyClientOptions: " + string.Join(" ", failures), nameof(options));
        }
    }

    public static List<string> Check(MidjourneyClientOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add($"Provider '{options.Provider}' is not one of {string.Join(", ", Enum.GetNames<MidjourneyProvider>())}.");
        }

        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            failures.Add("ApiKey is required.");
        }

        if (options.BaseUrl is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"BaseUrl '{url}' must be an absolute http or https URL.");
        }
        else if (options.BaseUrl is { } withQuery && (withQuery.Query.Length > 0 || withQuery.Fragment.Length > 0))
        {
            failures.Add($"BaseUrl '{withQuery}' must not have a query or fragment; paths are appended to it.");
        }

        if (options.MaxConnectionsPerServer is < 1 or > 1000)
        {
            failures.Add($"MaxConnectionsPerServer ({options.MaxConnectionsPerServer}) is outside 1..1000.");
        }

        if (options.MaxDownloadBytes is < 1024 or > 4L * 1024 * 1024 * 1024)
        {
            failures.Add($"MaxDownloadBytes ({options.MaxDownloadBytes}) is outside 1 KiB..4 GiB.");
        }

        MidjourneyWebhookOptions webhooks = options.Webhooks;
        if (webhooks.Url is { } hook && Webhooks.WebhookSettings.Problem(hook, webhooks.AllowHttp, options.Provider, "Webhooks.Url") is { } problem)
        {
            failures.Add(problem);
        }

        if (webhooks.Secret is { } secret && string.IsNullOrWhiteSpace(secret))
        {
            failures.Add("Webhooks.Secret is blank; leave it unset or give a secret (16 characters or more).");
        }

        MidjourneyPollingOptions polling = options.Polling;
        Positive(failures, polling.InitialDelay, "Polling.InitialDelay", allowZero: true);
        Positive(failures, polling.Interval, "Polling.Interval", allowZero: false);
        Positive(failures, polling.MaxInterval, "Polling.MaxInterval", allowZero: false);
        Positive(failures, polling.Timeout, "Polling.Timeout", allowZero: false);
        if (polling.Interval is { } interval && polling.MaxInterval is { } max && max < interval)
        {
            failures.Add($"Polling.MaxInterval ({max}) is shorter than Polling.Interval ({interval}).");
        }

        MidjourneyRetryOptions retry = options.Retry;
        if (retry.MaxRetries is < 0 or > 10)
        {
            failures.Add($"Retry.MaxRetries ({retry.MaxRetries}) is outside 0..10.");
        }

        Positive(failures, retry.BaseDelay, "Retry.BaseDelay", allowZero: true);
        Positive(failures, retry.MaxDelay, "Retry.MaxDelay", allowZero: true);
        if (retry.MaxDelay < retry.BaseDelay)
        {
            failures.Add($"Retry.MaxDelay ({retry.MaxDelay}) is shorter than Retry.BaseDelay ({retry.BaseDelay}).");
        }

        CheckMjProxy(failures, options);
        if (!Enum.IsDefined(options.Apixo.FieldNames))
        {
            failures.Add($"Apixo.FieldNames '{options.Apixo.FieldNames}' is not one of {string.Join(", ", Enum.GetNames<ApixoFieldNames>())}.");
        }

        if (options.MidApi.VariationIndexBase is not (0 or 1))
        {
            failures.Add($"MidApi.VariationIndexBase ({options.MidApi.VariationIndexBase}) must be 0 or 1.");
        }

        return failures;
    }

    private static void CheckMjProxy(List<string> failures, MidjourneyClientOptions options)
    {
        MjProxyOptions mjProxy = options.MjProxy;
        if (options.Provider == MidjourneyProvider.MjProxy && options.BaseUrl is null)
        {
            failures.Add("BaseUrl is required for MjProxy: MJ-Proxy has no public endpoint; use your relay's address (what precedes /mj).");
        }

        if (!Enum.IsDefined(mjProxy.AuthHeader))
        {
            failures.Add($"MjProxy.AuthHeader '{mjProxy.AuthHeader}' is not one of {string.Join(", ", Enum.GetNames<MjProxyAuthHeader>())}.");
        }

        PathPrefix(failures, mjProxy.RelaxPathPrefix, "MjProxy.RelaxPathPrefix");
        PathPrefix(failures, mjProxy.FastPathPrefix, "MjProxy.FastPathPrefix");
        PathPrefix(failures, mjProxy.TurboPathPrefix, "MjProxy.TurboPathPrefix");
    }

    // A lane prefix is path segments ("mj-fast", "fast", "v1/fast"): no scheme, query, or empty segments.
    private static void PathPrefix(List<string> failures, string? prefix, string name)
    {
        if (prefix is null)
        {
            return;
        }

        string trimmed = prefix.Trim('/');
        if (trimmed.Length == 0 || trimmed.Split('/').Any(segment => segment.Length == 0 || segment.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))))
        {
            failures.Add($"{name} '{prefix}' must be path segments such as 'mj-fast' (letters, digits, '-', '_', '.').");
        }
    }

    private static void Positive(List<string> failures, TimeSpan? value, string name, bool allowZero)
    {
        if (value is TimeSpan v && (v < TimeSpan.Zero || (!allowZero && v == TimeSpan.Zero)))
        {
            failures.Add($"{name} ({v}) must be {(allowZero ? "zero or more" : "more than zero")}.");
        }
    }
}
