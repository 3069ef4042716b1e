using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using McscMonitor.Core.Domain;
using McscMonitor.Core.Indicators;
using McscMonitor.Core.Rules;
using McscMonitor.Data;
using McscMonitor.Indicators;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Tests;

/// <summary>
/// The database counts a year exactly as the engine counts the same records in memory, the
/// reference definition: random record sets, edge dates included, on SQLite and PostgreSQL.
/// </summary>
public class IndicatorSqlTests
{
    private static readonly int[] Years = [2020, 2021, 2022];

    /// <summary>Dates on and around the edges of 2021, where an off-by-one would show.</summary>
    private static readonly DateOnly[] EdgeDates =
    [
        new(2019, 6, 1), new(2020, 12, 31), new(2021, 1, 1), new(2021, 3, 15), new(2021, 6, 30),
        new(2021, 12, 30), new(2021, 12, 31), new(2022, 1, 1), new(2022, 5, 5),
    ];

    /// <summary>Six municipalities, majority communities of more than one kind among them.</summary>
    private static readonly string[] Codes = [.. ReferenceData.ReferenceCatalog.Municipalities.Select(m => m.Code).Where((_, index) => index % 6 == 0)];

    private sealed record MemberDraft(Gender Gender, Community? Community, DateOnly AppointedOn, DateOnly? LeftOn, bool Erased);

    private sealed record MeetingDraft(DateOnly Date, bool Held, bool? Security, bool? NonMajority);

    private sealed record CouncilDraft(
        string Municipality, DateOnly EstablishedOn, DateOnly? DissolvedOn, MemberDraft[] Members, MeetingDraft[] Meetings,
        (int Year, DateOnly? AdoptedOn, bool? Addresses)? Plan, (int Year, CompensationStatus Status)[] Compensation);

    private static Gen<T?> OrNull<T>(Gen<T> gen) where T : struct =>
        Gen.Frequency((1, Gen.Constant<T?>(null)), (3, gen.Select(value => (T?)value)));

    private static readonly Gen<DateOnly> Dates = Gen.Elements(EdgeDates);

    private static readonly Gen<MemberDraft> Members =
        from gender in Gen.Elements(Gender.Female, Gender.Male, Gender.Unknown)
        from community in OrNull(Gen.Elements(Enum.GetValues<Community>()))
        from appointed in Dates
        from left in OrNull(Dates)
        from erased in Gen.Frequency((5, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new MemberDraft(gender, community, appointed, left, erased);

    private static readonly Gen<MeetingDraft> Meetings =
        from date in Dates
        from held in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
        from security in OrNull(Gen.Elements(true, false))
        from nonMajority in OrNull(Gen.Elements(true, false))
        select new MeetingDraft(date, held, security, nonMajority);

    private static Gen<CouncilDraft> Council(string municipality) =>
        from established in Dates
        from dissolved in Gen.Frequency((3, Gen.Constant<DateOnly?>(null)), (1, Dates.Select(date => (DateOnly?)date)))
        from memberCount in Gen.Choose(0, 6)
        from members in Gen.ArrayOf(Members, memberCount)
        from meetingCount in Gen.Choose(0, 9)
        from meetings in Gen.ArrayOf(Meetings, meetingCount).Select(drafts => drafts.DistinctBy(meeting => meeting.Date).ToArray())
        from plan in Gen.Frequency(
            (1, Gen.Constant<(int, DateOnly?, bool?)?>(null)),
            (3, from year in Gen.Elements(Years)
                from adopted in OrNull(Dates)
                from addresses in OrNull(Gen.Elements(true, false))
                select ((int, DateOnly?, bool?)?)(year, adopted, addresses)))
        from years in Gen.SubListOf(Years)
        from compensation in Gen.CollectToArray(years.Select(year => Gen.Elements(Enum.GetValues<CompensationStatus>()).Select(status => (year, status))))
        select new CouncilDraft(municipality, established, dissolved is { } end && end >= established ? end : null, members, meetings, plan, compensation);

    private static readonly Gen<CouncilDraft[]> RecordSets =
        Gen.SubListOf(Codes).SelectMany(codes => Gen.CollectToArray(codes.Select(Council)));

    private const int Cases = 30;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TheDatabaseCountsEveryYearExactlyAsTheEngineCountsTheSameRecordsInMemory(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = await database.OpenServicesAsync();
        var checkedCases = 0;
        var property = Prop.ForAll(Arb.From(RecordSets), (CouncilDraft[] drafts) =>
        {
            AgreeAsync(services, drafts).GetAwaiter().GetResult();
            checkedCases++;
        });

        // On a pool thread: FsCheck runs the property synchronously, and each run waits for the database.
        await Task.Run(() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases), property), TestContext.Current.CancellationToken);

        Assert.Equal(Cases, checkedCases);
    }

    private static async Task AgreeAsync(ServiceProvider services, CouncilDraft[] drafts)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<McscDbContext>();
        await db.Meetings.ExecuteDeleteAsync();
        await db.Members.ExecuteDeleteAsync();
        await db.WorkPlans.ExecuteDeleteAsync();
        await db.Compensation.ExecuteDeleteAsync();
        await db.Councils.ExecuteDeleteAsync();
        var municipalities = await db.Municipalities.AsNoTracking().ToDictionaryAsync(m => m.Code);
        foreach (var draft in drafts)
        {
            db.Councils.Add(ToCouncil(draft, municipalities[draft.Municipality]));
            db.Compensation.AddRange(ToCompensation(draft));
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        var query = scope.ServiceProvider.GetRequiredService<IndicatorQuery>();
        var rulebook = scope.ServiceProvider.GetRequiredService<Rulebook>();
        // The reference: every record loaded as it is, measured in memory.
        var records = new IndicatorInput(0, [.. municipalities.Values],
            await db.Councils.AsNoTracking().Include(c => c.Members).Include(c => c.Meetings).Include(c => c.WorkPlans).ToListAsync(),
            await db.Compensation.AsNoTracking().ToListAsync());
        // Each year on its own, and the three in one run.
        var run = await query.ComputeYearsAsync(Years[0], Years[^1], Language.En);
        foreach (var (year, index) in Years.Select((year, index) => (year, index)))
        {
            var expected = Json(IndicatorEngine.Compute(records with { Year = year }, rulebook));
            Assert.Equal(expected, Json(await query.ComputeAsync(year, Language.En)));
            Assert.Equal(expected, Json(run[index]));
        }
    }

    /// <summary>
    /// Over random record sets (councils founded and dissolved mid-year, councils with no
    /// records, erased members), what a public output says holds: no 0 that nobody counted, no
    /// figure that differs from the summary's, no withheld count that can be read off.
    /// </summary>
    [Fact]
    public void NoPublishedFigureIsAZeroNobodyCountedOrACountThatShouldBeWithheld()
    {
        var municipalities = ReferenceData.ReferenceCatalog.Municipalities.Where(m => Codes.Contains(m.Code)).ToList();
        var checkedCases = 0;
        var property = Prop.ForAll(Arb.From(RecordSets), (CouncilDraft[] drafts) =>
        {
            var councils = drafts.Select(draft => ToCouncil(draft, municipalities.Single(m => m.Code == draft.Municipality))).ToList();
            var compensation = drafts.SelectMany(ToCompensation).ToList();
            foreach (var year in Years)
            {
                var exact = IndicatorEngine.Compute(new IndicatorInput(year, municipalities, councils, compensation), Rulebook.Default);
                var published = IndicatorsDocument.From(Disclosure.Protect(exact, Disclosure.DefaultMinimumCount), illustrative: false);
                foreach (var m in published.Municipalities)
                {
                    var council = councils.SingleOrDefault(c => c.MunicipalityCode == m.Code);
                    var established = council?.IsEstablishedIn(year) == true;
                    var meetingsRecorded = council?.Meetings.Any(meeting => meeting.Date.Year == year) == true;
                    var membersRecorded = council?.Members.Any(member => member.AppointedOn <= new DateOnly(year, 12, 31) && !(member.LeftOn < new DateOnly(year, 1, 1))) == true;
                    Assert.Equal(established && !meetingsRecorded, m.MeetingsHeld is null);
                    if (m.MeetingsHeld == 0) Assert.True(!established || meetingsRecorded);
                    Assert.Equal(established && !membersRecorded, m.Members is null);
                    if (m.Members is { } members)
                    {
                        Assert.False(members.NonMajority is 1 or 2);
                        if (members.Total is > 0 and < 3)
                        {
                            Assert.True(members.CommunitiesWithheld);
                            Assert.Empty(members.Communities);
                            Assert.DoesNotContain(m.Gaps, gap => gap.Rule == RuleIds.NonMajorityRepresented);
                        }
                    }
                    foreach (var gap in m.Gaps.Where(gap => gap.Rule == RuleIds.NonMajorityRepresented))
                        Assert.DoesNotMatch(@": [12];", gap.Message);
                }
                Assert.Equal(published.Municipalities.Sum(m => m.MeetingsHeld ?? 0), published.Summary.MeetingsHeld);
                Assert.Equal(published.Municipalities.Count(m => m.CouncilEstablished && m.MeetingsHeld is not null), published.Summary.CouncilsWithMeetingRecords);
                Assert.Equal(published.Municipalities.Count(m => m.CouncilEstablished && m.Compensation == "paid"), published.Summary.MunicipalitiesCompensatingMembers);
                Assert.Equal(published.Municipalities.Count(m => m.CouncilEstablished && m.Compensation == "partial"), published.Summary.MunicipalitiesCompensatingPartially);
            }
            checkedCases++;
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);

        Assert.Equal(200, checkedCases);
    }

    /// <summary>A drafted council's compensation years as records.</summary>
    private static IEnumerable<Compensation> ToCompensation(CouncilDraft draft) =>
        draft.Compensation.Select(paid => new Compensation { MunicipalityCode = draft.Municipality, Year = paid.Year, Status = paid.Status });

    /// <summary>A drafted council as records: its members (some erased), meetings and work plan.</summary>
    private static Council ToCouncil(CouncilDraft draft, Municipality municipality)
    {
        var council = new Council { MunicipalityCode = draft.Municipality, EstablishedOn = draft.EstablishedOn, DissolvedOn = draft.DissolvedOn };
        council.Members.AddRange(draft.Members.Select((member, index) =>
        {
            var added = new Member
            {
                MemberRef = $"m{index}", Gender = member.Gender, Community = member.Community, AppointedOn = member.AppointedOn,
                LeftOn = member.LeftOn is { } left && left >= member.AppointedOn ? left : null,
            };
            if (member.Erased) added.Erase(municipality, DateTime.UtcNow);
            return added;
        }));
        council.Meetings.AddRange(draft.Meetings.Select(meeting => new Meeting
        {
            Date = meeting.Date, Status = meeting.Held ? MeetingStatus.Held : MeetingStatus.Cancelled,
            DiscussedSecurityIncidents = meeting.Security, DiscussedNonMajorityConcerns = meeting.NonMajority,
        }));
        if (draft.Plan is { } plan) council.WorkPlans.Add(new WorkPlan { Year = plan.Year, AdoptedOn = plan.AdoptedOn, AddressesNonMajorityConcerns = plan.Addresses });
        return council;
    }

    private static string Json(YearIndicators indicators) => JsonSerializer.Serialize(new { indicators.Summary, indicators.Municipalities });
}
