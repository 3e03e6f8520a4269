using System.Globalization;

namespace Midjourney.Sdk.Emulator.Hosting;

/// <summary>The program mode's arguments, parsed by hand: seven options do not need a parser package.</summary>
/// <param name="Options">The emulator settings.</param>
/// <param name="ShowHelp">True when usage was asked for.</param>
/// <param name="Error">What is wrong with the arguments, or <see langword="null"/>.</param>
internal sealed record EmulatorCommandLine(MidjourneyEmulatorOptions Options, bool ShowHelp, string? Error)
{
    /// <summary>A fixed port by default, so samples and other processes know where to find the emulator.</summary>
    public const int DefaultPort = 8080;

    /// <summary>The SDK's provider names (the emulator does not reference the SDK, so they are spelled here).</summary>
    public static readonly IReadOnlyList<string> Providers = ["GoApi", "MjProxy", "Apixo", "MidApi"];

    public const string Usage = """
        Midjourney.Sdk.Emulator: a local server that speaks the Midjourney relay APIs (GoAPI v2, MJ-Proxy, APIXO, midapi),
        all at one base URL.

        Usage: dotnet run --project src/Midjourney.Sdk.Emulator --framework net10.0 -- [options]

        Options:
          --port <PORT>               Port on 127.0.0.1 (default 8080; 0 = any free port)
          --api-key <KEY>             The API key to accept (default emulator-key)
          --task-duration <SECONDS>   Submit-to-finished time of every task, or its median with a spread
                                      (default 3; 0 = at once). Each task queues for 5-45% of it, then
                                      reports progress in Midjourney's steps (0, 15, 31, 46, 62, 78, 93)
          --task-duration-spread <SIGMA>
                                      Lognormal sigma of task durations, 0 to 3 (default 0 = all equal;
                                      0.7 is realistic); clipped to 1/6..10x --task-duration
          --provider <NAME>           GoApi, MjProxy, Apixo or MidApi (default GoApi): which provider's client
                                      settings to print (MIDJOURNEY__PROVIDER, __BASEURL, __APIKEY); every
                                      protocol is served either way
          --webhook-signing-key <KEY> Sign midapi callbacks as kie.ai does (X-Webhook-Timestamp and
                                      X-Webhook-Signature, HMAC-SHA256 of taskId.timestamp); default unsigned
          --callback-retry-delay-scale <X>
                                      Multiply callback retry delays and answer timeouts, 0 to 100 (default 1;
                                      0.001 turns midapi's 1/5/15 min retries into 0.06/0.3/0.9 s)
          -h, --help                  Show this help

        Control: POST /_emulator/faults {"kind":"RateLimit","retryAfterSeconds":2,"pathContains":"/fetch","times":1}
                 kinds: RateLimit, ServerError, ServiceUnavailable, Latency (delayMs), MalformedJson, HtmlErrorPage;
                 for callbacks: DropCallbacks, DuplicateCallbacks, OutOfOrderCallbacks (pathContains matches the URL)
                 DELETE /_emulator/faults
                 GET /_emulator/callbacks[?taskId=ID]   every callback delivery attempt, as JSON
        Callbacks: a submit's webhook_endpoint (GoAPI), notifyHook (MJ-Proxy), callback_url (APIXO, callback
        mode) or callBackUrl (midapi) is called the way that provider does it, retries included.
        A prompt containing [fail] makes its task fail; [nsfw] or [moderated] fails it as a content violation while it runs
        (APIXO: CONTENT_VIOLATION; GoAPI, MJ-Proxy, midapi: the moderator's message; on MJ-Proxy only [moderated] gets past the
        submit's banned words);
        midapi: [flag3] ends it with successFlag 3.
        MJ-Proxy: a prompt containing [queue] is accepted with code 22, [queue-full] is refused with code 23,
                  one of nsfw, nude, gore is refused with code 24 (bannedWord); follow-ups of a prompt with
                  [remix] open the dialog (code 21) as with remix mode on. Lanes: /mj-fast/mj/..., /fast/mj/...
        """;

    public static EmulatorCommandLine Parse(IReadOnlyList<string> args)
    {
        var options = new MidjourneyEmulatorOptions { Port = DefaultPort };
        string? provider = Providers[0];
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? inlineValue = null;
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                inlineValue = arg[(equals + 1)..];
                arg = arg[..equals];
            }

            if (arg is "-h" or "--help" or "-?" or "/?")
            {
                return new(options, ShowHelp: true, Error: null);
            }

            if (arg is not ("--port" or "--api-key" or "--task-duration" or "--task-duration-spread" or "--provider"
                or "--webhook-signing-key" or "--callback-retry-delay-scale"))
            {
                return Fail(options, $"Unknown argument '{args[i]}'.");
            }

            var value = inlineValue ?? (i + 1 < args.Count ? args[++i] : null);
            if (value is null)
            {
                return Fail(options, $"{arg} needs a value.");
            }

            switch (arg)
            {
                case "--port":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
                    {
                        return Fail(options, $"--port must be a number from 0 to 65535, not '{value}'.");
                    }

                    options.Port = port;
                    break;

                case "--api-key":
                    if (string.IsNullOrWhiteSpace(value))
                    {
                        return Fail(options, "--api-key must not be empty.");
                    }

                    options.ApiKey = value;
                    break;

                case "--provider":
                    provider = Providers.FirstOrDefault(name => name.Equals(value, StringComparison.OrdinalIgnoreCase));
                    if (provider is null)
                    {
                        return Fail(options, $"--provider must be one of {string.Join(", ", Providers)}, not '{value}'.");
                    }

                    break;

                case "--webhook-signing-key":
                    if (string.IsNullOrWhiteSpace(value))
                    {
                        return Fail(options, "--webhook-signing-key must not be empty.");
                    }

                    options.WebhookSigningKey = value;
                    break;

                case "--callback-retry-delay-scale":
                    if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var scale)
                        || !double.IsFinite(scale) || scale < 0 || scale > 100)
                    {
                        return Fail(options, $"--callback-retry-delay-scale must be a number from 0 to 100 (such as 0.001), not '{value}'.");
                    }

                    options.CallbackRetryDelayScale = scale;
                    break;

                case "--task-duration-spread":
                    if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var spread)
                        || !double.IsFinite(spread) || spread < 0 || spread > 3)
                    {
                        return Fail(options, $"--task-duration-spread must be a number from 0 to 3 (a lognormal sigma, such as 0.7), not '{value}'.");
                    }

                    options.TaskDurationSpread = spread;
                    break;

                default:
                    if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                        || !double.IsFinite(seconds) || seconds < 0 || seconds > TimeSpan.FromDays(1).TotalSeconds)
                    {
                        return Fail(options, $"--task-duration must be a number of seconds from 0 to 86400, not '{value}'.");
                    }

                    options.TaskDuration = TimeSpan.FromSeconds(seconds);
                    break;
            }
        }

        return new(options, ShowHelp: false, Error: null) { Provider = provider };
    }

    /// <summary>The provider whose client settings the program prints.</summary>
    public string Provider { get; init; } = Providers[0];

    /// <summary>The environment variables that point an SDK client (or the quickstart) at a running emulator.</summary>
    public string ClientSettings(Uri baseUrl, string apiKey) => $"""
        MIDJOURNEY__PROVIDER={Provider}
        MIDJOURNEY__BASEURL={baseUrl}
        MIDJOURNEY__APIKEY={apiKey}
        """;

    private static EmulatorCommandLine Fail(MidjourneyEmulatorOptions options, string error) => new(options, ShowHelp: false, error);
}
