namespace Midjourney.Sdk;

/// <summary>The relay service a <see cref="MidjourneyClient"/> talks to.</summary>
public enum MidjourneyProvider
{
    /// <summary>GoAPI's Midjourney API v2 (<c>https://api.midjourneyapi.xyz</c>, also <c>https://api.goapi.ai</c>).</summary>
    GoApi,

    /// <summary>An MJ-Proxy style relay (<c>/mj/submit/...</c> and <c>/mj/task/{id}/fetch</c>).</summary>
    MjProxy,

    /// <summary>APIXO's <c>generateTask</c>/<c>statusTask</c> API.</summary>
    Apixo,

    /// <summary>midapi's <c>/api/v1/mj</c> API (also served by kie.ai).</summary>
    MidApi,
}
