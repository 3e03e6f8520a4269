using Refit;

namespace Midjourney.Sdk.Providers.Apixo;

/// <summary>
/// APIXO's Midjourney endpoints (PROTOCOLS.md section 3), one method per endpoint. Implemented by Refit's source generator;
/// <see cref="Http.ApiCaller"/> runs each call and reads its answer, the <c>{code, message, data}</c> envelope.
/// </summary>
/// <remarks><c>authorization</c> is <c>Bearer &lt;key&gt;</c>: a parameter, so the key travels on each request only.</remarks>
[Headers("Accept: application/json")]
internal interface IApixoApi
{
    /// <summary>A billable submit; <c>data.taskId</c> is the new task (<see cref="ApixoSubmitResponse"/>).</summary>
    [Post("api/v1/generateTask/midjourney")]
    Task<HttpResponseMessage> GenerateTaskAsync([Header("Authorization")] string authorization, [Body] ApixoGenerateBody body, CancellationToken cancellationToken);

    /// <summary>The account balance in USD (<see cref="ApixoBalanceResponse"/>); a read, safe to retry.</summary>
    [Get("api/v1/apikeys/current-balance")]
    Task<HttpResponseMessage> CurrentBalanceAsync([Header("Authorization")] string authorization, CancellationToken cancellationToken);

    /// <summary>A read, safe to retry (<see cref="ApixoEnvelope"/> with <see cref="ApixoTaskData"/>).</summary>
    [Get("api/v1/statusTask/midjourney")]
    Task<HttpResponseMessage> StatusTaskAsync([Header("Authorization")] string authorization, [AliasAs("taskId")] string taskId, CancellationToken cancellationToken);
}
