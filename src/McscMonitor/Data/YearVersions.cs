using McscMonitor.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace McscMonitor.Data;

/// <summary>
/// A number per year that grows whenever a record counted in that year's figures changes, so
/// what is computed or drawn from one year's records (fact sheets, the indicators API) is kept
/// until that year changes, not until anything anywhere changes. Kept in the database, so
/// several app instances agree on it.
/// </summary>
/// <remarks>
/// A year's number is the sum of its rows, one per <see cref="Stripe"/>: a write moves one
/// stripe on, so writers into the same year lock different rows and do not queue behind each
/// other's commits. Every commit adds exactly one to the sum, whatever order they commit in.
/// </remarks>
public sealed class YearVersion
{
    /// <summary>A year, or <see cref="YearVersions.EveryYear"/> or <see cref="YearVersions.LaterYears"/>.</summary>
    public int Year { get; init; }

    /// <summary>Which of the year's <see cref="YearVersions.Stripes"/> rows this is.</summary>
    public int Stripe { get; init; }

    public long Version { get; init; }
}

internal sealed class YearVersionConfiguration : IEntityTypeConfiguration<YearVersion>
{
    public void Configure(EntityTypeBuilder<YearVersion> version)
    {
        version.HasKey(v => new { v.Year, v.Stripe });
        version.Property(v => v.Year).ValueGeneratedNever();
        version.Property(v => v.Stripe).ValueGeneratedNever();
    }
}

/// <summary>The years a set of changes counts in: each record's own, or a span for members and councils.</summary>
public sealed class TouchedYears
{
    private readonly SortedSet<int> _years = [];

    /// <summary>A change to reference data (a municipality, a synthetic data set) touches every year.</summary>
    public bool Every { get; set; }

    /// <summary>A member or council with no end counts in every later year too.</summary>
    public bool OpenEnded { get; private set; }

    public IReadOnlyCollection<int> Years => _years;

    public bool IsEmpty => !Every && _years.Count == 0;

    public void Add(object record)
    {
        switch (record)
        {
            case Meeting meeting: _years.Add(meeting.Date.Year); break;
            case WorkPlan plan: _years.Add(plan.Year); break;
            case Compensation compensation: _years.Add(compensation.Year); break;
            case Approvals.Approval approval: _years.Add(approval.Year); break;
            case Member member: AddSpan(member.AppointedOn.Year, member.LeftOn?.Year); break;
            case Council council: AddSpan(council.EstablishedOn.Year, council.DissolvedOn?.Year); break;
            case Municipality: Every = true; break;
        }
    }

    /// <summary>The record as it was and as it will be saved: a meeting moved from 2021 to 2022 touches both.</summary>
    public void Add(EntityEntry entry)
    {
        if (entry.State is EntityState.Modified or EntityState.Deleted) Add(entry.OriginalValues.ToObject());
        if (entry.State is EntityState.Modified or EntityState.Added) Add(entry.Entity);
    }

    private void AddSpan(int first, int? last)
    {
        if (last is null) OpenEnded = true;
        // An open span is written out through next year; later years read the open-ended version as well.
        var through = last ?? Math.Max(first, YearVersions.LastWrittenYear);
        // A span of centuries (a mistyped date) would be as many rows: it moves every year on instead.
        if (through - first > 200) Every = true;
        else for (var year = first; year <= through; year++) _years.Add(year);
    }
}

internal static class YearVersions
{
    /// <summary>The row a change to every year moves on.</summary>
    public const int EveryYear = 0;

    /// <summary>The row an open-ended span moves on, for years after <see cref="LastWrittenYear"/>.</summary>
    public const int LaterYears = -1;

    /// <remarks>
    /// The system clock, not the app's: this is a boundary between cache rows that every writer
    /// and reader, in every process, must draw at the same place; a test's fixed clock must not move it.
    /// </remarks>
    public static int LastWrittenYear => TimeProvider.System.GetUtcNow().Year + 1;

    /// <summary>
    /// Rows per year. Two writers into one year wait for each other only when they draw the
    /// same stripe; with ten writers at once that is rare, and reading a year sums this many rows.
    /// </summary>
    public const int Stripes = 32;

    /// <summary>
    /// Moves the touched years on, in the caller's transaction: one statement for both providers.
    /// The rows it moves stay locked until the commit, so it comes last.
    /// </summary>
    public static Task BumpAsync(McscDbContext db, TouchedYears touched, CancellationToken cancellationToken) =>
        BumpAsync(db, touched, Random.Shared.Next(Stripes), cancellationToken);

    /// <summary>Moves the touched years on in the given stripe.</summary>
    public static async Task BumpAsync(McscDbContext db, TouchedYears touched, int stripe, CancellationToken cancellationToken)
    {
        if (touched.IsEmpty) return;
        // Always in the same order (the years ascending, then the open-ended row), so two writers
        // that draw the same stripe take its rows in one order and cannot deadlock.
        IEnumerable<int> rows = touched.Every ? [EveryYear] : touched.OpenEnded ? [.. touched.Years, LaterYears] : touched.Years;
        var values = string.Join(", ", rows.Select(year => FormattableString.Invariant($"({year}, {stripe}, 1)")));
        var upsert = $"INSERT INTO \"YearVersions\" (\"Year\", \"Stripe\", \"Version\") VALUES {values} " +
                     "ON CONFLICT (\"Year\", \"Stripe\") DO UPDATE SET \"Version\" = \"YearVersions\".\"Version\" + 1";
        await db.Database.ExecuteSqlRawAsync(upsert, cancellationToken);
    }

    /// <summary>A number that grows with any change to any year: the versions only ever grow, so their sum does.</summary>
    public static async Task<long> OfAllAsync(McscDbContext db, CancellationToken cancellationToken) =>
        await db.YearVersions.SumAsync(v => v.Version, cancellationToken);

    /// <summary>
    /// What a year's figures were computed from: its own version, every year's, and for years past
    /// next, the open-ended one. Read before the figures, never after: figures read later are at
    /// least as new as this, so a cache entry is never older than its key.
    /// </summary>
    public static async Task<string> OfYearAsync(McscDbContext db, int year, CancellationToken cancellationToken)
    {
        int[] rows = year > LastWrittenYear ? [EveryYear, LaterYears, year] : [EveryYear, year];
        var versions = await db.YearVersions.AsNoTracking().Where(v => rows.Contains(v.Year))
            .GroupBy(v => v.Year).Select(g => new { Year = g.Key, Version = g.Sum(v => v.Version) })
            .ToDictionaryAsync(v => v.Year, v => v.Version, cancellationToken);
        return string.Join(".", rows.Select(row => versions.GetValueOrDefault(row)));
    }
}
