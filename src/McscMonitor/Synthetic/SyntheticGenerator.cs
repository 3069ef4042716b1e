using System.CommandLine;
using System.Globalization;
using LinqToDB.Data;
using LinqToDB.EntityFrameworkCore;
using McscMonitor.Audit;
using McscMonitor.Cli;
using McscMonitor.Core.Domain;
using McscMonitor.Data;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Synthetic;

public sealed record GeneratedCounts(int Units, int Councils, int Members, int Meetings, int WorkPlans, int Compensation);

/// <summary>
/// Writes a made-up data set of <c>N</c> units beyond Kosovo's 38 (each with its council,
/// members, 0–12 meetings a year with cancellations, work plans and compensation), to measure
/// the app at the scale of, say, the Philippines' 42,000 barangays. The units are marked
/// <see cref="Municipality.Synthetic"/>, so no Kosovo figure changes; the database is labelled
/// illustrative; the same seed writes the same rows.
/// </summary>
public sealed class SyntheticGenerator(McscDbContext db)
{
    public const string RegionCode = "synthetic";
    public const int MaxUnits = 100_000;
    public const int MaxYears = 30;
    private const int UnitsPerBatch = 500;

    private static readonly Community[] Minorities = [Community.Serbian, Community.Turkish, Community.Bosniak, Community.Roma, Community.Ashkali, Community.Egyptian, Community.Gorani];

    /// <returns>The counts written, or null when the database already holds synthetic units.</returns>
    public async Task<GeneratedCounts?> GenerateAsync(int units, int years, int seed, int lastYear, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        if (await db.Municipalities.AnyAsync(m => m.Synthetic, cancellationToken)) return null;
        var random = new Random(seed);
        var firstYear = lastYear - years + 1;
        var firstIndex = await db.Municipalities.MaxAsync(m => (int?)m.KasIndex, cancellationToken) ?? 0;
        int councils = 0, members = 0, meetings = 0, plans = 0, compensation = 0;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.Regions.AnyAsync(r => r.Code == RegionCode, cancellationToken))
        {
            db.Regions.Add(new Region { Code = RegionCode, NameSq = "Sintetike", NameSrLatn = "Sintetičko", NameSrCyrl = "Синтетичко", NameEn = "Synthetic" });
            await db.SaveChangesAsync(cancellationToken);
        }
        for (var start = 1; start <= units; start += UnitsPerBatch)
        {
            var batchUnits = new List<Municipality>();
            var batchCompensation = new List<Compensation>();
            var batchCouncils = new List<Council>();
            for (var number = start; number < Math.Min(start + UnitsPerBatch, units + 1); number++)
            {
                var code = string.Create(CultureInfo.InvariantCulture, $"synthetic-{number:D6}");
                var majority = random.NextDouble() < 0.85 ? Community.Albanian : Community.Serbian;
                batchUnits.Add(new Municipality
                {
                    Code = code, KasIndex = firstIndex + number, Synthetic = true, RegionCode = RegionCode, MajorityCommunity = majority,
                    NameSq = $"Njësia sintetike {number}", NameSrLatn = $"Sintetička jedinica {number}",
                    NameSrCyrl = $"Синтетичка јединица {number}", NameEn = $"Synthetic unit {number}",
                });
                for (var year = firstYear; year <= lastYear; year++)
                    batchCompensation.Add(new Compensation
                    {
                        MunicipalityCode = code, Year = year, Status = (CompensationStatus)random.Next(3),
                        AmountPerMeetingEur = random.Next(10, 40), Version = 1,
                    });
                // One unit in twenty has no council: its gaps are part of what is measured.
                if (random.Next(20) == 0) continue;
                batchCouncils.Add(Council(code, majority, firstYear, lastYear, random));
            }
            await WriteBatchAsync(batchUnits, batchCompensation, batchCouncils, cancellationToken);
            councils += batchCouncils.Count;
            members += batchCouncils.Sum(c => c.Members.Count);
            meetings += batchCouncils.Sum(c => c.Meetings.Count);
            plans += batchCouncils.Sum(c => c.WorkPlans.Count);
            compensation += batchCompensation.Count;
            progress?.Report(Math.Min(start + UnitsPerBatch - 1, units));
        }
        var counts = new GeneratedCounts(units, councils, members, meetings, plans, compensation);
        await db.AuditAsOneAsync("generate", string.Create(CultureInfo.InvariantCulture, $"seed {seed}"), null, AuditTrail.Serialize(new Dictionary<string, object>
        {
            ["Name"] = new { old = (string?)null, @new = string.Create(CultureInfo.InvariantCulture, $"generate --units {units} --years {years} --seed {seed}") },
            ["Added"] = new { old = (int?)null, @new = units + councils + members + meetings + plans + compensation },
        }), null, new TouchedYears { Every = true }, cancellationToken);
        if (!await db.DatasetLabels.AnyAsync(l => l.Code == DatasetLabel.Illustrative, cancellationToken))
        {
            db.DatasetLabels.Add(new DatasetLabel { Code = DatasetLabel.Illustrative, LabelledAt = db.Clock.GetUtcNow() });
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return counts;
    }

    /// <summary>
    /// Bulk copies a batch (as the import does with new rows) in the generator's transaction: the
    /// councils first, then their rows pointed at the keys the database gave them. Nothing here is
    /// audited row by row; the one entry that names the seed recreates every row.
    /// </summary>
    private async Task WriteBatchAsync(List<Municipality> units, List<Compensation> compensation, List<Council> councils, CancellationToken cancellationToken)
    {
        await db.InsertAsync(units, cancellationToken);
        await db.InsertAsync(compensation, cancellationToken);
        foreach (var council in councils) council.Version = 1;
        await db.InsertAsync(councils, cancellationToken);
        var codes = councils.Select(c => c.MunicipalityCode).ToList();
        var ids = await db.Councils.AsNoTracking().Where(c => codes.Contains(c.MunicipalityCode)).ToDictionaryAsync(c => c.MunicipalityCode, c => c.Id, cancellationToken);
        foreach (var council in councils)
        {
            var id = ids[council.MunicipalityCode];
            foreach (var member in council.Members) (member.CouncilId, member.Version) = (id, 1);
            foreach (var meeting in council.Meetings) (meeting.CouncilId, meeting.Version) = (id, 1);
            foreach (var plan in council.WorkPlans) (plan.CouncilId, plan.Version) = (id, 1);
        }
        await db.InsertAsync(councils.SelectMany(c => c.Members), cancellationToken);
        await db.InsertAsync(councils.SelectMany(c => c.Meetings), cancellationToken);
        await db.InsertAsync(councils.SelectMany(c => c.WorkPlans), cancellationToken);
    }

    private static Council Council(string code, Community majority, int firstYear, int lastYear, Random random)
    {
        var established = new DateOnly(firstYear - 1, 1, 1).AddDays(random.Next(730));
        var council = new Council
        {
            MunicipalityCode = code, EstablishedOn = established,
            DissolvedOn = random.Next(50) == 0 ? new DateOnly(lastYear, 6, 30) : null,
        };
        var size = random.Next(7, 16);
        for (var index = 0; index < size; index++)
        {
            var appointed = established.AddDays(random.Next(365));
            council.Members.Add(new Member
            {
                MemberRef = string.Create(CultureInfo.InvariantCulture, $"S{index + 1:D2}"),
                Gender = random.NextDouble() < 0.3 ? Gender.Female : Gender.Male,
                Community = random.NextDouble() < 0.75 ? majority : Minorities[random.Next(Minorities.Length)],
                Role = index == 0 ? MemberRole.Chair : (MemberRole)random.Next(1, 9),
                AppointedOn = appointed,
                LeftOn = random.Next(5) == 0 ? appointed.AddDays(random.Next(365, 3650)) : null,
            });
        }
        for (var year = Math.Max(firstYear, established.Year); year <= lastYear; year++)
        {
            var from = year == established.Year ? established.DayOfYear : 1;
            var until = council.DissolvedOn is { } dissolved && dissolved.Year == year ? dissolved.DayOfYear : DateTime.IsLeapYear(year) ? 366 : 365;
            var days = Enumerable.Range(from, until - from + 1).OrderBy(_ => random.Next()).Take(random.Next(13)).Order();
            foreach (var day in days)
            {
                var attendees = random.Next(4, 16);
                council.Meetings.Add(new Meeting
                {
                    Date = new DateOnly(year, 1, 1).AddDays(day - 1),
                    Status = random.Next(10) == 0 ? MeetingStatus.Cancelled : MeetingStatus.Held,
                    Attendees = attendees, WomenAttendees = random.Next(attendees / 2 + 1),
                    DiscussedSecurityIncidents = random.Next(2) == 0, DiscussedNonMajorityConcerns = random.Next(3) == 0, MinutesKept = random.Next(5) != 0,
                });
            }
            if (random.Next(5) != 0)
                council.WorkPlans.Add(new WorkPlan
                {
                    Year = year, AdoptedOn = random.Next(6) == 0 ? null : new DateOnly(year, 1, 1).AddDays(random.Next(31, 120)),
                    AddressesNonMajorityConcerns = random.Next(3) != 0,
                });
        }
        return council;
    }
}

public static class GenerateCommand
{
    public static Command Create(CliContext context)
    {
        var units = new Option<int>("--units") { Description = $"How many synthetic units to write (1–{SyntheticGenerator.MaxUnits:N0})", Required = true };
        var years = new Option<int>("--years") { Description = $"How many years of records, up to last year (0–{SyntheticGenerator.MaxYears})", DefaultValueFactory = _ => 10 };
        var seed = new Option<int>("--seed") { Description = "The same seed writes the same data set", DefaultValueFactory = _ => 1 };
        var command = new Command("generate", "Writes a synthetic data set of units beyond Kosovo's 38, to measure the app at scale; Kosovo's figures do not change, and the data is labelled illustrative.")
        {
            units, years, seed,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var (unitCount, yearCount) = (result.GetValue(units), result.GetValue(years));
            if (unitCount is < 1 or > SyntheticGenerator.MaxUnits || yearCount is < 0 or > SyntheticGenerator.MaxYears)
            {
                await context.Error.WriteLineAsync($"--units must be 1–{SyntheticGenerator.MaxUnits:N0} and --years 0–{SyntheticGenerator.MaxYears}.");
                return ExitCodes.InputRejected;
            }
            await using var services = await context.OpenServicesAsync(cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var generator = ActivatorUtilities.CreateInstance<SyntheticGenerator>(scope.ServiceProvider);
            var progress = new Progress<int>(written => context.Error.Write($"\rGenerating… {written:N0} of {unitCount:N0} units   "));
            var counts = await generator.GenerateAsync(unitCount, yearCount, result.GetValue(seed), Today.Of(scope.ServiceProvider.GetRequiredService<TimeProvider>()).Year - 1, progress, cancellationToken);
            await context.Error.WriteLineAsync();
            if (counts is null)
            {
                await context.Error.WriteLineAsync("This database already holds synthetic units; generate into a new database.");
                return ExitCodes.InputRejected;
            }
            await context.Out.WriteLineAsync(
                $"Generated {counts.Units:N0} synthetic units: {counts.Councils:N0} councils, {counts.Members:N0} members, {counts.Meetings:N0} meetings, " +
                $"{counts.WorkPlans:N0} work plans, {counts.Compensation:N0} compensation rows. Labelled illustrative; Kosovo's figures are unchanged.");
            return ExitCodes.Done;
        });
        return command;
    }
}
