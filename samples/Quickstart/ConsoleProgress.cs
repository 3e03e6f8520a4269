using Midjourney.Sdk;

namespace Quickstart;

/// <summary>Prints each change of a task as it is reported (synchronously, so lines stay in order).</summary>
internal sealed class ConsoleProgress : IProgress<MidjourneyTask>
{
    public void Report(MidjourneyTask value) =>
        Console.WriteLine($"  {value.Action} {value.Id}: {value.Status}{(value.Progress is int p ? $" {p}%" : "")}");
}
