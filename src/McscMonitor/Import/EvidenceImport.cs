using System.Globalization;
using McscMonitor.Attachments;
using McscMonitor.Core.Evidence;
using McscMonitor.Core.Localization;
using McscMonitor.Data;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Import;

/// <summary>
/// The documents of an import's <c>attachments/</c> folder: checked with the rows (what each file
/// is, whose municipality), attached after the tables are written, in the same transaction, to
/// the records their keys name — rows of the same file or records already stored. A file the
/// record already has (the same bytes) is not attached twice, so importing again changes nothing.
/// </summary>
public sealed class EvidenceImport(McscDbContext db, IAttachmentStore store, AttachmentLimits limits, Audit.AuditActor actor)
{
    /// <summary>A file that passed its checks: the accepted content and the municipality it belongs to.</summary>
    public sealed record Checked(ExchangeFile File, AcceptedEvidence Evidence, string MunicipalityCode);

    public const string TableName = "attachments";

    public async Task<IReadOnlyList<Checked>> CheckAsync(IReadOnlyList<ExchangeFile> files, ImportErrors errors, string? onlyMunicipality, CancellationToken cancellationToken)
    {
        var accepted = new List<Checked>();
        foreach (var file in files)
        {
            var match = await db.MatchMunicipalityAsync(file.Municipality, cancellationToken);
            if (match.Municipality is not { } municipality)
            {
                errors.Add(new ImportError(file.Source, null, null, match.Describe(file.Municipality)));
                continue;
            }
            if (onlyMunicipality is not null && municipality.Code != onlyMunicipality)
            {
                errors.Add(new ImportError(file.Source, null, null, Messages.Format("notOwnMunicipality", ("name", municipality.NameSq))));
                continue;
            }
            if (file.Content.Length > limits.MaxFileBytes)
            {
                errors.Add(new ImportError(file.Source, null, null, Messages.Format("attachmentTooLarge", ("max", limits.MaxFileMegabytes))));
                continue;
            }
            var (evidence, refusal) = EvidenceFile.Inspect(file.Content);
            if (evidence is null)
                errors.Add(new ImportError(file.Source, null, null, AttachmentWriter.Refused(refusal!.Value)));
            else
                accepted.Add(new Checked(file, evidence, municipality.Code));
        }
        return accepted;
    }

    /// <summary>Attaches each file to its record, in the caller's transaction; a key that names no record is an error.</summary>
    public async Task<TableCount> WriteAsync(IReadOnlyList<Checked> files, ImportErrors errors, CancellationToken cancellationToken)
    {
        var (added, unchanged) = (0, 0);
        foreach (var (file, evidence, code) in files)
        {
            var kind = ExchangeFiles.Tables[file.Table.Name];
            if (await RecordIdAsync(file, code, cancellationToken) is not { } id)
            {
                errors.Add(new ImportError(file.Source, null, null, Messages.Format("attachmentNoRecord", ("table", file.Table.Name),
                    ("key", file.Key is null ? code : $"{code}_{file.Key}"))));
                continue;
            }
            var attachment = AttachmentWriter.New(kind, id, code, file.FileName, evidence, file.Description, actor);
            var held = db.Attachments.Where(a => a.RecordPath == kind.Path && a.RecordId == id);
            var adding = db.Attachments.Local.Where(a => a.RecordPath == kind.Path && a.RecordId == id).ToList();
            if (adding.Any(a => a.Sha256 == attachment.Sha256) || await held.AnyAsync(a => a.Sha256 == attachment.Sha256, cancellationToken))
            {
                unchanged++;
                continue;
            }
            if ((await held.SumAsync(a => (long?)a.Size, cancellationToken) ?? 0) + adding.Sum(a => a.Size) + attachment.Size > limits.MaxRecordBytes)
            {
                errors.Add(new ImportError(file.Source, null, null, Messages.Format("attachmentRecordFull", ("max", limits.MaxRecordMegabytes))));
                continue;
            }
            if ((await db.Attachments.Where(a => a.MunicipalityCode == code).SumAsync(a => (long?)a.Size, cancellationToken) ?? 0)
                + db.Attachments.Local.Where(a => a.MunicipalityCode == code).Sum(a => a.Size) + attachment.Size > limits.MaxMunicipalityBytes)
            {
                errors.Add(new ImportError(file.Source, null, null, Messages.Format("attachmentMunicipalityFull", ("max", limits.MaxMunicipalityMegabytes))));
                continue;
            }
            await store.AddAsync(attachment.Sha256, evidence.Content, cancellationToken);
            db.Attachments.Add(attachment);
            added++;
        }
        if (errors.Count > 0) return new TableCount(TableName, 0, 0, 0);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Approvals.YearNotEditableException closed)
        {
            errors.Add(new ImportError(ExchangeFiles.Folder, null, null, closed.Message));
        }
        return new TableCount(TableName, added, 0, unchanged);
    }

    private Task<int?> RecordIdAsync(ExchangeFile file, string code, CancellationToken cancellationToken)
    {
        if (file.Table == ExchangeFormat.Councils)
            return db.Councils.Where(c => c.MunicipalityCode == code).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken);
        if (file.Table == ExchangeFormat.Meetings)
        {
            var date = DateOnly.ParseExact(file.Key!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            return db.Meetings.Where(m => m.Date == date && db.Councils.Any(c => c.Id == m.CouncilId && c.MunicipalityCode == code))
                .Select(m => (int?)m.Id).FirstOrDefaultAsync(cancellationToken);
        }
        var year = int.Parse(file.Key!, CultureInfo.InvariantCulture);
        return file.Table == ExchangeFormat.WorkPlans
            ? db.WorkPlans.Where(w => w.Year == year && db.Councils.Any(c => c.Id == w.CouncilId && c.MunicipalityCode == code))
                .Select(w => (int?)w.Id).FirstOrDefaultAsync(cancellationToken)
            : db.Compensation.Where(c => c.Year == year && c.MunicipalityCode == code).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken);
    }
}
