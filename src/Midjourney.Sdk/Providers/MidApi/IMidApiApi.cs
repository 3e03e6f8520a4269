using Midjourney.Sdk.Http;

namespace Midjourney.Sdk.Providers.MidApi;

/// <summary>midapi's Midjourney endpoints (also served by kie.ai), one method per endpoint.</summary>
internal interface IMidApiApi
{
    /// <summary><c>POST /api/v1/mj/generate</c>: text-to-image or image-to-image.</summary>
    Task<ApiResponse<MidApiSubmitResponse>> GenerateAsync(MidApiGenerateBody body, CancellationToken cancellationToken);

    /// <summary><c>POST /api/v1/mj/generateUpscale</c>: one image of a grid.</summary>
    Task<ApiResponse<MidApiSubmitResponse>> GenerateUpscaleAsync(MidApiImageIndexBody body, CancellationToken cancellationToken);

    /// <summary><c>POST /api/v1/mj/generateVary</c>: a new grid from one image of a grid.</summary>
    Task<ApiResponse<MidApiSubmitResponse>> GenerateVaryAsync(MidApiImageIndexBody body, CancellationToken cancellationToken);

    /// <summary><c>GET /api/v1/mj/record-info?taskId=...</c>: a read, safe to retry.</summary>
    Task<ApiResponse<MidApiRecordResponse>> RecordInfoAsync(string taskId, CancellationToken cancellationToken);
}
