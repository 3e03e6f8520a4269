using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Midjourney.Sdk.Emulator.Images;
using Midjourney.Sdk.Emulator.Tasks;

namespace Midjourney.Sdk.Emulator.Protocols.GoApi;

/// <summary>
/// GoAPI's Midjourney API v2: every endpoint is a POST under <c>/mj/v2/</c> with a JSON body and an
/// <c>X-API-KEY</c> header; errors are <c>{"status":"failed","message":"..."}</c> with a 4xx/5xx status.
/// </summary>
internal sealed class GoApiProtocol(TaskStore store, string apiKey) : IEmulatedProtocol
{
    private const string PathPrefix = "/mj/v2";
    private readonly byte[] _apiKey = Encoding.UTF8.GetBytes(apiKey);
    private readonly GoApiSubmits _submits = new(store);

    public bool Owns(PathString path) => path.StartsWithSegments(PathPrefix, StringComparison.OrdinalIgnoreCase);

    public void Map(IEndpointRouteBuilder routes)
    {
        MapSubmit(routes, "imagine", _submits.Imagine);
        MapSubmit(routes, "reroll", _submits.Reroll);
        MapSubmit(routes, "upscale", _submits.Upscale);
        MapSubmit(routes, "variation", _submits.Variation);
        MapSubmit(routes, "inpaint", _submits.Inpaint);
        MapSubmit(routes, "outpaint", _submits.Outpaint);
        MapSubmit(routes, "pan", _submits.Pan);
        MapSubmit(routes, "describe", _submits.Describe);
        MapSubmit(routes, "blend", _submits.Blend);
        MapPost(routes, "fetch", FetchAsync);
        MapPost(routes, "multi_fetch", MultiFetchAsync);
    }

    public Task WriteErrorAsync(HttpContext context, int statusCode, string message)
        => JsonReplies.WriteAsync(context, statusCode, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("status", "failed");
            writer.WriteString("message", message);
            writer.WriteEndObject();
        });

    private void MapSubmit(IEndpointRouteBuilder routes, string name, Func<GoApiBody, EmulatedTask> submit)
        => MapPost(routes, name, (context, body) =>
        {
            var task = submit(body);
            return JsonReplies.WriteAsync(context, StatusCodes.Status200OK, writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("task_id", task.Id);
                writer.WriteString("status", "success");
                writer.WriteString("message", "");
                writer.WriteEndObject();
            });
        });

    private void MapPost(IEndpointRouteBuilder routes, string name, Func<HttpContext, GoApiBody, Task> handler)
        => routes.MapPost($"{PathPrefix}/{name}", context => HandleAsync(context, handler));

    private async Task HandleAsync(HttpContext context, Func<HttpContext, GoApiBody, Task> handler)
    {
        if (!IsAuthorized(context.Request))
        {
            await WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "Invalid API key");
            return;
        }

        try
        {
            using var document = await JsonReplies.ReadObjectAsync(context.Request, context.RequestAborted);
            await handler(context, new GoApiBody(document.RootElement));
        }
        catch (RequestRejectedException e) when (!context.Response.HasStarted)
        {
            await WriteErrorAsync(context, e.StatusCode, e.Message);
        }
    }

    private bool IsAuthorized(HttpRequest request)
    {
        var given = request.Headers["X-API-KEY"].ToString();
        return given.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), _apiKey);
    }

    private Task FetchAsync(HttpContext context, GoApiBody body)
    {
        var taskId = body.RequiredString("task_id");
        if (!store.TryGet(taskId, out var task))
        {
            throw new RequestRejectedException(StatusCodes.Status404NotFound, $"task {taskId} not found");
        }

        var now = store.Now;
        var state = TaskLifecycle.StateAt(task, now);
        var baseUrl = ImageLinks.BaseUrlOf(context.Request);
        return JsonReplies.WriteAsync(context, StatusCodes.Status200OK, writer => GoApiFetchObject.Write(writer, task, state, now, baseUrl));
    }

    private Task MultiFetchAsync(HttpContext context, GoApiBody body)
    {
        var taskIds = body.StringArray("task_ids") ?? throw new RequestRejectedException("task_ids is required");
        var now = store.Now;
        var baseUrl = ImageLinks.BaseUrlOf(context.Request);
        return JsonReplies.WriteAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("data");
            foreach (var taskId in taskIds.Distinct(StringComparer.Ordinal))
            {
                writer.WritePropertyName(taskId);
                if (store.TryGet(taskId, out var task))
                {
                    GoApiFetchObject.Write(writer, task, TaskLifecycle.StateAt(task, now), now, baseUrl);
                }
                else
                {
                    writer.WriteNullValue();
                }
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        });
    }
}
