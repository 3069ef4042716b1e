namespace McscMonitor.Core.Domain;

public static class Today
{
    /// <summary>Today's date where the records are kept (the server's time zone), from the injected clock.</summary>
    public static DateOnly Of(TimeProvider clock) => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
}
