using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Midjourney.Sdk.Emulator.Images;

/// <summary>Serves the pictures (and video clips), with no auth, like the CDNs the real providers link to.</summary>
internal static class ImageEndpoints
{
    public const string PathPrefix = "/images";

    public static void Map(IEndpointRouteBuilder routes, ImageStore images)
        => routes.MapMethods(PathPrefix + "/{taskId}/{file}", [HttpMethods.Get, HttpMethods.Head], context => ServeAsync(context, images));

    private static Task ServeAsync(HttpContext context, ImageStore images)
    {
        var taskId = context.Request.RouteValues["taskId"] as string ?? "";
        var file = context.Request.RouteValues["file"] as string ?? "";
        var png = images.Find(taskId, file);
        if (png is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        context.Response.ContentType = file.EndsWith(".mp4", StringComparison.Ordinal) ? "video/mp4" : "image/png";
        context.Response.ContentLength = png.Length;
        return HttpMethods.IsHead(context.Request.Method)
            ? Task.CompletedTask
            : context.Response.Body.WriteAsync(png, context.RequestAborted).AsTask();
    }
}
