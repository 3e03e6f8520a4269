using System.Text;

namespace Midjourney.Sdk.Emulator.Tasks;

/// <summary>
/// A hash that is the same in every process and on every machine (string.GetHashCode is randomized per process),
/// so the same prompt always draws the same picture.
/// </summary>
internal static class StableHash
{
    private const ulong FnvOffset = 14695981039346656037;
    private const ulong FnvPrime = 1099511628211;

    /// <summary>FNV-1a over the UTF-8 of each part (with a separator), finished with a SplitMix64 mix.</summary>
    public static ulong Of(params ReadOnlySpan<string> parts) => Of(FnvOffset, parts);

    /// <summary>Derives a new seed from an existing one and some text.</summary>
    public static ulong Of(ulong seed, params ReadOnlySpan<string> parts)
    {
        var hash = seed;
        Span<byte> buffer = stackalloc byte[256];
        foreach (var part in parts)
        {
            var bytes = part.Length * 3 <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(part, buffer)] : Encoding.UTF8.GetBytes(part);
            foreach (var b in bytes)
            {
                hash = (hash ^ b) * FnvPrime;
            }

            hash = (hash ^ 0xFF) * FnvPrime;
        }

        return Mix(hash);
    }

    /// <summary>
    /// A number in [0, 1) from a hash's top 53 bits (all a double holds), so draws made from it are uniform and the same
    /// on every machine.
    /// </summary>
    public static double ToUnitInterval(ulong hash) => (hash >> 11) * (1.0 / (1UL << 53));

    /// <summary>SplitMix64's finalizer: spreads every input bit over every output bit.</summary>
    public static ulong Mix(ulong value)
    {
        value ^= value >> 30;
        value *= 0xBF58476D1CE4E5B9;
        value ^= value >> 27;
        value *= 0x94D049BB133111EB;
        value ^= value >> 31;
        return value;
    }
}
