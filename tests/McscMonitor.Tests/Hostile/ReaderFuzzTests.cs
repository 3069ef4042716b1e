using System.Text;
using McscMonitor.Data;
using McscMonitor.Export;
using McscMonitor.Import;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Tests.Hostile;

/// <summary>
/// Random mutations of the example files, a fixed number of them from a fixed seed, through
/// the readers and the importer: every outcome is an import or a reported error, never an
/// exception, and a rejected import writes nothing.
/// </summary>
public class ReaderFuzzTests
{
    private const int Iterations = 400;
    private static readonly string ExampleFolder = Path.Combine(AppContext.BaseDirectory, "examples", "import");

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = original.ToList();
        for (var edit = random.Next(1, 6); edit > 0 && bytes.Count > 0; edit--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0: bytes[at] = (byte)random.Next(256); break;
                case 1: bytes.RemoveRange(at, Math.Min(random.Next(1, 40), bytes.Count - at)); break;
                case 2: bytes.InsertRange(at, Encoding.UTF8.GetBytes(Pick(random, "\"", ",", "\n", "\r\n", "\0", "=cmd|'/c calc'!A1", "\u202E", "ë", "Пећ", "99999999999999999999", "-1", "2021-02-30"))); break;
                case 3: bytes.RemoveRange(at, bytes.Count - at); break;
                case 4: bytes.InsertRange(at, bytes.GetRange(at, Math.Min(random.Next(1, 200), bytes.Count - at))); break;
                default: (bytes[at], bytes[random.Next(bytes.Count)]) = (bytes[random.Next(bytes.Count)], bytes[at]); break;
            }
        }
        return [.. bytes];
    }

    private static string Pick(Random random, params string[] choices) => choices[random.Next(choices.Length)];

    private static async Task<string> SnapshotAsync(McscDbContext db) => string.Join(",",
        await db.Councils.CountAsync(), await db.Members.CountAsync(), await db.Meetings.CountAsync(), await db.WorkPlans.CountAsync(),
        await db.Compensation.CountAsync(), await db.Meetings.SumAsync(m => m.Version), await db.Members.SumAsync(m => m.Version));

    [Fact]
    public async Task MutatedCsvAndXlsxFilesGiveAnImportOrAReportedErrorAndARejectionWritesNothing()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        await database.RunAsync("import", ExampleFolder);
        await using var services = await database.OpenServicesAsync();
        var limits = new ImportLimits();
        var csvFiles = Directory.GetFiles(ExampleFolder, "*.csv").Order(StringComparer.Ordinal)
            .Select(path => (Name: Path.GetFileName(path), Bytes: File.ReadAllBytes(path))).ToList();
        byte[] workbook;
        await using (var scope = services.CreateAsyncScope())
        {
            using var buffer = new MemoryStream();
            Exporter.WriteWorkbook(await scope.ServiceProvider.GetRequiredService<Exporter>().ExportAsync(2021, null), buffer);
            workbook = buffer.ToArray();
        }
        var random = new Random(20261125);
        int imported = 0, rejected = 0;

        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            var (name, original) = iteration % 5 == 4 ? ("records.xlsx", workbook) : csvFiles[random.Next(csvFiles.Count)];
            var mutated = Mutate(original, random);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<McscDbContext>();
            var before = await SnapshotAsync(db);

            var read = ExchangeReader.Read(name, new MemoryStream(mutated), limits);
            var outcome = read.Errors.Count > 0
                ? ImportOutcome.Rejected(read.Errors, limits)
                : await scope.ServiceProvider.GetRequiredService<Importer>().ImportAsync(read.Tables, "fuzz");

            if (outcome.Succeeded) imported++;
            else
            {
                rejected++;
                Assert.All(outcome.Errors, error => Assert.False(string.IsNullOrWhiteSpace(error.Message)));
                db.ChangeTracker.Clear();
                Assert.Equal(before, await SnapshotAsync(db));
            }
        }

        Assert.Equal(Iterations, imported + rejected);
        Assert.True(rejected > Iterations / 3, $"only {rejected} of {Iterations} mutations were rejected: the mutations are too mild to test much");
    }
}
