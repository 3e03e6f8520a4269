namespace Midjourney.Sdk.Emulator.Tasks;

/// <summary>The speed a task runs at, as Midjourney names them.</summary>
internal enum ProcessMode
{
    Relax,
    Fast,
    Turbo,
}
