using Refit;

namespace Midjourney.Sdk.Providers.MidApi;

/// <summary>
/// midapi's Midjourney endpoints (PROTOCOLS.md section 4; also served by kie.ai), one method per endpoint. Implemented by
/// Refit's source generator; <see cref="Http.ApiCaller"/> runs each call and reads its answer, the <c>{code, msg, data}</c>
/// envelope (<see cref="MidApiSubmitResponse"/> for submits, <see cref="MidApiRecordResponse"/> for record-info).
/// </summary>
/// <remarks><c>authorization</c> is <c>Bearer &lt;key&gt;</c>: a parameter, so the key travels on each request only.</remarks>
[Headers("Accept: application/json")]
internal interface IMidApiApi
{
    /// <summary>Text-to-image, image-to-image or image-to-video (by <c>taskType</c>).</summary>
    [Post("api/v1/mj/generate")]
    Task<HttpResponseMessage> GenerateAsync([Header("Authorization")] string authorization, [Body] MidApiGenerateBody body, CancellationToken cancellationToken);

    /// <summary>One image of a grid.</summary>
    [Post("api/v1/mj/generateUpscale")]
    Task<HttpResponseMessage> GenerateUpscaleAsync([Header("Authorization")] string authorization, [Body] MidApiImageIndexBody body, CancellationToken cancellationToken);

    /// <summary>A new grid from one image of a grid.</summary>
    [Post("api/v1/mj/generateVary")]
    Task<HttpResponseMessage> GenerateVaryAsync([Header("Authorization")] string authorization, [Body] MidApiImageIndexBody body, CancellationToken cancellationToken);

    /// <summary>kie.ai only: the credits left (<see cref="MidApiCreditResponse"/>); a read, safe to retry.</summary>
    [Get("api/v1/chat/credit")]
    Task<HttpResponseMessage> CreditAsync([Header("Authorization")] string authorization, CancellationToken cancellationToken);

    /// <summary>A read, safe to retry.</summary>
    [Get("api/v1/mj/record-info")]
    Task<HttpResponseMessage> RecordInfoAsync([Header("Authorization")] string authorization, [AliasAs("taskId")] string taskId, CancellationToken cancellationToken);
}
