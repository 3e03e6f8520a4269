using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Midjourney.Sdk;
using Midjourney.Sdk.Http;
using Midjourney.Sdk.Validation;
using Midjourney.Sdk.Waiting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="IMidjourneyClient"/> with an <see cref="IHttpClientFactory"/>-managed <see cref="HttpClient"/>.</summary>
public static class MidjourneyServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> the default (unnamed) client uses; a named client uses <c>Midjourney.Sdk:{name}</c>.</summary>
    public const string HttpClientName = "Midjourney.Sdk";

    /// <summary>Registers <see cref="IMidjourneyClient"/>, configured in code. Options are validated when the host starts.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the provider, API key and other options.</param>
    /// <returns>The builder of the client's <see cref="HttpClient"/>, to add handlers or replace the primary handler.</returns>
    public static IHttpClientBuilder AddMidjourney(this IServiceCollection services, Action<MidjourneyClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<MidjourneyClientOptions>().Configure(configure);
        return AddClient(services, Options.Options.DefaultName);
    }

    /// <summary>
    /// Registers <see cref="IMidjourneyClient"/>, bound to a configuration section such as
    /// <c>builder.Configuration.GetSection("Midjourney")</c> (keys <c>Provider</c>, <c>ApiKey</c>, <c>BaseUrl</c>, <c>Polling:Interval</c>, <c>Retry:MaxRetries</c>, ...).
    /// Options are validated when the host starts; a value that cannot be read (a provider's name instead of its protocol,
    /// a time span that is not hh:mm:ss) fails with the key, the value and the valid values.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section holding the options.</param>
    /// <returns>The builder of the client's <see cref="HttpClient"/>, to add handlers or replace the primary handler.</returns>
    public static IHttpClientBuilder AddMidjourney(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<MidjourneyClientOptions>().Configure(options => Bind(configuration, options, Options.Options.DefaultName));
        return AddClient(services, Options.Options.DefaultName);
    }

    /// <summary>
    /// Registers a keyed <see cref="IMidjourneyClient"/> named <paramref name="name"/>, bound to a configuration section such
    /// as <c>builder.Configuration.GetSection("Midjourney:Fast")</c> (the keys of
    /// <see cref="AddMidjourney(IServiceCollection, IConfiguration)"/>); resolve it with <c>[FromKeyedServices("name")]</c>.
    /// Options are validated when the host starts; a value that cannot be read fails with the key, the value and the valid
    /// values, and the client's name.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The client's key (also the name of its options).</param>
    /// <param name="configuration">The section holding the options.</param>
    /// <returns>The builder of the client's <see cref="HttpClient"/>, to add handlers or replace the primary handler.</returns>
    public static IHttpClientBuilder AddMidjourney(this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<MidjourneyClientOptions>(name).Configure(options => Bind(configuration, options, name));
        return AddClient(services, name);
    }

    /// <summary>
    /// Registers a keyed <see cref="IMidjourneyClient"/> named <paramref name="name"/>, for apps that use several providers;
    /// resolve it with <c>[FromKeyedServices("name")]</c> or <c>GetRequiredKeyedService&lt;IMidjourneyClient&gt;("name")</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The client's key (also the name of its options).</param>
    /// <param name="configure">Sets the provider, API key and other options.</param>
    /// <returns>The builder of the client's <see cref="HttpClient"/>, to add handlers or replace the primary handler.</returns>
    public static IHttpClientBuilder AddMidjourney(this IServiceCollection services, string name, Action<MidjourneyClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<MidjourneyClientOptions>(name).Configure(configure);
        return AddClient(services, name);
    }

    /// <summary>
    /// Registers a handler that runs for every new state of a task the client hears about (verified callbacks and status
    /// checks), whether or not anyone waits for it; see <see cref="IMidjourneyTaskHandler"/>. The handler is a singleton,
    /// attached when the client is first resolved.
    /// </summary>
    /// <typeparam name="THandler">The handler type, built from the container.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="clientName">The keyed client's name, or null for the default client.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddMidjourneyTaskHandler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(
        this IServiceCollection services, string? clientName = null)
        where THandler : class, IMidjourneyTaskHandler
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<THandler>();
        services.AddSingleton(new TaskHandlerRegistration(clientName ?? Options.Options.DefaultName, static sp => sp.GetRequiredService<THandler>()));
        return services;
    }

    /// <summary>
    /// Binds the section after checking its raw values (see <see cref="ConfigurationCheck"/>): a value the binder cannot
    /// read is an <see cref="OptionsValidationException"/> naming the key, the value, the valid values and the client.
    /// </summary>
    private static void Bind(IConfiguration configuration, MidjourneyClientOptions options, string name)
    {
        List<string> failures = ConfigurationCheck.Check(configuration);
        if (failures.Count > 0)
        {
            string client = ConfigurationCheck.Describe(name);
            throw new OptionsValidationException(name, typeof(MidjourneyClientOptions), [.. failures.Select(f => $"{client}: {f}")]);
        }

        configuration.Bind(options);
    }

    private static IHttpClientBuilder AddClient(IServiceCollection services, string name)
    {
        bool isDefault = name == Options.Options.DefaultName;
        string httpClientName = isDefault ? HttpClientName : $"{HttpClientName}:{name}";
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MidjourneyClientOptions>, OptionsValidator>());
        services.AddOptions<MidjourneyClientOptions>(name).ValidateOnStart();

        // One client per name and service provider: every resolve shares its task tracker, so waits on it batch their checks
        // and learn together, and nothing disposable is handed out per resolve (a transient IDisposable resolved from the
        // root provider would be kept until the provider is disposed). Its HttpClient lives as long: the primary handler
        // below recycles connections itself, so DNS changes are still followed without rotating handlers.
        Func<IServiceProvider, IMidjourneyClient> create = sp =>
        {
            var client = new MidjourneyClient(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(httpClientName),
                MidjourneyClient.HttpClientUse.Dedicated,
                sp.GetRequiredService<IOptionsMonitor<MidjourneyClientOptions>>().Get(name),
                sp.GetService<TimeProvider>(),
                sp.GetService<ILoggerFactory>(),
                sp.GetService<IMeterFactory>());
            foreach (TaskHandlerRegistration registration in sp.GetServices<TaskHandlerRegistration>())
            {
                if (registration.ClientName == name)
                {
                    client.AddTaskHandler(registration.Create(sp));
                }
            }

            // Scale-out: a registered backplane (Midjourney.Sdk.Redis) shares this client's updates with the app's other
            // instances, on a channel of its own per client name and provider.
            if (sp.GetService<ITaskBackplaneFactory>() is { } backplanes)
            {
                client.Tracker.Attach(backplanes, name);
            }

            return client;
        };
        services.AddSingleton(new MidjourneyClientName(name));
        if (isDefault)
        {
            services.TryAddSingleton(create);
        }
        else
        {
            services.TryAddKeyedSingleton<IMidjourneyClient>(name, (sp, _) => create(sp));
        }

        // First in the chain (handlers the app adds come after it): the whole answer is read within the client's timeout.
        // The primary handler caps connections per server (an app may replace it with its own).
        return services.AddHttpClient(httpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => MidjourneyClient.CreateConnectionHandler(
                sp.GetRequiredService<IOptionsMonitor<MidjourneyClientOptions>>().Get(name).MaxConnectionsPerServer))
            .AddHttpMessageHandler(() => new AnswerBufferingHandler());
    }
}
