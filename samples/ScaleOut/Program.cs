// ScaleOut: the shape of an app that runs on several machines behind a load balancer, with the Redis backplane.
//
//   ConnectionStrings__Redis=redis.internal:6379 Midjourney__Provider=GoApi Midjourney__ApiKey=... \
//   Midjourney__Webhooks__Url=https://app.example.com/midjourney/webhooks Midjourney__Webhooks__Secret=... \
//   dotnet run --project samples/ScaleOut
//
// Every instance runs the same code. A provider's callback lands on any instance; the backplane hands it to the waits and
// the handlers of all of them; one instance at a time checks a task; and an instance that restarts resumes the tasks that
// were being waited on, so ResultStore still receives their final states. CI builds it; it needs a Redis and a provider
// (the WebhookServer sample shows the same app on the emulator, without Redis).
using Midjourney.Sdk;
using ScaleOut;

WebApplicationBuilder builder = WebApplication.CreateBuilder(args);

builder.Services.AddMidjourney(builder.Configuration.GetSection("Midjourney"));
builder.Services.AddMidjourneyTaskHandler<ResultStore>();
builder.Services.AddMidjourneyRedisBackplane(builder.Configuration.GetConnectionString("Redis") ?? "localhost:6379");
builder.Services.Configure<MidjourneyRedisOptions>(o => o.Prefix = "myapp-" + builder.Environment.EnvironmentName.ToLowerInvariant());

WebApplication app = builder.Build();
app.MapMidjourneyWebhooks(); // POST /midjourney/webhooks, on every instance

// Submits and answers at once; the result reaches ResultStore on every instance, whichever one the callback lands on.
app.MapPost("/images", async (ImagineBody body, IMidjourneyClient midjourney, CancellationToken cancellationToken) =>
{
    MidjourneyTask task = await midjourney.ImagineAsync(new ImagineRequest(body.Prompt), cancellationToken);
    return Results.Accepted($"/images/{task.Id}", new { task.Id });
});

// Waits on whichever instance the request reaches: a callback on another instance ends this wait too.
app.MapGet("/images/{id}", async (string id, IMidjourneyClient midjourney, CancellationToken cancellationToken) =>
{
    MidjourneyTask task = await midjourney.WaitForCompletionAsync(id, cancellationToken: cancellationToken);
    return Results.Ok(new { task.Id, task.Status, task.ImageUrls });
});

app.Run();

internal sealed record ImagineBody(string Prompt);
