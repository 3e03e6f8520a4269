using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Midjourney.Sdk.Emulator.Images;
using Midjourney.Sdk.Emulator.Tasks;

namespace Midjourney.Sdk.Emulator.Protocols.MidApi;

/// <summary>
/// midapi's Midjourney API (also kie.ai's), under <c>/api/v1/mj/</c> with <c>Authorization: Bearer &lt;key&gt;</c>. Every
/// answer is the envelope <c>{code, msg, data}</c>; like the real service, refusals (bad key, validation, unknown task)
/// come with HTTP 200 and the code in the body. Only injected faults, which stand for the infrastructure in front of the
/// service, use their HTTP status.
/// </summary>
internal sealed class MidApiProtocol(TaskStore store, string apiKey) : IEmulatedProtocol
{
    // Exactly midapi's segment: APIXO's /api/v1/generateTask and /api/v1/statusTask are not ours.
    private const string PathPrefix = "/api/v1/mj";

    /// <summary>kie.ai's credit balance; the emulator's account always holds <see cref="Credits"/>.</summary>
    private const string CreditPath = "/api/v1/chat/credit";

    private const int Credits = 1000;
    private readonly byte[] _apiKey = Encoding.UTF8.GetBytes(apiKey);
    private readonly MidApiSubmits _submits = new(store);

    public bool Owns(PathString path) => path.StartsWithSegments(PathPrefix, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(CreditPath, StringComparison.OrdinalIgnoreCase);

    public void Map(IEndpointRouteBuilder routes)
    {
        MapSubmit(routes, "generate", _submits.Generate);
        MapSubmit(routes, "generateUpscale", _submits.Upscale);
        MapSubmit(routes, "generateVary", _submits.Vary);
        routes.MapGet($"{PathPrefix}/record-info", RecordInfoAsync);
        routes.MapGet(CreditPath, context => HandleAsync(context, () => JsonReplies.WriteAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("code", 200);
            writer.WriteString("msg", "success");
            writer.WriteNumber("data", Credits);
            writer.WriteEndObject();
        })));

        // Anything else under the prefix (the seed document's /api/v1/mj/upscale, a GET of a submit) does not exist.
        routes.Map($"{PathPrefix}/{{**rest}}", context => WriteEnvelopeAsync(
            context, StatusCodes.Status404NotFound, 404, $"Not Found: {context.Request.Method} {context.Request.Path} does not exist"));
    }

    /// <summary>An injected fault: its HTTP status, with the envelope's code repeating it.</summary>
    public Task WriteErrorAsync(HttpContext context, int statusCode, string message)
        => WriteEnvelopeAsync(context, statusCode, statusCode, message);

    private static Task WriteEnvelopeAsync(HttpContext context, int httpStatus, int code, string message)
        => JsonReplies.WriteAsync(context, httpStatus, writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("code", code);
            writer.WriteString("msg", message);
            writer.WriteNull("data");
            writer.WriteEndObject();
        });

    private void MapSubmit(IEndpointRouteBuilder routes, string name, Func<MidApiBody, EmulatedTask> submit)
        => routes.MapPost($"{PathPrefix}/{name}", context => HandleAsync(context, async () =>
        {
            using var document = await JsonReplies.ReadObjectAsync(context.Request, context.RequestAborted);
            var task = submit(new MidApiBody(document.RootElement));
            await JsonReplies.WriteAsync(context, StatusCodes.Status200OK, writer =>
            {
                writer.WriteStartObject();
                writer.WriteNumber("code", 200);
                writer.WriteString("msg", "success");
                writer.WriteStartObject("data");
                writer.WriteString("taskId", task.Id);
                writer.WriteEndObject();
                writer.WriteEndObject();
            });
        }));

    private Task RecordInfoAsync(HttpContext context) => HandleAsync(context, () =>
    {
        var taskId = context.Request.Query["taskId"].ToString();
        if (string.IsNullOrWhiteSpace(taskId))
        {
            throw MidApiBody.Invalid("taskId is required");
        }

        if (!store.TryGet(taskId, out var task))
        {
            throw new RequestRejectedException(404, $"task {taskId} not found");
        }

        var state = store.StateOf(task);
        var baseUrl = ImageLinks.BaseUrlOf(context.Request);
        return JsonReplies.WriteAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("code", 200);
            writer.WriteString("msg", "success");
            writer.WritePropertyName("data");
            MidApiRecordObject.Write(writer, task, state, baseUrl);
            writer.WriteEndObject();
        });
    });

    private async Task HandleAsync(HttpContext context, Func<Task> handler)
    {
        if (!IsAuthorized(context.Request))
        {
            await WriteEnvelopeAsync(context, StatusCodes.Status200OK, 401, "You do not have access permissions: invalid or missing API key");
            return;
        }

        try
        {
            await handler();
        }
        catch (RequestRejectedException e) when (!context.Response.HasStarted)
        {
            await WriteEnvelopeAsync(context, StatusCodes.Status200OK, e.StatusCode, e.Message);
        }
    }

    private bool IsAuthorized(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var given = Encoding.UTF8.GetBytes(header[scheme.Length..].Trim());
        return given.Length > 0 && CryptographicOperations.FixedTimeEquals(given, _apiKey);
    }
}
