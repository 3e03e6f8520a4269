using System.Text;

namespace Midjourney.Sdk.Http;

/// <summary>
/// Keeps a client's secrets (the API key, the webhook secret) out of everything the SDK shows: some providers echo the key
/// in "invalid key" errors, and GoAPI repeats the submit, webhook secret included, in every fetch answer and callback.
/// Answers pass through here before they reach an exception, a log or <see cref="MidjourneyTask.RawJson"/>.
/// </summary>
internal sealed class SecretRedactor
{
    // Secrets shorter than this are test values: replacing them in an answer could corrupt its JSON.
    private const int MinimumRedactedLength = 8;

    private readonly byte[][] _secrets;

    public SecretRedactor(params string?[] secrets) => _secrets = [.. secrets
        .Where(secret => secret is { Length: >= MinimumRedactedLength })
        .Distinct(StringComparer.Ordinal)
        .Select(secret => Encoding.UTF8.GetBytes(secret!))];

    /// <summary>The answer with every secret replaced by <c>***</c>; the common case, no secret in it, copies nothing.</summary>
    public ReadOnlyMemory<byte> Redact(ReadOnlyMemory<byte> utf8)
    {
        if (!Contains(utf8.Span))
        {
            return utf8;
        }

        string text = Encoding.UTF8.GetString(utf8.Span);
        foreach (byte[] secret in _secrets)
        {
            text = text.Replace(Encoding.UTF8.GetString(secret), "***", StringComparison.Ordinal);
        }

        return Encoding.UTF8.GetBytes(text);
    }

    // A loop, not Any(): a lambda over the answer would allocate a closure and a delegate on every call.
    private bool Contains(ReadOnlySpan<byte> utf8)
    {
        foreach (byte[] secret in _secrets)
        {
            if (utf8.IndexOf(secret) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
