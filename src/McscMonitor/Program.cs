using McscMonitor.Cli;

StartupProfile.Start(args);
return await CliApp.RunAsync(args);
