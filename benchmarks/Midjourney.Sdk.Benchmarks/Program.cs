using BenchmarkDotNet.Running;
using Midjourney.Sdk.Benchmarks;

// dotnet run -c Release --project benchmarks/Midjourney.Sdk.Benchmarks -- --filter '*' --launchCount 3
// dotnet run -c Release --project benchmarks/Midjourney.Sdk.Benchmarks -- --allocations submit InMemory
if (args.Length > 0 && args[0] == "--allocations")
{
    await AllocationBreakdown.RunAsync(args.ElementAtOrDefault(1) ?? "submit", args.ElementAtOrDefault(2) ?? "InMemory");
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
