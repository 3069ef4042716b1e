using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/McscMonitor.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(McscMonitor.Benchmarks.FactSheetBenchmarks).Assembly).Run(args);
