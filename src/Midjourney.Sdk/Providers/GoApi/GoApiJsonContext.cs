using System.Text.Json.Serialization;

namespace Midjourney.Sdk.Providers.GoApi;

/// <summary>Source-generated serialization for the GoAPI wire (no reflection, so the package trims and runs under AOT).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(GoApiImagineBody))]
[JsonSerializable(typeof(GoApiRerollBody))]
[JsonSerializable(typeof(GoApiUpscaleBody))]
[JsonSerializable(typeof(GoApiVariationBody))]
[JsonSerializable(typeof(GoApiInpaintBody))]
[JsonSerializable(typeof(GoApiOutpaintBody))]
[JsonSerializable(typeof(GoApiPanBody))]
[JsonSerializable(typeof(GoApiDescribeBody))]
[JsonSerializable(typeof(GoApiBlendBody))]
[JsonSerializable(typeof(GoApiFetchBody))]
[JsonSerializable(typeof(GoApiMultiFetchBody))]
[JsonSerializable(typeof(GoApiSubmitResponse))]
[JsonSerializable(typeof(GoApiTask))]
[JsonSerializable(typeof(GoApiMultiFetchResponse))]
internal sealed partial class GoApiJsonContext : JsonSerializerContext;
