namespace McscMonitor.Tests;

/// <summary>A clock that always says the same day, so what depends on today (pace, due dates, audit times) is tested on fixed dates.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
