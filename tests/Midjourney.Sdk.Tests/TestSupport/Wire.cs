using System.Net;
using WireMock.ResponseBuilders;

namespace Midjourney.Sdk.Tests.TestSupport;

/// <summary>Scripted answers for <see cref="WireServer"/>.</summary>
public static class Wire
{
    /// <summary>A JSON body with <paramref name="status"/> (200 by default).</summary>
    public static IResponseBuilder Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        Text(json, "application/json", status);

    /// <summary>An error status with a JSON body and, when given, a <c>Retry-After</c> in seconds.</summary>
    public static IResponseBuilder Error(HttpStatusCode status, string json, TimeSpan? retryAfter = null)
    {
        IResponseBuilder answer = Json(json, status);
        return retryAfter is TimeSpan delta ? answer.WithHeader("Retry-After", ((int)delta.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture)) : answer;
    }

    /// <summary>A body of any media type.</summary>
    public static IResponseBuilder Text(string text, string mediaType, HttpStatusCode status) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", mediaType + "; charset=utf-8").WithBody(text);

    /// <summary>An HTML page, as a CDN or proxy in front of the provider sends.</summary>
    public static IResponseBuilder Html(HttpStatusCode status, string html = "<html><body><h1>Error</h1></body></html>") =>
        Text(html, "text/html", status);

    /// <summary>No body at all.</summary>
    public static IResponseBuilder Empty(HttpStatusCode status = HttpStatusCode.OK) => Response.Create().WithStatusCode(status);
}
