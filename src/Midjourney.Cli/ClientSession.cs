using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Midjourney.Sdk;
using Midjourney.Sdk.Emulator;

namespace Midjourney.Cli;

/// <summary>
/// One command's client: bound to the <c>Midjourney</c> configuration section (the <c>MIDJOURNEY__*</c> variables) with the
/// flags on top, or pointed at an emulator started in this process for <c>--emulator</c>. Disposing it stops both.
/// </summary>
internal sealed class ClientSession : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly MidjourneyEmulator? _emulator;

    private ClientSession(ServiceProvider services, MidjourneyEmulator? emulator)
    {
        _services = services;
        _emulator = emulator;
        Client = services.GetRequiredService<IMidjourneyClient>();
    }

    public IMidjourneyClient Client { get; }

    public static async Task<ClientSession> StartAsync(ParseResult parseResult, GlobalOptions options, IConfiguration configuration, CancellationToken cancellationToken)
    {
        IConfigurationSection settings = configuration.GetSection("Midjourney");
        MidjourneyProvider? provider = parseResult.GetValue(options.Provider);
        string? apiKey = parseResult.GetValue(options.ApiKey);
        Uri? baseUrl = parseResult.GetValue(options.BaseUrl);
        double? pollSeconds = parseResult.GetValue(options.PollInterval);
        MidjourneyEmulator? emulator = null;
        var services = new ServiceCollection();
        if (parseResult.GetValue(options.Emulator))
        {
            double taskSeconds = parseResult.GetValue(options.EmulatorTaskDuration);
            emulator = await MidjourneyEmulator.StartAsync(
                new MidjourneyEmulatorOptions { TaskDuration = TimeSpan.FromSeconds(taskSeconds) }, cancellationToken).ConfigureAwait(false);
            MidjourneyProvider emulated = provider ?? ProviderFrom(settings) ?? MidjourneyProvider.GoApi;
            services.AddMidjourney(client =>
            {
                client.Provider = emulated;
                client.ApiKey = emulator.ApiKey;
                client.BaseUrl = emulator.BaseUrl;
                client.Polling.InitialDelay = TimeSpan.FromMilliseconds(300);
                client.Polling.Interval = TimeSpan.FromMilliseconds(500);
                client.Polling.MaxInterval = TimeSpan.FromSeconds(1); // the emulator's tasks take seconds, not a minute
            });
        }
        else
        {
            services.AddMidjourney(settings);
            services.PostConfigure<MidjourneyClientOptions>(client =>
            {
                client.Provider = provider ?? client.Provider;
                client.ApiKey = apiKey ?? client.ApiKey;
                client.BaseUrl = baseUrl ?? client.BaseUrl;
            });
        }

        if (pollSeconds is not null)
        {
            services.PostConfigure<MidjourneyClientOptions>(client =>
            {
                TimeSpan interval = TimeSpan.FromSeconds(pollSeconds.Value);
                client.Polling.InitialDelay = interval;
                client.Polling.Interval = interval;
                client.Polling.MaxInterval = interval;
            });
        }

        ServiceProvider serviceProvider = services.BuildServiceProvider();
        try
        {
            return new ClientSession(serviceProvider, emulator);
        }
        catch
        {
            await serviceProvider.DisposeAsync().ConfigureAwait(false);
            if (emulator is not null)
            {
                await emulator.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync().ConfigureAwait(false);
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The provider named in configuration, so <c>MIDJOURNEY__PROVIDER</c> also picks the protocol the emulator is spoken with.</summary>
    private static MidjourneyProvider? ProviderFrom(IConfigurationSection settings)
    {
        string? name = settings["Provider"];
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        return Enum.TryParse(name, ignoreCase: true, out MidjourneyProvider parsed)
            ? parsed
            : throw new ArgumentException($"MIDJOURNEY__PROVIDER must be one of {string.Join(", ", Enum.GetNames<MidjourneyProvider>())}, not '{name}'.");
    }
}
