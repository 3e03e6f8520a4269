using Midjourney.Sdk.Http;

namespace Midjourney.Sdk.Providers.Apixo;

/// <summary>The typed APIXO endpoints over the shared <see cref="JsonApiClient"/>.</summary>
internal sealed class ApixoApi(JsonApiClient http) : IApixoApi
{
    private static ApixoJsonContext Json => ApixoJsonContext.Default;

    public Task<ApiResponse<ApixoSubmitResponse>> GenerateTaskAsync(ApixoGenerateBody body, CancellationToken cancellationToken) =>
        http.PostAsync("api/v1/generateTask/midjourney", body, Json.ApixoGenerateBody, Json.ApixoSubmitResponse, ApiCallKind.Submit, cancellationToken);

    public Task<ApiResponse<ApixoEnvelope>> StatusTaskAsync(string taskId, CancellationToken cancellationToken) =>
        http.GetAsync("api/v1/statusTask/midjourney?taskId=" + Uri.EscapeDataString(taskId), Json.ApixoEnvelope, cancellationToken);
}
