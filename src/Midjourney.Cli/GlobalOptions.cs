using System.CommandLine;
using Midjourney.Sdk;

namespace Midjourney.Cli;

/// <summary>The options every command takes (recursive on the root command): where to send requests and how to wait.</summary>
internal sealed class GlobalOptions
{
    public Option<MidjourneyProvider?> Provider { get; } = new("--provider")
    {
        Description = "GoApi, MjProxy, Apixo or MidApi (overrides MIDJOURNEY__PROVIDER; default GoApi)",
        Recursive = true,
    };

    public Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = "The provider's API key (overrides MIDJOURNEY__APIKEY)",
        Recursive = true,
    };

    public Option<Uri?> BaseUrl { get; } = new("--base-url")
    {
        Description = "The provider's base URL (overrides MIDJOURNEY__BASEURL; required for MjProxy)",
        Recursive = true,
        CustomParser = result =>
        {
            string text = result.Tokens[^1].Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out Uri? url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
            {
                return url;
            }

            result.AddError($"--base-url must be an http or https URL, such as https://relay.example, not '{text}'.");
            return null;
        },
    };

    public Option<bool> Emulator { get; } = new("--emulator")
    {
        Description = "Run against an in-process emulator: no API key, nothing leaves this machine (its tasks end with the command)",
        Recursive = true,
    };

    /// <summary>Seconds between status checks (hidden: for tests and demos against an emulator).</summary>
    public Option<double?> PollInterval { get; } = new("--poll-interval")
    {
        Description = "Seconds between two status checks of a task",
        Recursive = true,
        Hidden = true,
        CustomParser = result => Commands.CommandParts.ParseNumber(result, "--poll-interval", 0.01, 3600),
    };

    /// <summary>How long the in-process emulator's tasks take (hidden: for tests).</summary>
    public Option<double> EmulatorTaskDuration { get; } = new("--emulator-task-duration")
    {
        Description = "Seconds each task of the --emulator takes",
        Recursive = true,
        Hidden = true,
        DefaultValueFactory = _ => 3,
        CustomParser = result => Commands.CommandParts.ParseNumber(result, "--emulator-task-duration", 0, 600) ?? 0,
    };

    public IEnumerable<Option> All => [Provider, ApiKey, BaseUrl, Emulator, PollInterval, EmulatorTaskDuration];
}
