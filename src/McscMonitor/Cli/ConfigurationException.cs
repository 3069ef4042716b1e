namespace McscMonitor.Cli;

/// <summary>A setting that cannot be used as given; its message names the setting and says what is wrong, and the program stops with it.</summary>
public sealed class ConfigurationException(string message) : Exception(message);
