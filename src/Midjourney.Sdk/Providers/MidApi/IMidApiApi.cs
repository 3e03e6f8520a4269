using Refit;

namespace Midjourney.Sdk.Providers.MidApi;

/// <summary>
/// midapi's Midjourney endpoints (PROTOCOLS.md section 4; also served by kie.ai), one method per endpoint. Implemented by
/// Refit's source generator; <see cref="Http.ApiCaller"/> runs each call and reads its answer, the <c>{code, msg, data}</c>
/// envelope (<see cref="MidApiSubmitResponse"/> for submits, <see cref="MidApiRecordResponse"/> for record-info).
/// </summary>
[Headers("Accept: application/json")]
internal interface IMidApiApi
{
    /// <summary>Text-to-image or image-to-image.</summary>
    [Post("api/v1/mj/generate")]
    Task<HttpResponseMessage> GenerateAsync([Body] MidApiGenerateBody body, CancellationToken cancellationToken);

    /// <summary>One image of a grid.</summary>
    [Post("api/v1/mj/generateUpscale")]
    Task<HttpResponseMessage> GenerateUpscaleAsync([Body] MidApiImageIndexBody body, CancellationToken cancellationToken);

    /// <summary>A new grid from one image of a grid.</summary>
    [Post("api/v1/mj/generateVary")]
    Task<HttpResponseMessage> GenerateVaryAsync([Body] MidApiImageIndexBody body, CancellationToken cancellationToken);

    /// <summary>A read, safe to retry.</summary>
    [Get("api/v1/mj/record-info")]
    Task<HttpResponseMessage> RecordInfoAsync([AliasAs("taskId")] string taskId, CancellationToken cancellationToken);
}
