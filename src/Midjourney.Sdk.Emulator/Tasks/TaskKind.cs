namespace Midjourney.Sdk.Emulator.Tasks;

/// <summary>The operation that created a task. Each protocol maps it to its own wire name.</summary>
internal enum TaskKind
{
    Imagine,
    Reroll,
    Upscale,
    Variation,
    Inpaint,
    Outpaint,
    Pan,
    Describe,
    Blend,
    Shorten,
    Video,
}
