using Midjourney.Sdk.Http;

namespace Midjourney.Sdk.Providers.MidApi;

/// <summary>The typed midapi endpoints over the shared <see cref="JsonApiClient"/>.</summary>
internal sealed class MidApiApi(JsonApiClient http) : IMidApiApi
{
    private static MidApiJsonContext Json => MidApiJsonContext.Default;

    public Task<ApiResponse<MidApiSubmitResponse>> GenerateAsync(MidApiGenerateBody body, CancellationToken cancellationToken) =>
        http.PostAsync("api/v1/mj/generate", body, Json.MidApiGenerateBody, Json.MidApiSubmitResponse, ApiCallKind.Submit, cancellationToken);

    public Task<ApiResponse<MidApiSubmitResponse>> GenerateUpscaleAsync(MidApiImageIndexBody body, CancellationToken cancellationToken) =>
        http.PostAsync("api/v1/mj/generateUpscale", body, Json.MidApiImageIndexBody, Json.MidApiSubmitResponse, ApiCallKind.Submit, cancellationToken);

    public Task<ApiResponse<MidApiSubmitResponse>> GenerateVaryAsync(MidApiImageIndexBody body, CancellationToken cancellationToken) =>
        http.PostAsync("api/v1/mj/generateVary", body, Json.MidApiImageIndexBody, Json.MidApiSubmitResponse, ApiCallKind.Submit, cancellationToken);

    public Task<ApiResponse<MidApiRecordResponse>> RecordInfoAsync(string taskId, CancellationToken cancellationToken) =>
        http.GetAsync("api/v1/mj/record-info?taskId=" + Uri.EscapeDataString(taskId), Json.MidApiRecordResponse, cancellationToken);
}
