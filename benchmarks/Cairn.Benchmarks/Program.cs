using BenchmarkDotNet.Running;
using Cairn.Benchmarks;

// dotnet run -c Release --project benchmarks/Cairn.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, new BenchmarkConfig());
