using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Midjourney.Sdk.Emulator.Images;
using Midjourney.Sdk.Emulator.Tasks;

namespace Midjourney.Sdk.Emulator.Protocols.MjProxy;

/// <summary>
/// MJ-Proxy, the protocol of the open-source midjourney-proxy servers and the relays that resell them: submits under
/// <c>/mj/submit/</c>, tasks under <c>/mj/task/</c>, optionally behind a lane prefix (<c>/mj-fast/mj/...</c>, <c>/fast/mj/...</c>).
/// The key comes as <c>Authorization: Bearer</c> (relays) or <c>mj-api-secret</c> (self-hosted). Submits answer HTTP 200
/// with a body-level code; follow-ups press the parent's Discord buttons.
/// </summary>
internal sealed class MjProxyProtocol : IEmulatedProtocol
{
    private readonly TaskStore _store;
    private readonly byte[] _apiKey;
    private readonly MjProxyDialogs _dialogs;
    private readonly MjProxySubmits _submits;

    public MjProxyProtocol(TaskStore store, string apiKey)
    {
        _store = store;
        _apiKey = Encoding.UTF8.GetBytes(apiKey);
        _dialogs = new MjProxyDialogs(store);
        _submits = new MjProxySubmits(store, _dialogs);
    }

    public bool Owns(PathString path)
    {
        var unlaned = path;
        var value = path.Value ?? "";
        var second = value.IndexOf('/', 1);
        if (second > 0 && MjProxyNames.Lanes.Contains(value[1..second], StringComparer.OrdinalIgnoreCase))
        {
            unlaned = new PathString(value[second..]);
        }

        return unlaned.StartsWithSegments("/mj/submit", StringComparison.OrdinalIgnoreCase)
            || unlaned.StartsWithSegments("/mj/task", StringComparison.OrdinalIgnoreCase);
    }

    public void Map(IEndpointRouteBuilder routes)
    {
        foreach (var lane in MjProxyNames.Lanes)
        {
            var prefix = lane.Length == 0 ? "" : "/" + lane;
            var mode = MjProxyNames.ModeOfLane(lane);
            MapSubmit(routes, prefix, "imagine", body => _submits.Imagine(body, mode));
            MapSubmit(routes, prefix, "blend", body => _submits.Blend(body, mode));
            MapSubmit(routes, prefix, "describe", body => _submits.Describe(body, mode));
            MapSubmit(routes, prefix, "shorten", body => _submits.Shorten(body, mode));
            MapSubmit(routes, prefix, "video", body => _submits.Video(body, mode));
            MapSubmit(routes, prefix, "action", _submits.Action);
            MapSubmit(routes, prefix, "modal", _submits.Modal);
            routes.MapGet($"{prefix}/mj/task/{{id}}/fetch", context => HandleAsync(context, readBody: false, (_, _) => FetchAsync(context)));
            routes.MapPost($"{prefix}/mj/task/list-by-condition", context => HandleAsync(context, readBody: true, ListByConditionAsync));
            routes.MapPost($"{prefix}/mj/task/{{id}}/cancel", context => HandleAsync(context, readBody: false, (_, _) => CancelAsync(context)));
            routes.MapGet($"{prefix}/mj/task/{{id}}/image-seed", context => HandleAsync(context, readBody: false, (_, _) => ImageSeedAsync(context)));
        }
    }

    /// <summary>The servers' error body, <c>{"code", "description", "result": null}</c>, with a real HTTP status.</summary>
    public Task WriteErrorAsync(HttpContext context, int statusCode, string message)
        => JsonReplies.WriteAsync(context, statusCode, writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("code", statusCode switch
            {
                StatusCodes.Status404NotFound => MjProxyNames.NotFound,
                StatusCodes.Status400BadRequest => MjProxyNames.ValidationError,
                StatusCodes.Status429TooManyRequests => MjProxyNames.QueueRejected,
                _ => MjProxyNames.Failure,
            });
            writer.WriteString("description", message);
            writer.WriteNull("result");
            writer.WriteStartObject("properties");
            writer.WriteEndObject();
            writer.WriteEndObject();
        });

    private void MapSubmit(IEndpointRouteBuilder routes, string prefix, string name, Func<MjProxyBody, MjProxyAccepted> submit)
        => routes.MapPost($"{prefix}/mj/submit/{name}", context => HandleAsync(context, readBody: true, (_, body) =>
        {
            var accepted = submit(body);
            return JsonReplies.WriteAsync(context, StatusCodes.Status200OK, writer =>
            {
                writer.WriteStartObject();
                writer.WriteNumber("code", accepted.Code);
                writer.WriteString("description", accepted.Description);
                writer.WriteString("result", accepted.TaskId);
                writer.WriteStartObject("properties");
                if (accepted.NumberOfQueues is { } queued)
                {
                    writer.WriteNumber("numberOfQueues", queued);
                }

                if (accepted.DialogPrompt is { } dialogPrompt)
                {
                    writer.WriteString("finalPrompt", dialogPrompt);
                    writer.WriteBoolean("remix", true);
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            });
        }));

    private async Task HandleAsync(HttpContext context, bool readBody, Func<HttpContext, MjProxyBody, Task> handler)
    {
        if (!IsAuthorized(context.Request))
        {
            await WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "Invalid API key");
            return;
        }

        try
        {
            if (!readBody)
            {
                await handler(context, default);
                return;
            }

            using var document = await JsonReplies.ReadObjectAsync(context.Request, context.RequestAborted);
            await handler(context, new MjProxyBody(document.RootElement));
        }
        catch (RequestRejectedException e) when (!context.Response.HasStarted)
        {
            await WriteErrorAsync(context, e.StatusCode, e.Message);
        }
        catch (MjProxyCodeException e) when (!context.Response.HasStarted)
        {
            // The servers refuse with HTTP 200: only the body's code says so.
            await JsonReplies.WriteAsync(context, StatusCodes.Status200OK, writer =>
            {
                writer.WriteStartObject();
                writer.WriteNumber("code", e.Code);
                writer.WriteString("description", e.Message);
                writer.WriteNull("result");
                writer.WriteStartObject("properties");
                if (e.BannedWord is { } word)
                {
                    writer.WriteString("bannedWord", word);
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            });
        }
    }

    /// <summary>Either header style is accepted, as relays (Bearer) and self-hosted servers (mj-api-secret) differ.</summary>
    private bool IsAuthorized(HttpRequest request)
    {
        var secret = request.Headers["mj-api-secret"].ToString();
        var authorization = request.Headers.Authorization.ToString();
        var bearer = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : "";
        return Matches(secret) || Matches(bearer);
    }

    private bool Matches(string given) => given.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), _apiKey);

    /// <summary>An unknown id is answered as the servers do: HTTP 200 with an empty body.</summary>
    private Task FetchAsync(HttpContext context)
    {
        var id = context.Request.RouteValues["id"] as string ?? "";
        var baseUrl = ImageLinks.BaseUrlOf(context.Request);
        if (!TryWrite(id, baseUrl, out var write))
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentLength = 0;
            return Task.CompletedTask;
        }

        return JsonReplies.WriteAsync(context, StatusCodes.Status200OK, write);
    }

    /// <summary>
    /// trueai-org's cancel: code 1 when the task was running or queued (it then reads <c>CANCEL</c>), code 3 for an unknown
    /// id, code 9 for a task that has already ended.
    /// </summary>
    private Task CancelAsync(HttpContext context)
    {
        var id = context.Request.RouteValues["id"] as string ?? "";
        if (!_store.TryGet(id, out var task))
        {
            throw new MjProxyCodeException(MjProxyNames.NotFound, $"Task {id} does not exist");
        }

        if (!_store.TryCancel(task))
        {
            throw new MjProxyCodeException(MjProxyNames.Failure, $"Task {id} has already ended; it cannot be canceled");
        }

        return JsonReplies.WriteAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("code", MjProxyNames.Success);
            writer.WriteString("description", "Success");
            writer.WriteNull("result");
            writer.WriteEndObject();
        });
    }

    /// <summary>
    /// trueai-org's <c>image-seed</c>: HTTP 200 and code 1 with the seed for a finished grid or image, which the task object
    /// reports from then on; HTTP 200 and code 3 for a finished video, where the server asks Discord and finds none; HTTP 400 and code 4
    /// for a task without its Discord message yet (running, failed, canceled, waiting for its dialog, or text-only); HTTP 404
    /// and code 3 for an unknown id.
    /// </summary>
    private Task ImageSeedAsync(HttpContext context)
    {
        var id = context.Request.RouteValues["id"] as string ?? "";
        if (!_store.TryGet(id, out var task))
        {
            throw _dialogs.TryGet(id, out _)
                ? new RequestRejectedException(StatusCodes.Status400BadRequest, $"Task {id} has no Discord message yet")
                : new RequestRejectedException(StatusCodes.Status404NotFound, $"Task {id} does not exist or has expired");
        }

        var state = _store.StateOf(task);
        if (state.Phase != TaskPhase.Succeeded || state.Canceled || task.Output == TaskOutput.Text)
        {
            throw new RequestRejectedException(StatusCodes.Status400BadRequest, $"Task {id} has no Discord message yet");
        }

        if (task.Output == TaskOutput.Video)
        {
            throw new MjProxyCodeException(MjProxyNames.NotFound, "Seed not found");
        }

        _store.MarkSeedLookedUp(task);
        return JsonReplies.WriteAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("code", MjProxyNames.Success);
            writer.WriteString("description", "Success");
            writer.WriteString("result", PromptFlags.ReportedSeed(task));
            writer.WriteStartObject("properties");
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
    }

    /// <summary><c>{"ids": [...]}</c> → the known tasks among them, unknown ids left out.</summary>
    private Task ListByConditionAsync(HttpContext context, MjProxyBody body)
    {
        var ids = body.StringArray("ids") ?? [];
        var baseUrl = ImageLinks.BaseUrlOf(context.Request);
        return JsonReplies.WriteAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartArray();
            foreach (var id in ids.Distinct(StringComparer.Ordinal))
            {
                if (TryWrite(id, baseUrl, out var write))
                {
                    write(writer);
                }
            }

            writer.WriteEndArray();
        });
    }

    private bool TryWrite(string id, Uri baseUrl, out Action<Utf8JsonWriter> write)
    {
        if (_store.TryGet(id, out var task))
        {
            var state = _store.StateOf(task);
            write = writer => MjProxyTaskObject.Write(writer, task, state, baseUrl);
            return true;
        }

        if (_dialogs.TryGet(id, out var dialog))
        {
            write = writer => MjProxyTaskObject.Write(writer, dialog);
            return true;
        }

        write = _ => { };
        return false;
    }
}
