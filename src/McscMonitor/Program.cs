using McscMonitor.Cli;

return await CliApp.RunAsync(args);
