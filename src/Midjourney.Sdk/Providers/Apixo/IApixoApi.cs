using Midjourney.Sdk.Http;

namespace Midjourney.Sdk.Providers.Apixo;

/// <summary>APIXO's Midjourney endpoints, one method per endpoint. Every answer is the <c>{code, message, data}</c> envelope.</summary>
internal interface IApixoApi
{
    /// <summary><c>POST /api/v1/generateTask/midjourney</c>: a billable submit; <c>data.taskId</c> is the new task.</summary>
    Task<ApiResponse<ApixoSubmitResponse>> GenerateTaskAsync(ApixoGenerateBody body, CancellationToken cancellationToken);

    /// <summary><c>GET /api/v1/statusTask/midjourney?taskId=...</c>: a read, safe to retry.</summary>
    Task<ApiResponse<ApixoEnvelope>> StatusTaskAsync(string taskId, CancellationToken cancellationToken);
}
