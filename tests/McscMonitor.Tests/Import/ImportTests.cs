using System.Text;
using System.Text.Json;
using McscMonitor.Data;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace McscMonitor.Tests;

public class ImportTests
{
    private static readonly string ExampleFolder = Path.Combine(AppContext.BaseDirectory, "examples", "import");

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ExampleFolderImportGivesTheHandCountedIndicators(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        var import = await database.RunAsync("import", ExampleFolder);
        var indicators = await database.RunAsync("indicators", "--year", "2021", "--format", "json");

        Assert.Equal(0, import.ExitCode);
        Assert.Equal(0, indicators.ExitCode);
        using var json = JsonDocument.Parse(indicators.Output);
        var root = json.RootElement;
        Assert.Equal(2021, root.GetProperty("year").GetInt32());
        Assert.Equal("2012.1", root.GetProperty("rulebookVersion").GetString());

        var summary = root.GetProperty("summary");
        Assert.Equal(38, summary.GetProperty("municipalities").GetInt32());
        Assert.Equal(5, summary.GetProperty("councilsEstablished").GetInt32());
        Assert.Equal(1, summary.GetProperty("councilsMeetingRequiredMinimum").GetInt32());
        Assert.Equal(12, summary.GetProperty("meetingsHeld").GetInt32());
        Assert.Equal(8, summary.GetProperty("meetingsDiscussingSecurityOrNonMajority").GetInt32());
        Assert.Equal(1, summary.GetProperty("workPlansAddressingNonMajority").GetInt32());
        Assert.Equal(1, summary.GetProperty("municipalitiesCompensatingMembers").GetInt32());

        var municipalities = root.GetProperty("municipalities").EnumerateArray().ToList();
        var codes = municipalities.Select(m => m.GetProperty("code").GetString()!).ToList();
        Assert.Equal(38, codes.Count);
        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);

        var peje = municipalities.Single(m => m.GetProperty("code").GetString() == "peje");
        Assert.Equal("Pejë", peje.GetProperty("nameSq").GetString());
        Assert.Equal("Пећ", peje.GetProperty("nameSrCyrl").GetString());
        Assert.Equal("peje", peje.GetProperty("region").GetString());
        Assert.Equal("albanian", peje.GetProperty("majorityCommunity").GetString());
        Assert.True(peje.GetProperty("councilEstablished").GetBoolean());
        Assert.Equal(6, peje.GetProperty("meetingsHeld").GetInt32());
        Assert.True(peje.GetProperty("meetsRequiredMinimum").GetBoolean());
        Assert.Equal(4, peje.GetProperty("meetingsDiscussingSecurityOrNonMajority").GetInt32());
        Assert.True(peje.GetProperty("workPlanAddressesNonMajority").GetBoolean());
        Assert.True(peje.GetProperty("compensatesMembers").GetBoolean());
        Assert.Equal(5, peje.GetProperty("members").GetProperty("total").GetInt32());
        Assert.Equal(2, peje.GetProperty("members").GetProperty("women").GetInt32());
        Assert.Equal(2, peje.GetProperty("members").GetProperty("nonMajority").GetInt32());
        Assert.Empty(peje.GetProperty("gaps").EnumerateArray());

        var gracanice = municipalities.Single(m => m.GetProperty("code").GetString() == "gracanice");
        Assert.Equal(3, gracanice.GetProperty("meetingsHeld").GetInt32());
        Assert.Equal(2, gracanice.GetProperty("meetingsDiscussingSecurityOrNonMajority").GetInt32());
        Assert.False(gracanice.GetProperty("workPlanAddressesNonMajority").GetBoolean());
        Assert.False(gracanice.GetProperty("compensatesMembers").GetBoolean());
        Assert.Equal("partial", gracanice.GetProperty("compensation").GetString());
        Assert.Equal(4, gracanice.GetProperty("members").GetProperty("total").GetInt32());
        Assert.Equal(1, gracanice.GetProperty("members").GetProperty("nonMajority").GetInt32());
        Assert.Equal(["meetings-per-year", "work-plan-non-majority", "members-compensated"], Rules(gracanice));

        var mamushe = municipalities.Single(m => m.GetProperty("code").GetString() == "mamushe");
        Assert.Equal(2, mamushe.GetProperty("meetingsHeld").GetInt32());
        Assert.Equal(JsonValueKind.Null, mamushe.GetProperty("workPlanAddressesNonMajority").ValueKind);
        Assert.Equal(JsonValueKind.Null, mamushe.GetProperty("compensatesMembers").ValueKind);
        Assert.Equal(["meetings-per-year", "women-among-members"], Rules(mamushe));

        var prizren = municipalities.Single(m => m.GetProperty("code").GetString() == "prizren");
        Assert.True(prizren.GetProperty("councilEstablished").GetBoolean());
        Assert.Equal(1, prizren.GetProperty("meetingsHeld").GetInt32());

        var gjilan = municipalities.Single(m => m.GetProperty("code").GetString() == "gjilan");
        // No meeting of Gjilan's council is recorded for 2021: no data, not zero.
        Assert.Equal(JsonValueKind.Null, gjilan.GetProperty("meetingsHeld").ValueKind);
        Assert.Equal(JsonValueKind.Null, gjilan.GetProperty("meetsRequiredMinimum").ValueKind);
        Assert.False(gjilan.GetProperty("workPlanAddressesNonMajority").GetBoolean());
        Assert.Equal(["no-meeting-records", "work-plan-non-majority", "members-compensated"], Rules(gjilan));
        Assert.Equal(4, summary.GetProperty("councilsWithMeetingRecords").GetInt32());

        var viti = municipalities.Single(m => m.GetProperty("code").GetString() == "viti");
        Assert.False(viti.GetProperty("councilEstablished").GetBoolean());
        Assert.Equal(["council-established"], Rules(viti));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ReimportingTheSameRowsChangesNothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.RunAsync("import", ExampleFolder);
        var before = await ContentOf(database);

        var again = await database.RunAsync("import", ExampleFolder);

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("meetings: 0 added, 0 updated, 16 unchanged", again.Output);
        Assert.Equal(before, await ContentOf(database));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ImportingAChangedRowUpdatesItInPlace(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.RunAsync("import", ExampleFolder);
        using var folder = new TempFolder();
        folder.Write("compensation.csv", "municipality,year,status\nGracanica,2021,paid\n");

        var run = await database.RunAsync("import", folder.Path);
        var indicators = await database.RunAsync("indicators", "--year", "2021", "--municipality", "Graçanicë");

        Assert.Contains("compensation: 0 added, 1 updated, 0 unchanged", run.Output);
        using var json = JsonDocument.Parse(indicators.Output);
        Assert.True(json.RootElement.GetProperty("municipalities")[0].GetProperty("compensatesMembers").GetBoolean());
    }

    public static TheoryData<string, string, string, string> MalformedFiles => new()
    {
        { "meetings.csv", "municipality,date,status\nPeja,2021-02-30,held\n", "meetings.csv, row 2, column date", "not a date that exists" },
        { "meetings.csv", "municipality,date,status\nPeja,15/03/2021,held\n", "meetings.csv, row 2, column date", "YYYY-MM-DD" },
        { "meetings.csv", "municipality,date,status\nPeja,1999-03-15,held\n", "meetings.csv, row 2, column date", "outside the years 2000–2100" },
        { "meetings.csv", "municipality,date,status\nPeja,2021-03-01,held\nPejj,2021-03-15,held\n", "meetings.csv, row 3, column municipality", "did you mean Pejë (peje)?" },
        { "meetings.csv", "municipality,date,status\nMitrovica,2021-03-15,held\n", "meetings.csv, row 2, column municipality", "Mitrovicë e Veriut" },
        { "meetings.csv", "municipality,date,status,attendees,women_attendees\nPeja,2021-03-15,held,10,12\n", "meetings.csv, row 2, column women_attendees", "more than the 10 attendees" },
        { "meetings.csv", "municipality,date,status,attendees\nPeja,2021-03-15,held,-3\n", "meetings.csv, row 2, column attendees", "negative" },
        { "meetings.csv", "municipality,date\nPeja,2021-03-15\n", "meetings.csv, row 1, column status", "required column 'status' is missing" },
        { "meetings.csv", "municipality,date,status\nViti,2021-03-15,held\n", "meetings.csv, row 2, column municipality", "Viti has no council recorded" },
        { "meetings.csv", "municipality,date,status\nPeja,2012-03-15,held\n", "meetings.csv, row 2, column date", "Pejë had no council on 2012-03-15" },
        { "meetings.csv", "municipality,date,status,discussed_security_incidents\nPeja,2021-03-15,held,maybe\n", "meetings.csv, row 2, column discussed_security_incidents", "not yes or no" },
        { "meetings.csv", "municipality,date,status\nPeja,2021-03-15,held\nPeć,2021-03-15,held\n", "meetings.csv, row 3, column date", "repeats the record of row 2" },
        { "members.csv", "municipality,member_ref,role,appointed_on,left_on\nPeja,X1,chair,2021-05-01,2021-04-01\n", "members.csv, row 2, column left_on", "left (2021-04-01) before being appointed (2021-05-01)" },
        { "members.csv", "municipality,member_ref,role,appointed_on\nPeja,X1,mayor,2021-05-01\n", "members.csv, row 2, column role", "'mayor' is not one of" },
        { "meeting.csv", "municipality,date,colour\nPeja,2021-03-15,red\n", "meeting.csv", "unknown table 'meeting': neither its name nor its columns match a table" },
    };

    [Fact]
    public async Task AFileNamedForNoTableIsRecognisedByItsColumns()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite, Seed.Examples);
        using var folder = new TempFolder();
        folder.Write("bad-meetings.csv", "municipality,date,status,attendees\nPeja,2021-03-15,held,7\n");

        var run = await database.RunAsync("import", folder.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("meetings: 1 added", run.Output);
    }

    [Fact]
    public async Task StatusWordsAreAcceptedInEveryLanguageTheFormsShowThem()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite, Seed.Examples);
        using var folder = new TempFolder();
        folder.Write("meetings.csv", "municipality,date,status\nPeja,2021-03-16,mbajtur\nPeja,2021-03-17,otkazan\nPeja,2021-03-18,Одржан\n");
        folder.Write("compensation.csv", "municipality,year,status\nGracanica,2021,pjesërisht\n");

        using var bad = new TempFolder();
        bad.Write("meetings.csv", "municipality,date,status\nPeja,2021-03-19,maybe\n");

        var run = await database.RunAsync("import", folder.Path);
        var unknown = await database.RunAsync("import", bad.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("meetings: 3 added", run.Output);
        Assert.Contains("compensation: 0 added, 1 updated", run.Output);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("held, cancelled (held, cancelled)", unknown.Error);
    }

    [Fact]
    public async Task EveryErrorOfARowIsReportedNotOnlyTheFirst()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite, Seed.Examples);
        using var folder = new TempFolder();
        folder.Write("meetings.csv", "municipality,date,status,attendees\nPejj,2021-02-30,maybe,-1\n");

        var run = await database.RunAsync("import", folder.Path);

        Assert.Equal(1, run.ExitCode);
        foreach (var column in new[] { "municipality", "date", "status", "attendees" })
            Assert.Contains($"meetings.csv, row 2, column {column}", run.Error);
    }

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public async Task MalformedFileIsRejectedWithRowAndColumnAndNothingIsWritten(
        string fileName, string content, string location, string reason)
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        await database.RunAsync("import", ExampleFolder);
        var before = await ContentOf(database);
        using var folder = new TempFolder();
        // A valid row in another file must not be written either: the import is all or nothing.
        folder.Write("compensation.csv", "municipality,year,status\nViti,2022,paid\n");
        folder.Write(fileName, content);

        var run = await database.RunAsync("import", folder.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(location, run.Error);
        Assert.Contains(reason, run.Error);
        Assert.Contains("Nothing was written", run.Error);
        Assert.Equal(before, await ContentOf(database));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task FileThatIsNotUtf8IsRejectedWithItsRow(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.RunAsync("import", ExampleFolder);
        var before = await ContentOf(database);
        using var folder = new TempFolder();
        var latin1 = Encoding.Latin1.GetBytes("municipality,date,status\nPeja,2021-03-15,held\nPejë,2021-04-15,held\n");
        File.WriteAllBytes(Path.Combine(folder.Path, "meetings.csv"), latin1);

        var run = await database.RunAsync("import", folder.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("meetings.csv, row 3: the file is not UTF-8", run.Error);
        Assert.Equal(before, await ContentOf(database));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EveryErrorOfAnImportIsListed(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var folder = new TempFolder();
        folder.Write("councils.csv", "municipality,established_on\nPeja,2013-02-30\nNowhere,2013-01-01\n");
        folder.Write("work_plans.csv", "municipality,year,addresses_non_majority_concerns\nPeja,20x1,yes\n");

        var run = await database.RunAsync("import", folder.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("councils.csv, row 2, column established_on", run.Error);
        Assert.Contains("councils.csv, row 3, column municipality", run.Error);
        Assert.Contains("work_plans.csv, row 2, column year", run.Error);
        Assert.Contains("3 errors", run.Error);
    }

    [Fact]
    public async Task BomAndWindowsLineEndingsAreAccepted()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        using var folder = new TempFolder();
        var text = "municipality,established_on\r\nPejë,2013-04-10\r\n";
        File.WriteAllBytes(Path.Combine(folder.Path, "councils.csv"), [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(text)]);

        var run = await database.RunAsync("import", folder.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("councils: 1 added", run.Output);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task WorkbookImportGivesTheSameIndicatorsAsTheCsvFolder(string provider)
    {
        await using var fromCsv = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        await using var fromXlsx = await TestDatabase.CreateAsync(provider);
        using var folder = new TempFolder();
        var workbook = Path.Combine(folder.Path, "records.xlsx");
        MiniExcel.SaveAs(workbook, Directory.GetFiles(ExampleFolder, "*.csv").ToDictionary(
            file => Path.GetFileNameWithoutExtension(file),
            file => (object)MiniExcel.Query(file, useHeaderRow: true, excelType: ExcelType.CSV).ToList()));

        await fromCsv.RunAsync("import", ExampleFolder);
        var import = await fromXlsx.RunAsync("import", workbook);

        Assert.Equal(0, import.ExitCode);
        Assert.Equal(
            (await fromCsv.RunAsync("indicators", "--year", "2021")).Output,
            (await fromXlsx.RunAsync("indicators", "--year", "2021")).Output);
    }

    [Fact]
    public async Task TemplateWorkbookHasEveryTableAndImportsAsEmpty()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        using var folder = new TempFolder();
        var template = Path.Combine(folder.Path, "import-template.xlsx");

        var written = await database.RunAsync("template", "--out", template);
        var import = await database.RunAsync("import", template);

        Assert.Equal(0, written.ExitCode);
        Assert.Equal(["compensation", "councils", "help", "meetings", "members", "work_plans"], MiniExcel.GetSheetNames(template).Order());
        Assert.Equal(0, import.ExitCode);
    }

    private static List<string> Rules(JsonElement municipality) =>
        municipality.GetProperty("gaps").EnumerateArray().Select(gap => gap.GetProperty("rule").GetString()!).ToList();

    /// <summary>Every stored record, in a stable order, to compare a database before and after.</summary>
    internal static async Task<string> ContentOf(TestDatabase database)
    {
        await using var services = await database.OpenServicesAsync();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<McscDbContext>();
        var content = new
        {
            Councils = await db.Councils.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Id, c.MunicipalityCode, c.EstablishedOn, c.DissolvedOn, c.AssemblyDecision, c.Version }).ToListAsync(),
            Members = await db.Members.AsNoTracking().OrderBy(m => m.Id).Select(m => new { m.Id, m.CouncilId, m.MemberRef, m.Gender, m.Community, m.Role, m.AppointedOn, m.LeftOn, m.Version }).ToListAsync(),
            Meetings = await db.Meetings.AsNoTracking().OrderBy(m => m.Id).Select(m => new { m.Id, m.CouncilId, m.Date, m.Status, m.Attendees, m.WomenAttendees, m.DiscussedSecurityIncidents, m.DiscussedNonMajorityConcerns, m.MinutesKept, m.Version }).ToListAsync(),
            WorkPlans = await db.WorkPlans.AsNoTracking().OrderBy(w => w.Id).Select(w => new { w.Id, w.CouncilId, w.Year, w.AdoptedOn, w.AddressesNonMajorityConcerns, w.Version }).ToListAsync(),
            Compensation = await db.Compensation.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Id, c.MunicipalityCode, c.Year, c.Status, c.AmountPerMeetingEur, c.Version }).ToListAsync(),
            Municipalities = await db.Municipalities.AsNoTracking().OrderBy(m => m.Code).Select(m => new { m.Code, m.MajorityCommunity }).ToListAsync(),
        };
        return JsonSerializer.Serialize(content);
    }
}
