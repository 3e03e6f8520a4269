using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Midjourney.Sdk.Emulator.Protocols;

/// <summary>
/// One provider wire protocol served at the emulator's base URL. Protocols own disjoint path prefixes,
/// so one emulator serves them all; faults find the protocol of a request here to answer in its error shape.
/// </summary>
internal interface IEmulatedProtocol
{
    /// <summary>True when <paramref name="path"/> is one of this protocol's API paths.</summary>
    bool Owns(PathString path);

    void Map(IEndpointRouteBuilder routes);

    /// <summary>Writes an error in this protocol's own body shape.</summary>
    Task WriteErrorAsync(HttpContext context, int statusCode, string message);
}
