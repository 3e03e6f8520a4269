using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Midjourney.Sdk.Emulator.Callbacks;
using Midjourney.Sdk.Emulator.Faults;
using Midjourney.Sdk.Emulator.Images;
using Midjourney.Sdk.Emulator.Protocols;
using Midjourney.Sdk.Emulator.Protocols.Apixo;
using Midjourney.Sdk.Emulator.Protocols.GoApi;
using Midjourney.Sdk.Emulator.Protocols.MidApi;
using Midjourney.Sdk.Emulator.Protocols.MjProxy;
using Midjourney.Sdk.Emulator.Tasks;

namespace Midjourney.Sdk.Emulator.Hosting;

/// <summary>Wires the web app: Kestrel on 127.0.0.1, the fault middleware, every protocol, callbacks, images and control endpoints.</summary>
internal static class EmulatorApp
{
    public static WebApplication Build(MidjourneyEmulatorOptions options, FaultQueue faults, CallbackScheduler callbacks)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });

        // Configured by its options alone: appsettings files and ASPNETCORE_* variables of the host process must not leak in.
        builder.Configuration.Sources.Clear();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port);
        });

        var app = builder.Build();
        callbacks.BaseUrlSource = () => BaseUrlOf(app);
        var tasks = new TaskStore(options.TimeProvider, options.TaskDuration, options.TaskDurationSpread) { Added = callbacks.Schedule };
        IEmulatedProtocol[] protocols =
        [
            new GoApiProtocol(tasks, options.ApiKey),
            new MjProxyProtocol(tasks, options.ApiKey),
            new ApixoProtocol(tasks, options.ApiKey),
            new MidApiProtocol(tasks, options.ApiKey),
        ];

        var faultMiddleware = new FaultMiddleware(faults, protocols, options.TimeProvider, app.Lifetime.ApplicationStopping);
        app.Use(faultMiddleware.InvokeAsync);
        foreach (var protocol in protocols)
        {
            protocol.Map(app);
        }

        ImageEndpoints.Map(app, new ImageStore(tasks));
        FaultEndpoints.Map(app, faults);
        CallbackEndpoints.Map(app, callbacks.Log);
        return app;
    }

    /// <summary>The address Kestrel really bound (the port is only known after start when 0 was asked for).</summary>
    public static Uri BaseUrlOf(WebApplication app)
    {
        var bound = new Uri(app.Urls.First());
        return new Uri($"http://127.0.0.1:{bound.Port}/");
    }
}
