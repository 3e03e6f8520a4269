using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Midjourney.Sdk.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
