using System.Diagnostics.CodeAnalysis;
using Midjourney.Sdk;
using Midjourney.Sdk.AI;

namespace Microsoft.Extensions.AI;

/// <summary>Adapts an <see cref="IMidjourneyClient"/> to the abstractions of Microsoft.Extensions.AI.</summary>
public static class MidjourneyClientExtensions
{
    /// <summary>
    /// Gets an <see cref="IImageGenerator"/> over <paramref name="client"/>: <see cref="IImageGenerator.GenerateAsync"/> runs an
    /// imagine, waits for it with <see cref="IMidjourneyClient.WaitForCompletionAsync"/> and answers with the grid's images.
    /// </summary>
    /// <remarks>
    /// <para>What maps, from <see cref="ImageGenerationRequest"/> and <see cref="ImageGenerationOptions"/>:</para>
    /// <list type="bullet">
    /// <item><see cref="ImageGenerationRequest.Prompt"/> is the imagine prompt (Midjourney flags such as <c>--stylize 250</c> may be part of it).</item>
    /// <item><see cref="ImageGenerationRequest.OriginalImages"/> become <see cref="ImagineRequest.ReferenceImages"/> (image prompts):
    /// <see cref="UriContent"/> as URLs, <see cref="DataContent"/> as inline bytes, each in the forms the provider takes. A provider
    /// without reference images (<see cref="MidjourneyCapabilities.SupportsReferenceImages"/>: GoAPI) throws
    /// <see cref="MidjourneyNotSupportedException"/> before any request.</item>
    /// <item><see cref="ImageGenerationOptions.Count"/>: Midjourney always makes a grid of four; the response has the first
    /// <c>Count</c> of them (1..4, else <see cref="ArgumentOutOfRangeException"/>), all four when null. Where the provider returns only
    /// the grid image, the response has that one image.</item>
    /// <item><see cref="ImageGenerationOptions.ImageSize"/> becomes <see cref="ImagineRequest.AspectRatio"/>, width and height divided by
    /// their greatest common divisor (1792x1024 is 7:4); where the provider takes a fixed list of ratios (APIXO, midapi), the closest
    /// one. Midjourney picks the pixel size itself.</item>
    /// <item><see cref="ImageGenerationOptions.ModelId"/> becomes <see cref="ImagineRequest.Version"/>: <c>7</c>, <c>v7</c>, <c>6.1</c>, <c>niji 6</c>.</item>
    /// <item><see cref="ImageGenerationOptions.ResponseFormat"/>: <see cref="ImageGenerationResponseFormat.Uri"/> (the default) and
    /// <see cref="ImageGenerationResponseFormat.Hosted"/> answer with <see cref="UriContent"/> (the provider's image URLs);
    /// <see cref="ImageGenerationResponseFormat.Data"/> downloads each image with
    /// <see cref="IMidjourneyClient.DownloadAsync(Uri, Stream, CancellationToken)"/> (no key sent, retried as reads are, at most
    /// <see cref="MidjourneyClientOptions.MaxDownloadBytes"/>) and answers with <see cref="DataContent"/>, with the media type the
    /// server sent. A failed download, or a file that is not an image, throws a <see cref="MidjourneyException"/>.</item>
    /// <item><see cref="ImageGenerationOptions.RawRepresentationFactory"/> may return an <see cref="ImagineRequest"/>: it is the
    /// starting point (speed, stylize, chaos, references...), its prompt replaced by the request's, and the values it sets win over
    /// the mapped options.</item>
    /// <item><see cref="ImageGenerationResponse.RawRepresentation"/> is the finished <see cref="MidjourneyTask"/>; there is no
    /// <see cref="ImageGenerationResponse.Usage"/>.</item>
    /// </list>
    /// <para>What does not map: <see cref="ImageGenerationOptions.MediaType"/> (images come in the format the provider serves, usually
    /// PNG: read each content's media type), <see cref="ImageGenerationOptions.StreamingCount"/> and
    /// <see cref="ImageGenerationOptions.AdditionalProperties"/> are ignored.</para>
    /// <para>A task that fails throws <see cref="MidjourneyTaskFailedException"/>, a wait past the polling timeout
    /// <see cref="MidjourneyWaitTimeoutException"/>; cancellation stops the wait (the task goes on at the provider).</para>
    /// <para><see cref="IImageGenerator.GetService"/> returns the <see cref="ImageGeneratorMetadata"/> (provider name such as
    /// <c>goapi</c>, the provider's base URL) and the <see cref="IMidjourneyClient"/>. Disposing the generator does not dispose the client.</para>
    /// </remarks>
    /// <param name="client">The client to generate with.</param>
    /// <returns>A generator over <paramref name="client"/>; thread-safe as the client is.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is null.</exception>
    [Experimental(MidjourneyImageGenerator.DiagnosticId, UrlFormat = MidjourneyImageGenerator.DiagnosticUrlFormat)]
    public static IImageGenerator AsIImageGenerator(this IMidjourneyClient client) => new MidjourneyImageGenerator(client);
}
