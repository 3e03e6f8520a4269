using System.Text;

namespace Midjourney.Sdk;

/// <summary>
/// A provider's answer as received, kept as its UTF-8 bytes and turned into text only when someone reads
/// <see cref="MidjourneyTask.RawJson"/> (most callers never do, so most answers never pay for a string).
/// Equal when the text is equal. Thread-safe: two first reads at once both produce the same text.
/// </summary>
internal sealed class RawJsonPayload : IEquatable<RawJsonPayload>
{
    private readonly ReadOnlyMemory<byte> _utf8;
    private string? _text;

    public RawJsonPayload(ReadOnlyMemory<byte> utf8) => _utf8 = utf8;

    public RawJsonPayload(string text) => _text = text;

    public string Text => _text ??= Encoding.UTF8.GetString(_utf8.Span);

    public bool Equals(RawJsonPayload? other) =>
        other is not null && (ReferenceEquals(this, other) || string.Equals(Text, other.Text, StringComparison.Ordinal));

    public override bool Equals(object? obj) => Equals(obj as RawJsonPayload);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    public override string ToString() => Text;
}
