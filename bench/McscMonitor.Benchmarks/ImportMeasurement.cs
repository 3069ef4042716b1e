using System.Diagnostics;
using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace McscMonitor.Benchmarks;

/// <summary>
/// The import rows of the performance table, as whole processes of the Release build:
/// <c>dotnet run -c Release --project bench/McscMonitor.Benchmarks -- import --rows 100000 [--units 4000] [--provider postgres] [--runs 3]</c>.
/// A database gets <c>--units</c> synthetic units (<c>generate --years 0</c>) whose councils
/// a first, untimed import re-establishes in 2000; the file measured holds <c>--rows</c> meetings spread over them.
/// It is imported fresh, imported again unchanged, and then a one-row file is imported into the
/// result. Each time and peak memory (VmHWM) is set beside two baselines measured in the same
/// round: the same rows written by hand in one transaction (SQLite: a prepared INSERT; PostgreSQL:
/// binary COPY through <c>NpgsqlBinaryImporter</c>, what the app itself uses), and the peak memory
/// of <c>--help</c>. Whole processes, so BenchmarkDotNet is not used; each round starts from a new
/// database, and the table gives the median of <c>--runs</c> rounds with the lowest and highest ratio.
/// </summary>
public static class ImportMeasurement
{
    private static readonly string[] MeetingParameters = ["$c", "$d", "$s", "$a", "$w", "$x", "$n", "$m"];

    private sealed record Round(Measured Help, Measured Fresh, Measured Again, Measured Single, double Baseline);

    public static async Task<int> RunAsync(string[] args)
    {
        var rows = int.Parse(Option(args, "--rows") ?? "100000", CultureInfo.InvariantCulture);
        var units = int.Parse(Option(args, "--units") ?? "4000", CultureInfo.InvariantCulture);
        var runs = int.Parse(Option(args, "--runs") ?? "3", CultureInfo.InvariantCulture);
        var postgres = Option(args, "--provider") == "postgres";
        Console.WriteLine($"dotnet {Environment.Version}; {rows:N0} meeting rows over {units:N0} councils; {(postgres ? "PostgreSQL" : "SQLite")}; {runs} rounds");
        var rounds = new List<Round>();
        for (var run = 0; run < runs; run++) rounds.Add(await RoundAsync(rows, units, postgres));

        var baselineName = postgres ? "hand-written binary COPY (NpgsqlBinaryImporter), one transaction" : "hand-written prepared INSERT, one transaction";
        Console.WriteLine();
        Console.WriteLine("| run | time (median) | peak memory (median) | time ratio: median (lowest–highest) | memory ratio |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Console.WriteLine($"| `--help` (memory baseline) | {Median(rounds, r => r.Help.Seconds):N2} s | {Median(rounds, r => r.Help.PeakMegabytes):N0} MB | | 1.00 |");
        Console.WriteLine($"| {baselineName} (time baseline) | {Median(rounds, r => r.Baseline):N2} s | | 1.00 | |");
        foreach (var (name, measured) in new (string, Func<Round, Measured>)[]
                 {
                     ("import, fresh", r => r.Fresh), ("import again, unchanged", r => r.Again), ("one row into the result", r => r.Single),
                 })
        {
            var ratios = rounds.Select(r => measured(r).Seconds / r.Baseline).Order().ToList();
            Console.WriteLine($"| {name} | {Median(rounds, r => measured(r).Seconds):N2} s | {Median(rounds, r => measured(r).PeakMegabytes):N0} MB | " +
                              $"{Median(ratios):N2} ({ratios[0]:N2}–{ratios[^1]:N2}) | {Median(rounds, r => measured(r).PeakMegabytes / r.Help.PeakMegabytes):N2} |");
        }
        Console.WriteLine();
        var reimport = rounds.Select(r => r.Again.Seconds / r.Fresh.Seconds).Order().ToList();
        Console.WriteLine($"re-import / fresh import: {Median(reimport):N2} ({reimport[0]:N2}–{reimport[^1]:N2}); second import said: " +
                          rounds[0].Again.Output.Split('\n').FirstOrDefault(l => l.StartsWith("meetings", StringComparison.Ordinal)));
        return 0;
    }

    private static double Median(IEnumerable<Round> rounds, Func<Round, double> value) => Median(rounds.Select(value).Order().ToList());

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;

    private static async Task<Round> RoundAsync(int rows, int units, bool postgres)
    {
        var app = AppPath();
        var folder = Directory.CreateTempSubdirectory("mcsc-bench-import-").FullName;
        var database = postgres ? await BenchPostgres.CreateDatabaseAsync() : $"Data Source={Path.Combine(folder, "bench.db")}";
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Mcsc"] = database,
            ["Database__Provider"] = postgres ? "Postgres" : "Sqlite",
        };
        try
        {
            Check(Run(app, environment, "generate", "--units", units.ToString(CultureInfo.InvariantCulture), "--years", "0", "--seed", "1"), "generate");
            var import = Path.Combine(folder, "import");
            WriteFiles(import, rows, units);
            // The councils first, untimed: the rows measured are the meetings, as in the issue's table.
            var councils = Path.Combine(folder, "councils");
            Directory.CreateDirectory(councils);
            File.Move(Path.Combine(import, "councils.csv"), Path.Combine(councils, "councils.csv"));
            Check(Run(app, environment, "import", councils), "councils");

            var help = Run(app, environment, "--help");
            var fresh = Check(Run(app, environment, "import", import), "import");
            var again = Check(Run(app, environment, "import", import), "re-import");
            var one = Path.Combine(folder, "one");
            Directory.CreateDirectory(one);
            File.WriteAllText(Path.Combine(one, "meetings.csv"), $"municipality,date,status\nsynthetic-000001,{new DateOnly(2000, 1, 2):yyyy-MM-dd},held\n");
            var single = Check(Run(app, environment, "import", one), "one-row import");
            var baseline = postgres
                ? await HandWrittenCopyPostgresAsync(Path.Combine(import, "meetings.csv"), database)
                : HandWrittenInsert(Path.Combine(import, "meetings.csv"), Path.Combine(folder, "baseline.db"));
            Console.WriteLine($"round: fresh {fresh.Seconds:N2} s, again {again.Seconds:N2} s, one row {single.Seconds:N2} s, baseline {baseline:N2} s");
            return new Round(help, fresh, again, single, baseline);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
            if (postgres) await BenchPostgres.DropDatabaseAsync(database);
        }
    }

    private sealed record Measured(double Seconds, double PeakMegabytes, int ExitCode, string Output, string Error);

    private static Measured Check(Measured measured, string what) =>
        measured.ExitCode == 0 ? measured : throw new InvalidOperationException($"{what} failed: {measured.Error}");

    /// <summary>One whole process, with its peak resident memory read from /proc while it runs.</summary>
    private static Measured Run(string app, Dictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [app, .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        long peakKilobytes = 0;
        while (!process.WaitForExit(20)) peakKilobytes = Math.Max(peakKilobytes, PeakKilobytes(process.Id));
        clock.Stop();
        return new Measured(clock.Elapsed.TotalSeconds, peakKilobytes / 1024.0, process.ExitCode, output.Result, error.Result);
    }

    private static long PeakKilobytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Councils re-established in 2000, and meetings spread evenly: unit by unit, a day apart.</summary>
    private static void WriteFiles(string folder, int rows, int units)
    {
        Directory.CreateDirectory(folder);
        using (var councils = new StreamWriter(Path.Combine(folder, "councils.csv"), false, new UTF8Encoding(false)))
        {
            councils.WriteLine("municipality,established_on");
            for (var unit = 1; unit <= units; unit++) councils.WriteLine($"{Code(unit)},2000-01-01");
        }
        using var meetings = new StreamWriter(Path.Combine(folder, "meetings.csv"), false, new UTF8Encoding(false));
        meetings.WriteLine("municipality,date,status,attendees,women_attendees,discussed_security_incidents,discussed_non_majority_concerns,minutes_kept");
        for (var row = 0; row < rows; row++)
        {
            var date = new DateOnly(2000, 1, 3).AddDays(row / units * 3);
            meetings.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Code(row % units + 1)},{date:yyyy-MM-dd},{(row % 10 == 0 ? "cancelled" : "held")},{8 + row % 7},{row % 4},{(row % 2 == 0 ? "yes" : "no")},{(row % 3 == 0 ? "yes" : "no")},yes"));
        }
    }

    private static string Code(int unit) => string.Create(CultureInfo.InvariantCulture, $"synthetic-{unit:D6}");

    /// <summary>The floor: the same meeting rows parsed and inserted with one prepared statement, no checks, no lookups, no audit.</summary>
    private static double HandWrittenInsert(string meetingsFile, string databaseFile)
    {
        var clock = Stopwatch.StartNew();
        using var connection = new SqliteConnection($"Data Source={databaseFile}");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE Meetings (Id INTEGER PRIMARY KEY, CouncilId INTEGER NOT NULL, Date TEXT NOT NULL, Status TEXT NOT NULL, Attendees INTEGER, WomenAttendees INTEGER, " +
                                 "DiscussedSecurityIncidents INTEGER, DiscussedNonMajorityConcerns INTEGER, MinutesKept INTEGER, Version INTEGER NOT NULL); " +
                                 "CREATE UNIQUE INDEX IX_Meetings_CouncilId_Date ON Meetings (CouncilId, Date); CREATE INDEX IX_Meetings_Date ON Meetings (Date);";
            create.ExecuteNonQuery();
        }
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO Meetings (CouncilId, Date, Status, Attendees, WomenAttendees, DiscussedSecurityIncidents, DiscussedNonMajorityConcerns, MinutesKept, Version) " +
                             "VALUES ($c, $d, $s, $a, $w, $x, $n, $m, 1)";
        var parameters = MeetingParameters.Select(name => insert.Parameters.Add(name, SqliteType.Text)).ToArray();
        insert.Prepare();
        using var reader = new CsvReader(new StreamReader(meetingsFile), CultureInfo.InvariantCulture);
        reader.Read();
        reader.ReadHeader();
        while (reader.Read())
        {
            parameters[0].Value = int.Parse(reader.GetField(0)!["synthetic-".Length..], CultureInfo.InvariantCulture);
            for (var index = 1; index < parameters.Length; index++) parameters[index].Value = reader.GetField(index);
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// The same floor on PostgreSQL: the rows parsed and sent by binary COPY (as the app's own
    /// bulk insert sends them) in one transaction, into a table of its own with the same indexes.
    /// </summary>
    private static async Task<double> HandWrittenCopyPostgresAsync(string meetingsFile, string database)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand(
            "CREATE TABLE baseline_meetings (id serial PRIMARY KEY, council_id integer NOT NULL, date date NOT NULL, status text NOT NULL, attendees integer, " +
            "women_attendees integer, security boolean, non_majority boolean, minutes boolean, version bigint NOT NULL); " +
            "CREATE UNIQUE INDEX ON baseline_meetings (council_id, date); CREATE INDEX ON baseline_meetings (date);", connection))
            await create.ExecuteNonQueryAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY baseline_meetings (council_id, date, status, attendees, women_attendees, security, non_majority, minutes, version) FROM STDIN (FORMAT BINARY)"))
        {
            using var reader = new CsvReader(new StreamReader(meetingsFile), CultureInfo.InvariantCulture);
            reader.Read();
            reader.ReadHeader();
            while (reader.Read())
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(int.Parse(reader.GetField(0)!["synthetic-".Length..], CultureInfo.InvariantCulture), NpgsqlDbType.Integer);
                await copy.WriteAsync(DateOnly.Parse(reader.GetField(1)!, CultureInfo.InvariantCulture), NpgsqlDbType.Date);
                await copy.WriteAsync(reader.GetField(2)!, NpgsqlDbType.Text);
                await copy.WriteAsync(int.Parse(reader.GetField(3)!, CultureInfo.InvariantCulture), NpgsqlDbType.Integer);
                await copy.WriteAsync(int.Parse(reader.GetField(4)!, CultureInfo.InvariantCulture), NpgsqlDbType.Integer);
                for (var index = 5; index < 8; index++) await copy.WriteAsync(reader.GetField(index) == "yes", NpgsqlDbType.Boolean);
                await copy.WriteAsync(1L, NpgsqlDbType.Bigint);
            }
            await copy.CompleteAsync();
        }
        await transaction.CommitAsync();
        return clock.Elapsed.TotalSeconds;
    }

    private static string AppPath()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "McscMonitor.slnx"))) root = root.Parent;
        return Path.Combine(root?.FullName ?? throw new InvalidOperationException("Run from within the repository."),
            "src", "McscMonitor", "bin", "Release", "net10.0", "McscMonitor.dll");
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
