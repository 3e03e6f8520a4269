using System.Text.Json.Serialization;

namespace Midjourney.Sdk.Providers.Apixo;

/// <summary>Source-generated serialization for the APIXO wire (no reflection, so the package trims and runs under AOT).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ApixoGenerateBody))]
[JsonSerializable(typeof(ApixoSubmitResponse))]
[JsonSerializable(typeof(ApixoEnvelope))]
[JsonSerializable(typeof(ApixoTaskData))]
[JsonSerializable(typeof(ApixoBalanceResponse))]
internal sealed partial class ApixoJsonContext : JsonSerializerContext;
