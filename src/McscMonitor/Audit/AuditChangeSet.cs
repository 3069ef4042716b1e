using System.Data.Common;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using McscMonitor.Core.Domain;
using McscMonitor.Data;
using McscMonitor.Import;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace McscMonitor.Audit;

/// <summary>
/// The rows a bulk import created, attached to the import's audit entry: one JSON line per
/// row (entity, natural key, municipality and its values, as a created entry would hold them), gzip
/// compressed. A million new rows are one value here, not a million entries in the trail. Like
/// the trail, it is never changed, and it holds no personal data: a member's name, gender,
/// community and religion show as "(hidden)", so erasing a member never has to reach in here.
/// </summary>
public sealed class AuditChangeSet
{
    public long AuditEntryId { get; init; }
    public int Lines { get; init; }
    public required byte[] Content { get; init; }

    /// <summary>The lines, decompressed, for a reader or a test.</summary>
    public IEnumerable<string> ReadLines()
    {
        using var reader = new StreamReader(new GZipStream(new MemoryStream(Content), CompressionMode.Decompress), Encoding.UTF8);
        while (reader.ReadLine() is { } line) yield return line;
    }
}

/// <summary>Collects an import's created rows as compressed JSON lines while the batches are saved.</summary>
public sealed class ChangeSetWriter : IDisposable
{
    private readonly MemoryStream _buffer = new();
    private readonly GZipStream _gzip;
    private readonly BufferedStream _lines;
    private readonly Utf8JsonWriter _json;
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    public ChangeSetWriter()
    {
        _gzip = new GZipStream(_buffer, CompressionLevel.Fastest, leaveOpen: true);
        // Lines reach the compressor 64 KB at a time, not one short line per call.
        _lines = new BufferedStream(_gzip, 1 << 16);
        _json = new Utf8JsonWriter(_lines);
    }

    public int Lines { get; private set; }

    /// <summary>
    /// A row written without the change tracker (so without its key yet), named by its natural
    /// key, with the values it was created with as a "create" entry holds them. A member's
    /// personal data shows as hidden: a change set is never rewritten by an erasure.
    /// </summary>
    public void AddCreated(IEntityType type, object entity, string naturalKey, string? municipalityCode)
    {
        _json.WriteStartObject();
        _json.WriteString("entity", type.ClrType.Name);
        _json.WriteString("key", naturalKey);
        if (municipalityCode is not null) _json.WriteString("municipality", municipalityCode);
        _json.WriteStartObject("changes");
        foreach (var property in type.GetProperties())
        {
            if (AuditTrail.Ignored.Contains(property.Name) || (property.IsPrimaryKey() && property.ValueGenerated != ValueGenerated.Never)) continue;
            if (property.GetGetter().GetClrValue(entity) is not { } value) continue;
            _json.WriteStartObject(property.Name);
            _json.WriteNull("old");
            _json.WritePropertyName("new");
            if (AuditTrail.Secrets.Contains(property.Name) || (entity is Member && AuditTrail.PersonalFields.Contains(property.Name))) _json.WriteStringValue(AuditTrail.Hidden);
            else WriteValue(AuditTrail.Plain(value));
            _json.WriteEndObject();
        }
        _json.WriteEndObject();
        _json.WriteEndObject();
        _json.Flush();
        _json.Reset();
        _lines.Write(NewLine);
        Lines++;
    }

    /// <summary>A value as the serializer writes it, without its per-value lookup of a boxed value's type (a third of a large import's writing).</summary>
    private void WriteValue(object? value)
    {
        switch (value)
        {
            case int number: _json.WriteNumberValue(number); break;
            case long number: _json.WriteNumberValue(number); break;
            case decimal number: _json.WriteNumberValue(number); break;
            case bool flag: _json.WriteBooleanValue(flag); break;
            case string text: _json.WriteStringValue(text); break;
            default: JsonSerializer.Serialize(_json, value); break;
        }
    }

    /// <summary>
    /// Stores the compressed lines under the import's audit entry, if any row was created. The
    /// bytes go to the database from the writer's own buffer: a million rows compress to about
    /// 45 MB, and copying them into an array and then into a bound parameter held three times that
    /// at the end of the import. SQLite is given room for them (<c>zeroblob</c>) and then the
    /// bytes through its blob stream; PostgreSQL reads them from the buffer as the parameter.
    /// </summary>
    public async Task SaveAsync(McscDbContext db, long auditEntryId, CancellationToken cancellationToken)
    {
        if (Lines == 0) return;
        _json.Dispose();
        _lines.Dispose();
        _gzip.Dispose();
        var content = new ReadOnlyMemory<byte>(_buffer.GetBuffer(), 0, (int)_buffer.Length);
        var table = db.Model.FindEntityType(typeof(AuditChangeSet))!.GetTableName();
        var connection = db.Database.GetDbConnection();
        await using var insert = connection.CreateCommand();
        insert.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var sqlite = connection is SqliteConnection;
        insert.CommandText = $"INSERT INTO \"{table}\" (\"AuditEntryId\", \"Lines\", \"Content\") VALUES (@entry, @lines, "
                             + (sqlite ? "zeroblob(@length))" : "@content)");
        Add(insert, "@entry", auditEntryId);
        Add(insert, "@lines", Lines);
        if (sqlite) Add(insert, "@length", content.Length);
        else insert.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>>("@content", NpgsqlDbType.Bytea) { TypedValue = content });
        await db.Database.WithOpenConnectionAsync(async _ =>
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
            if (connection is SqliteConnection file)
            {
                // The key is the table's rowid, so the blob is found by it.
                await using var blob = new SqliteBlob(file, table!, nameof(AuditChangeSet.Content), auditEntryId);
                await blob.WriteAsync(content, cancellationToken);
            }
            return true;
        }, cancellationToken);

        static void Add(DbCommand command, string name, object value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
    }

    public void Dispose()
    {
        _json.Dispose();
        _lines.Dispose();
        _gzip.Dispose();
        _buffer.Dispose();
    }
}

internal sealed class AuditChangeSetConfiguration : IEntityTypeConfiguration<AuditChangeSet>
{
    public void Configure(EntityTypeBuilder<AuditChangeSet> changeSet)
    {
        changeSet.HasKey(c => c.AuditEntryId);
        changeSet.HasOne<AuditEntry>().WithOne().HasForeignKey<AuditChangeSet>(c => c.AuditEntryId);
    }
}

/// <summary>The import's own audit entry: what was read, its checksum and what came of it, row counts summed over its tables.</summary>
internal static class ImportAudit
{
    public const string Entity = "Import";
    public const string Action = "import";

    /// <summary>The entry's fields; data given in memory has no file, so no checksum to show.</summary>
    public static string Changes(string name, string checksum, IReadOnlyList<TableCount> counts, int changeSetLines)
    {
        var changes = new Dictionary<string, object> { ["Name"] = new { old = (string?)null, @new = name } };
        if (checksum.Length > 0) changes["Sha256"] = new { old = (string?)null, @new = checksum };
        changes["Added"] = new { old = (int?)null, @new = counts.Sum(c => c.Added) };
        changes["Updated"] = new { old = (int?)null, @new = counts.Sum(c => c.Updated) };
        changes["Unchanged"] = new { old = (int?)null, @new = counts.Sum(c => c.Unchanged) };
        changes["ChangeSetLines"] = new { old = (int?)null, @new = changeSetLines };
        return AuditTrail.Serialize(changes);
    }
}
