using McscMonitor.Audit;
using McscMonitor.Compensations;
using McscMonitor.Core.Domain;
using McscMonitor.Core.Names;
using McscMonitor.Councils;
using McscMonitor.Meetings;
using McscMonitor.Members;
using McscMonitor.Users;
using McscMonitor.WorkPlans;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Data;

/// <summary>
/// The one model of the application, and its unit of work. Each database provider has a
/// subclass of its own only so that each keeps its own migrations.
/// </summary>
public abstract class McscDbContext(DbContextOptions options, AuditActor? actor) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    private readonly AuditActor _actor = actor ?? new AuditActor();

    /// <summary>The clock this unit of work's changes are timed by: the app's, so a test's fixed clock times them too.</summary>
    public TimeProvider Clock => _actor.Clock;

    public DbSet<Region> Regions => Set<Region>();
    /// <summary>Every unit, synthetic ones included (the importer, the generator); Kosovo's outputs use <see cref="KosovoMunicipalities"/>.</summary>
    public DbSet<Municipality> Municipalities => Set<Municipality>();

    /// <summary>The 38 municipalities, without the units a <c>generate</c> run made up.</summary>
    public IQueryable<Municipality> KosovoMunicipalities => Municipalities.Where(m => !m.Synthetic);
    public DbSet<CommunityRow> Communities => Set<CommunityRow>();
    public DbSet<Council> Councils => Set<Council>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<WorkPlan> WorkPlans => Set<WorkPlan>();
    public DbSet<Compensation> Compensation => Set<Compensation>();
    public DbSet<DatasetLabel> DatasetLabels => Set<DatasetLabel>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditChangeSet> AuditChangeSets => Set<AuditChangeSet>();
    public DbSet<YearVersion> YearVersions => Set<YearVersion>();

    public DbSet<Attachments.Attachment> Attachments => Set<Attachments.Attachment>();

    public DbSet<Attachments.AttachmentChunk> AttachmentChunks => Set<Attachments.AttachmentChunk>();
    public DbSet<AccessToken> AccessTokens => Set<AccessToken>();
    public DbSet<Approvals.Approval> Approvals => Set<Approvals.Approval>();
    public DbSet<Recommendation> Recommendations => Set<Recommendation>();
    public DbSet<ProgressNote> ProgressNotes => Set<ProgressNote>();
    public DbSet<Publications.Publication> Publications => Set<Publications.Publication>();
    public DbSet<Publications.PublicationFile> PublicationFiles => Set<Publications.PublicationFile>();

    /// <summary>The keys that sign cookies and antiforgery tokens, shared by every app instance on this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// Records that someone saw or took away members' personal data (a member list or record, an
    /// export, audit entries about members): one entry per request, with who, the municipality (or
    /// all) and how many members it showed.
    /// </summary>
    public async Task AuditMemberAccessAsync(string action, string? municipalityCode, int members, CancellationToken cancellationToken = default)
    {
        AuditEntries.Add(new AuditEntry
        {
            OccurredAtUtc = _actor.Clock.GetUtcNow().UtcDateTime, Actor = _actor.Name, Action = action, Entity = AuditTrail.MemberList, EntityKey = municipalityCode ?? "all",
            Changes = AuditTrail.Serialize(new Dictionary<string, object?> { [AuditTrail.MembersShown] = new { old = (int?)null, @new = members } }),
            MunicipalityCode = municipalityCode,
        });
        await base.SaveChangesAsync(acceptAllChangesOnSuccess: true, cancellationToken);
    }

    /// <summary>Audits an import once: who, when, what file (name and SHA-256), its counts, and the change set of the rows it created.</summary>
    internal async Task AuditImportAsync(
        string name, string checksum, IReadOnlyList<Import.TableCount> counts, string? municipalityCode, ChangeSetWriter changeSet,
        TouchedYears touched, CancellationToken cancellationToken) =>
        await AuditAsOneAsync(ImportAudit.Action, checksum.Length > 0 ? checksum : "-", municipalityCode,
            ImportAudit.Changes(name, checksum, counts, changeSet.Lines), changeSet, touched, cancellationToken);

    /// <summary>
    /// One audit entry for a whole bulk write (an import, a generated data set), with its change
    /// set if it kept one; the years it wrote into move on (<see cref="Data.YearVersions"/>).
    /// </summary>
    internal async Task AuditAsOneAsync(
        string action, string key, string? municipalityCode, string changes, ChangeSetWriter? changeSet, TouchedYears touched,
        CancellationToken cancellationToken)
    {
        await Data.YearVersions.BumpAsync(this, touched, cancellationToken);
        var entry = new AuditEntry
        {
            OccurredAtUtc = _actor.Clock.GetUtcNow().UtcDateTime, Actor = _actor.Name, Action = action, Entity = ImportAudit.Entity,
            EntityKey = key, MunicipalityCode = municipalityCode, Changes = changes,
        };
        AuditEntries.Add(entry);
        await base.SaveChangesAsync(acceptAllChangesOnSuccess: true, cancellationToken);
        if (changeSet is not null) await changeSet.SaveAsync(this, entry.Id, cancellationToken);
    }

    /// <summary>The municipality a name, alias or code given by a person or a file stands for, or suggestions.</summary>
    /// <remarks>A code or a name given exactly is found by the database; only other spellings load every unit to compare.</remarks>
    public async Task<MunicipalityMatch> MatchMunicipalityAsync(string name, CancellationToken cancellationToken = default)
    {
        var exact = await Municipalities.AsNoTracking()
            .Where(m => m.Code == name || m.NameSq == name || m.NameSrLatn == name || m.NameSrCyrl == name || m.NameEn == name)
            .OrderBy(m => m.Code).Take(2).ToListAsync(cancellationToken);
        if (exact.Count == 1) return new MunicipalityMatch(exact[0], [], IsAmbiguous: false);
        return new MunicipalityMatcher(await Municipalities.AsNoTracking().ToListAsync(cancellationToken)).Match(name);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfiguration(new ReferenceDataConfiguration());
        builder.ApplyConfiguration(new MunicipalityConfiguration());
        builder.ApplyConfiguration(new CommunityConfiguration());
        builder.ApplyConfiguration(new CouncilConfiguration());
        builder.ApplyConfiguration(new MemberConfiguration());
        builder.ApplyConfiguration(new MeetingConfiguration());
        builder.ApplyConfiguration(new WorkPlanConfiguration());
        builder.ApplyConfiguration(new CompensationConfiguration());
        builder.ApplyConfiguration(new DatasetLabelConfiguration());
        builder.ApplyConfiguration(new AuditEntryConfiguration());
        builder.ApplyConfiguration(new AuditChangeSetConfiguration());
        builder.ApplyConfiguration(new YearVersionConfiguration());
        builder.ApplyConfiguration(new Attachments.AttachmentConfiguration());
        builder.ApplyConfiguration(new Attachments.AttachmentChunkConfiguration());
        builder.ApplyConfiguration(new AccessTokenConfiguration());
        builder.ApplyConfiguration(new Approvals.ApprovalConfiguration());
        builder.ApplyConfiguration(new FollowUp.RecommendationConfiguration());
        builder.ApplyConfiguration(new FollowUp.ProgressNoteConfiguration());
        builder.ApplyConfiguration(new Publications.PublicationConfiguration());
        builder.ApplyConfiguration(new Publications.PublicationFileConfiguration());
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    /// <summary>
    /// Saves the changes and their audit entries together: in the caller's transaction when
    /// there is one, in a transaction of its own otherwise, so a change is never unaudited. A
    /// change that could alter a year's figures is checked against the closed years inside
    /// that transaction (<see cref="Approvals.YearGuard"/>).
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var guarded = McscMonitor.Approvals.YearGuard.Applies(ChangeTracker);
        var pending = AuditTrail.Collect(ChangeTracker);
        if (pending.Count == 0 && !guarded) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        await using var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        if (guarded) await McscMonitor.Approvals.YearGuard.RefuseChangesToClosedYearsAsync(this, cancellationToken);
        StampVersions();
        var touched = new TouchedYears();
        foreach (var change in pending) touched.Add(change.Entry);
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        var now = _actor.Clock.GetUtcNow().UtcDateTime;
        var councilIds = pending.Select(change => change.CouncilId).OfType<int>().Distinct().ToList();
        var councilMunicipalities = councilIds.Count == 0 ? new Dictionary<int, string>()
            : await Councils.AsNoTracking().Where(c => councilIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.MunicipalityCode, cancellationToken);
        foreach (var change in pending)
        {
            AuditEntries.Add(change.ToEntry(_actor, now, councilMunicipalities));
        }
        if (pending.Count > 0) await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        // Last before the commit: the stripe of the year's version it moves stays locked to the commit,
        // and only a write into the same year that drew the same stripe waits for it.
        await Data.YearVersions.BumpAsync(this, touched, cancellationToken);
        if (ownTransaction is not null) await ownTransaction.CommitAsync(cancellationToken);
        return saved;
    }

    /// <summary>
    /// Every write moves the row's version on; an update whose version no longer matches the
    /// stored one fails with a concurrency error instead of overwriting someone else's edit.
    /// </summary>
    private void StampVersions()
    {
        foreach (var entry in ChangeTracker.Entries<EditableRecord>())
        {
            if (entry.State == EntityState.Added) entry.Entity.Version = 1;
            else if (entry.State == EntityState.Modified) entry.Entity.Version = entry.Property(e => e.Version).OriginalValue + 1;
        }
    }
}

public sealed class SqliteMcscDbContext(DbContextOptions<SqliteMcscDbContext> options, AuditActor? actor = null)
    : McscDbContext(options, actor);

public sealed class PostgresMcscDbContext(DbContextOptions<PostgresMcscDbContext> options, AuditActor? actor = null)
    : McscDbContext(options, actor);
