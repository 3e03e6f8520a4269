using System.Text.Json;
using System.Text.Json.Serialization;

namespace Midjourney.Sdk.Providers.MjProxy;

/// <summary>Source-generated serialization for the MJ-Proxy wire (camelCase; no reflection, so the package trims and runs under AOT).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(MjProxyImagineBody))]
[JsonSerializable(typeof(MjProxyBlendBody))]
[JsonSerializable(typeof(MjProxyDescribeBody))]
[JsonSerializable(typeof(MjProxyShortenBody))]
[JsonSerializable(typeof(MjProxyVideoBody))]
[JsonSerializable(typeof(MjProxyActionBody))]
[JsonSerializable(typeof(MjProxyModalBody))]
[JsonSerializable(typeof(MjProxyListByConditionBody))]
[JsonSerializable(typeof(MjProxySubmitResponse))]
[JsonSerializable(typeof(MjProxyResultResponse))]
[JsonSerializable(typeof(MjProxySeedResponse))]
[JsonSerializable(typeof(MjProxyTask))]
[JsonSerializable(typeof(IReadOnlyList<MjProxyTask>))]
[JsonSerializable(typeof(JsonElement[]))]
internal sealed partial class MjProxyJsonContext : JsonSerializerContext;
