using System.Text;

namespace Midjourney.Sdk.Benchmarks;

/// <summary>What GoAPI v2 answers, as the server side of every benchmark sends it (bytes prepared once).</summary>
public static class Payloads
{
    public const string ApiKey = "bench-key-0123456789";
    public const string TaskId = "3f2a9c1e-7b4d-4e8a-9c61-2d5f0b8e7a13";

    /// <summary>A submit's answer.</summary>
    public static readonly byte[] Submitted = Encoding.UTF8.GetBytes(
        $$"""{"task_id":"{{TaskId}}","status":"success","message":""}""");

    /// <summary>A finished imagine task as <c>/mj/v2/fetch</c> returns it: the grid, four split images, actions (about 1.6 KB).</summary>
    public static readonly byte[] FinishedTask = Encoding.UTF8.GetBytes(
        $$$"""
        {"task_id":"{{{TaskId}}}","status":"finished","process_time":41.317,
        "meta":{"task_type":"imagine","origin_task_id":"","process_mode":"fast","created_at":1767225600,"started_at":1767225604,"ended_at":1767225645,
        "task_request":{"prompt":"a lighthouse on a cliff at dawn, oil painting --v 7","aspect_ratio":"1:1","process_mode":"fast"}},
        "task_result":{"image_url":"https://img.midjourneyapi.xyz/mj/{{{TaskId}}}.png",
        "image_urls":["https://img.midjourneyapi.xyz/mj/{{{TaskId}}}_0.png","https://img.midjourneyapi.xyz/mj/{{{TaskId}}}_1.png","https://img.midjourneyapi.xyz/mj/{{{TaskId}}}_2.png","https://img.midjourneyapi.xyz/mj/{{{TaskId}}}_3.png"],
        "discord_image_url":"https://cdn.discordapp.com/attachments/1/2/{{{TaskId}}}.png","permanent_url":"https://img.midjourneyapi.xyz/mj/{{{TaskId}}}.png",
        "task_progress":100,"intermediate_image_urls":[],"image_id":"9f3c2a1b7d6e5f40","seed":"2874103312","message":"","error_messages":[],
        "actions":["reroll","upscale1","upscale2","upscale3","upscale4","variation1","variation2","variation3","variation4"],"quota_used":2}}
        """);
}
