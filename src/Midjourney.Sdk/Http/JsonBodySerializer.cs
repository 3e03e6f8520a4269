using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Refit;

namespace Midjourney.Sdk.Http;

/// <summary>
/// Refit's serializer for request bodies: the provider's source-generated context writes each body once into a byte array
/// (a <c>Content-Length</c>, never chunked), labelled with one shared <c>application/json; charset=utf-8</c> value instead
/// of a new parsed header per request. Everything else is Refit's own serializer over the same context. Answers are never
/// read through it: <see cref="ApiCaller"/> reads them.
/// </summary>
internal sealed class JsonBodySerializer(JsonSerializerContext context) : IHttpContentSerializer, ISynchronousContentSerializer
{
    // Never changed after this line, so requests on any thread may share it.
    private static readonly MediaTypeHeaderValue JsonUtf8 = new("application/json") { CharSet = "utf-8" };

    private readonly SystemTextJsonContentSerializer _refit = SystemTextJsonContentSerializer.ForContext(context);

    public HttpContent ToHttpContentSynchronous<T>(T item)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(item, TypeInfo<T>()));
        content.Headers.ContentType = JsonUtf8;
        return content;
    }

    public HttpContent ToHttpContent<T>(T item) => ToHttpContentSynchronous(item);

    public HttpContent ToStreamingHttpContent<T>(T item) => ToHttpContentSynchronous(item);

    public Task<T?> FromHttpContentAsync<T>(HttpContent content, CancellationToken cancellationToken = default) =>
        _refit.FromHttpContentAsync<T>(content, cancellationToken);

    public string? GetFieldNameForProperty(PropertyInfo propertyInfo) => _refit.GetFieldNameForProperty(propertyInfo);

    private JsonTypeInfo<T> TypeInfo<T>() => context.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
        ?? throw new InvalidOperationException($"{context.GetType().Name} has no metadata for {typeof(T).Name}: add [JsonSerializable(typeof({typeof(T).Name}))].");
}
