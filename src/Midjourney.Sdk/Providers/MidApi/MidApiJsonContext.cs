using System.Text.Json.Serialization;

namespace Midjourney.Sdk.Providers.MidApi;

/// <summary>Source-generated serialization for the midapi wire (camelCase; no reflection, so the package trims and runs under AOT).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(MidApiGenerateBody))]
[JsonSerializable(typeof(MidApiImageIndexBody))]
[JsonSerializable(typeof(MidApiSubmitResponse))]
[JsonSerializable(typeof(MidApiRecordResponse))]
[JsonSerializable(typeof(MidApiCallback))]
[JsonSerializable(typeof(MidApiCreditResponse))]
internal sealed partial class MidApiJsonContext : JsonSerializerContext;
