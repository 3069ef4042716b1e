using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/McscMonitor.Benchmarks -- --filter '*'
// dotnet run -c Release --project bench/McscMonitor.Benchmarks -- import --rows 100000 [--provider postgres]
if (args is ["import", ..]) return await McscMonitor.Benchmarks.ImportMeasurement.RunAsync(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(McscMonitor.Benchmarks.FactSheetBenchmarks).Assembly).Run(args);
return 0;
