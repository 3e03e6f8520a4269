using System.Globalization;
using BenchmarkDotNet.Running;
using Midjourney.Sdk.Benchmarks;

// dotnet run -c Release --project benchmarks/Midjourney.Sdk.Benchmarks -- --filter '*' --launchCount 3
// dotnet run -c Release --project benchmarks/Midjourney.Sdk.Benchmarks -- --allocations submit InMemory
// dotnet run -c Release --project benchmarks/Midjourney.Sdk.Benchmarks -- --paired 40 2000
// dotnet run -c Release --project benchmarks/Midjourney.Sdk.Benchmarks -- --polling 400
// dotnet run -c Release --project benchmarks/Midjourney.Sdk.Benchmarks -- --concurrency 1000
// dotnet run -c Release --project benchmarks/Midjourney.Sdk.Benchmarks -- --callbacks 40
// dotnet run -c Release --project benchmarks/Midjourney.Sdk.Benchmarks -- --scaleout 200
if (args.Length > 0 && args[0] == "--polling")
{
    bool met = await Midjourney.Sdk.Benchmarks.Waiting.PollingSimulation.RunAsync(int.Parse(args.ElementAtOrDefault(1) ?? "400", CultureInfo.InvariantCulture));
    Environment.ExitCode = met ? 0 : 1;
    return;
}

if (args.Length > 0 && args[0] == "--concurrency")
{
    bool met = await Midjourney.Sdk.Benchmarks.Waiting.ConcurrencyRun.RunAsync(int.Parse(args.ElementAtOrDefault(1) ?? "1000", CultureInfo.InvariantCulture));
    Environment.ExitCode = met ? 0 : 1;
    return;
}

if (args.Length > 0 && args[0] == "--callbacks")
{
    bool met = await Midjourney.Sdk.Benchmarks.Waiting.CallbackRun.RunAsync(int.Parse(args.ElementAtOrDefault(1) ?? "40", CultureInfo.InvariantCulture));
    Environment.ExitCode = met ? 0 : 1;
    return;
}

if (args.Length > 0 && args[0] == "--scaleout")
{
    bool met = await Midjourney.Sdk.Benchmarks.Waiting.ScaleOutRun.RunAsync(int.Parse(args.ElementAtOrDefault(1) ?? "200", CultureInfo.InvariantCulture));
    Environment.ExitCode = met ? 0 : 1;
    return;
}

if (args.Length > 0 && args[0] == "--serve")
{
    await ServerProcess.ServeAsync();
    return;
}

if (args.Length > 0 && args[0] == "--paired")
{
    await PairedLoopback.RunAsync(int.Parse(args.ElementAtOrDefault(1) ?? "40", CultureInfo.InvariantCulture), int.Parse(args.ElementAtOrDefault(2) ?? "2000", CultureInfo.InvariantCulture));
    return;
}

if (args.Length > 0 && args[0] == "--allocations")
{
    await AllocationBreakdown.RunAsync(args.ElementAtOrDefault(1) ?? "submit", args.ElementAtOrDefault(2) ?? "InMemory");
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
