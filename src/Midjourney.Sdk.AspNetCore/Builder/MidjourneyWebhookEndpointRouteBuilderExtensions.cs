using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Midjourney.Sdk;
using Midjourney.Sdk.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the endpoint that receives Midjourney providers' callbacks (webhooks).</summary>
public static class MidjourneyWebhookEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps a POST endpoint at <paramref name="pattern"/> that hands each callback to the client's
    /// <see cref="IMidjourneyClient.HandleWebhookAsync"/>: the body (at most <see cref="MidjourneyWebhookRequest.MaxBodyBytes"/>),
    /// every header and the absolute URL it arrived at, query included. A verified callback ends the waits on its task at
    /// once and runs the client's task handlers. Point <see cref="MidjourneyWebhookOptions.Url"/> at this endpoint's public
    /// address and set <see cref="MidjourneyWebhookOptions.Secret"/>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Answers: 200 (empty body) when the callback is accepted, a repeated delivery included; 401 when it is not authentic;
    /// 413 when the body is over 1 MiB (a declared <c>Content-Length</c> over it is refused before the body is read);
    /// 400 when it is not the provider's callback; 500 when anything else fails, so that the provider sends it again (logged
    /// with the exception). A request the caller abandons ends without an answer. Providers retry every answer but a 2xx.
    /// </para>
    /// <para>
    /// Logs go to the category <c>Midjourney.Sdk.AspNetCore</c>: the task id and why a callback was refused, never the body,
    /// a header value or the query string (they carry the secret or the SDK's token). ASP.NET Core's own request logging
    /// (<c>Microsoft.AspNetCore.Hosting</c> at Information, HTTP logging) writes the request's URL with its query string;
    /// keep it at Warning or redact the query where callbacks carry the token (MJ-Proxy, APIXO, midapi).
    /// </para>
    /// <para>
    /// The endpoint is anonymous unless the app's conventions say otherwise (a callback proves itself with the secret) and is
    /// left out of OpenAPI descriptions. The returned builder takes the usual conventions: <c>RequireHost</c>,
    /// <c>RequireRateLimiting</c>, <c>AllowAnonymous</c> where a fallback policy requires authentication, and so on.
    /// </para>
    /// </remarks>
    /// <param name="endpoints">The app or route group to map the endpoint on.</param>
    /// <param name="pattern">The route of the endpoint.</param>
    /// <param name="clientName">
    /// The name of the keyed client registered with <c>AddMidjourney(name, ...)</c> that receives the callbacks; null for
    /// the default <see cref="IMidjourneyClient"/>. Map one endpoint per client, each at its own pattern.
    /// </param>
    /// <returns>The endpoint's convention builder.</returns>
    /// <exception cref="InvalidOperationException">The client is not registered (checked where the container can tell).</exception>
    public static IEndpointConventionBuilder MapMidjourneyWebhooks(this IEndpointRouteBuilder endpoints, string pattern = "/midjourney/webhooks", string? clientName = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        if (clientName is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(clientName);
        }

        if (WebhookEndpoint.MissingClient(endpoints.ServiceProvider, clientName) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        ILogger logger = endpoints.ServiceProvider.GetService<ILoggerFactory>()?.CreateLogger(Log.Category) ?? NullLogger.Instance;
        RequestDelegate receive = new WebhookEndpoint(clientName, logger).InvokeAsync;
        return endpoints.MapPost(pattern, receive)
            .WithDisplayName(clientName is null ? "Midjourney webhooks" : $"Midjourney webhooks ({clientName})")
            .ExcludeFromDescription();
    }
}
