using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Midjourney.Sdk.Emulator.Images;
using Midjourney.Sdk.Emulator.Tasks;

namespace Midjourney.Sdk.Emulator.Protocols.Apixo;

/// <summary>
/// APIXO's task API for the <c>midjourney</c> model: <c>POST /api/v1/generateTask/midjourney</c> and
/// <c>GET /api/v1/statusTask/midjourney?taskId=...</c> with <c>Authorization: Bearer</c>. Every answer is
/// <c>{"code", "message", "data"}</c>; errors carry the same code as their HTTP status and <c>data.error</c>; a failed task
/// is a 200 with <c>state: failed</c> and a <c>failCode</c> (<c>[nsfw]</c> in the prompt: CONTENT_VIOLATION; <c>[fail]</c>:
/// GENERATION_FAILED). In callback mode the task also POSTs the status envelope to <c>callback_url</c> when it ends.
/// </summary>
internal sealed class ApixoProtocol(TaskStore store, string apiKey) : IEmulatedProtocol
{
    // Only these two: midapi's /api/v1/mj/... lives under the same /api/v1 and must stay its own.
    private const string GeneratePath = "/api/v1/generateTask";
    private const string StatusPath = "/api/v1/statusTask";

    /// <summary>The account balance in USD; the emulator's account always holds <see cref="Balance"/>.</summary>
    private const string BalancePath = "/api/v1/apikeys/current-balance";

    private const decimal Balance = 100.00m;

    private readonly byte[] _apiKey = Encoding.UTF8.GetBytes(apiKey);
    private readonly ApixoSubmits _submits = new(store);

    public bool Owns(PathString path)
        => path.StartsWithSegments(GeneratePath, StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments(StatusPath, StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments(BalancePath, StringComparison.OrdinalIgnoreCase);

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost(GeneratePath + "/{model}", context => HandleAsync(context, GenerateAsync));
        routes.MapGet(StatusPath + "/{model}", context => HandleAsync(context, StatusAsync));
        routes.MapGet(BalancePath, BalanceAsync);
    }

    public Task WriteErrorAsync(HttpContext context, int statusCode, string message)
        => JsonReplies.WriteAsync(context, statusCode, writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("code", statusCode);
            writer.WriteString("message", message);
            writer.WriteStartObject("data");
            writer.WriteString("error", ApixoNames.ErrorName(statusCode));
            writer.WriteEndObject();
            writer.WriteEndObject();
        });

    private async Task HandleAsync(HttpContext context, Func<HttpContext, Task> handler)
    {
        if (!IsAuthorized(context.Request))
        {
            await WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "Invalid API key");
            return;
        }

        try
        {
            var model = context.Request.RouteValues["model"] as string;
            if (!string.Equals(model, ApixoNames.Model, StringComparison.Ordinal))
            {
                throw new RequestRejectedException(404, $"model {model} not found (the emulator serves {ApixoNames.Model} only)");
            }

            await handler(context);
        }
        catch (RequestRejectedException e) when (!context.Response.HasStarted)
        {
            await WriteErrorAsync(context, e.StatusCode, e.Message);
        }
    }

    private bool IsAuthorized(HttpRequest request)
    {
        const string scheme = "Bearer ";
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()), _apiKey);
    }

    /// <summary><c>{"code": 200, "message": "success", "data": {"balance": 100.0}}</c>.</summary>
    private Task BalanceAsync(HttpContext context) => IsAuthorized(context.Request)
        ? Success(context, writer => writer.WriteNumber("balance", Balance))
        : WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "Invalid API key");

    private async Task GenerateAsync(HttpContext context)
    {
        using var document = await JsonReplies.ReadObjectAsync(context.Request, context.RequestAborted);
        var task = _submits.Submit(new ApixoFields(document.RootElement, ""));
        await Success(context, writer => writer.WriteString("taskId", task.Id));
    }

    private Task StatusAsync(HttpContext context)
    {
        var taskId = context.Request.Query["taskId"].ToString();
        if (string.IsNullOrWhiteSpace(taskId))
        {
            throw new RequestRejectedException("taskId is required");
        }

        if (!store.TryGet(taskId, out var task))
        {
            throw new RequestRejectedException(404, $"task {taskId} not found");
        }

        var state = store.StateOf(task);
        var baseUrl = ImageLinks.BaseUrlOf(context.Request);
        return JsonReplies.WriteAsync(context, StatusCodes.Status200OK, writer => ApixoStatusObject.WriteEnvelope(writer, task, state, baseUrl));
    }

    private static Task Success(HttpContext context, Action<Utf8JsonWriter> writeData)
        => JsonReplies.WriteAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("code", 200);
            writer.WriteString("message", "success");
            writer.WriteStartObject("data");
            writeData(writer);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
}
