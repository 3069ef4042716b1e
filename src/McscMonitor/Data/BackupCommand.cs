using System.CommandLine;
using System.Diagnostics;
using McscMonitor.Cli;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace McscMonitor.Data;

/// <summary>
/// Whole-database backup and restore. SQLite is copied with its online backup API, so the
/// app may keep serving meanwhile; PostgreSQL is dumped and restored with pg_dump and
/// pg_restore (custom format), which must be on the PATH.
/// </summary>
public static class BackupCommand
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        var output = new Option<string>("--out") { Description = "The backup file to write", Required = true };
        var backup = new Command("backup", "Writes a backup of the whole database (records, users, audit trail).") { output };
        backup.SetAction((result, cancellationToken) => BackupAsync(context, context.FullPath(result.GetValue(output)!), cancellationToken));

        var input = new Argument<string>("FILE") { Description = "A backup written by the backup verb" };
        var replace = new Option<bool>("--replace") { Description = "Replace a database that already holds records" };
        var force = new Option<bool>("--force") { Description = "Replace it even when published versions or erasures made since the backup would be lost" };
        var restore = new Command("restore", "Restores a backup; a database that holds records is replaced only with --replace.") { input, replace, force };
        restore.SetAction((result, cancellationToken) =>
            RestoreAsync(context, context.FullPath(result.GetValue(input)!), result.GetValue(replace), result.GetValue(force), cancellationToken));
        return [backup, restore];
    }

    private static async Task<int> BackupAsync(CliContext context, string file, CancellationToken cancellationToken)
    {
        await using var services = await context.OpenServicesAsync(cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<McscDbContext>();
        if (db.Database.IsSqlite())
        {
            if (File.Exists(file)) File.Delete(file);
            await using var source = new SqliteConnection(db.Database.GetConnectionString());
            await using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ConnectionString);
            await source.OpenAsync(cancellationToken);
            await target.OpenAsync(cancellationToken);
            source.BackupDatabase(target);
        }
        else if (await PgToolAsync(context, "pg_dump", db, ["--format=custom", "--no-owner", $"--file={file}"], cancellationToken) is { } failed)
            return failed;
        await context.Out.WriteLineAsync($"Wrote backup {file}");
        return ExitCodes.Done;
    }

    private static async Task<int> RestoreAsync(CliContext context, string file, bool replace, bool force, CancellationToken cancellationToken)
    {
        if (!File.Exists(file))
        {
            await context.Error.WriteLineAsync($"{file}: no such file");
            return ExitCodes.InputRejected;
        }
        await using var services = await context.OpenServicesAsync(cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<McscDbContext>();
        if (!replace && (await db.Councils.AnyAsync(cancellationToken) || await db.Users.AnyAsync(cancellationToken)))
        {
            await context.Error.WriteLineAsync("The database already holds records or users; nothing was restored. Add --replace to replace them with the backup.");
            return ExitCodes.InputRejected;
        }
        if (!force && await WouldBeLostAsync(db, file, cancellationToken) is { } lost)
        {
            await context.Error.WriteLineAsync($"{lost} Nothing was restored. Add --force to restore the backup anyway.");
            return ExitCodes.InputRejected;
        }
        if (db.Database.IsSqlite())
        {
            if (await SqliteBackupProblemAsync(file, cancellationToken) is { } problem)
            {
                await context.Error.WriteLineAsync($"{file}: {problem}; nothing was restored.");
                return ExitCodes.InputRejected;
            }
            await using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
            await using var target = new SqliteConnection(db.Database.GetConnectionString());
            await source.OpenAsync(cancellationToken);
            await target.OpenAsync(cancellationToken);
            source.BackupDatabase(target);
        }
        else if (await PgToolAsync(context, "pg_restore", db, ["--clean", "--if-exists", "--no-owner", "--single-transaction", file], cancellationToken) is { } failed)
            return failed;
        // A backup from an older version is brought up to date.
        await services.MigrateAsync(cancellationToken);
        await context.Out.WriteLineAsync($"Restored {file}");
        return ExitCodes.Done;
    }

    /// <summary>
    /// What replacing the database with a backup would undo, or null when nothing: versions
    /// published after the backup was written would be gone (while copies of them are out in
    /// the world), and members erased since would have their personal data back. "Since" is the
    /// backup file's time.
    /// </summary>
    private static async Task<string?> WouldBeLostAsync(McscDbContext db, string file, CancellationToken cancellationToken)
    {
        var written = File.GetLastWriteTimeUtc(file);
        var versions = await db.Publications.AsNoTracking().Where(p => p.PublishedAtUtc > written)
            .OrderBy(p => p.Year).ThenBy(p => p.Number).Select(p => new { p.Year, p.Number }).ToListAsync(cancellationToken);
        var erased = await db.Members.CountAsync(m => m.ErasedAtUtc > written, cancellationToken);
        if (versions.Count == 0 && erased == 0) return null;
        var losses = new List<string>();
        if (versions.Count > 0)
            losses.Add($"{versions.Count} published version{(versions.Count == 1 ? "" : "s")} ({string.Join(", ", versions.Select(v => $"{v.Year} v{v.Number}"))}) would be gone");
        if (erased > 0)
            losses.Add($"the personal data of {erased} member{(erased == 1 ? "" : "s")} erased since would come back");
        return $"The backup was written {written:yyyy-MM-dd HH:mm}Z; restoring it, {string.Join(", and ", losses)}.";
    }

    /// <summary>Why a file is not a McscMonitor SQLite backup, or null when it is one.</summary>
    private static async Task<string?> SqliteBackupProblemAsync(string file, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var check = new SqliteCommand("SELECT count(*) FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" LIKE '%_InitialCreate'", connection);
            return Convert.ToInt64(await check.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 1
                ? null
                : "not a McscMonitor backup";
        }
        catch (SqliteException)
        {
            return "not a McscMonitor backup (not a SQLite database of this app)";
        }
    }

    /// <summary>Runs pg_dump or pg_restore against the configured database; the exit code on failure, null on success.</summary>
    private static async Task<int?> PgToolAsync(CliContext context, string tool, McscDbContext db, string[] arguments, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { $"--host={connection.Host}", $"--port={connection.Port}", $"--username={connection.Username}", $"--dbname={connection.Database}" }.Concat(arguments))
            start.ArgumentList.Add(argument);
        start.Environment["PGPASSWORD"] = connection.Password ?? "";
        try
        {
            using var process = Process.Start(start)!;
            var errors = await process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode == 0) return null;
            await context.Error.WriteLineAsync($"{tool} failed: {errors.Trim()}");
            return ExitCodes.InputRejected;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            await context.Error.WriteLineAsync($"{tool} was not found: install the PostgreSQL client tools (Debian: postgresql-client) of the server's version.");
            return ExitCodes.InputRejected;
        }
    }
}
