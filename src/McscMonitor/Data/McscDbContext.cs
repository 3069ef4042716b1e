using McscMonitor.Core.Domain;
using McscMonitor.Compensations;
using McscMonitor.Councils;
using McscMonitor.Meetings;
using McscMonitor.Members;
using McscMonitor.WorkPlans;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Data;

/// <summary>
/// The one model of the application, and its unit of work. Each database provider has a
/// subclass of its own only so that each keeps its own migrations.
/// </summary>
public abstract class McscDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<Municipality> Municipalities => Set<Municipality>();
    public DbSet<CommunityRow> Communities => Set<CommunityRow>();
    public DbSet<Council> Councils => Set<Council>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<WorkPlan> WorkPlans => Set<WorkPlan>();
    public DbSet<Compensation> Compensation => Set<Compensation>();
    public DbSet<DatasetLabel> DatasetLabels => Set<DatasetLabel>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new ReferenceDataConfiguration());
        modelBuilder.ApplyConfiguration(new MunicipalityConfiguration());
        modelBuilder.ApplyConfiguration(new CommunityConfiguration());
        modelBuilder.ApplyConfiguration(new CouncilConfiguration());
        modelBuilder.ApplyConfiguration(new MemberConfiguration());
        modelBuilder.ApplyConfiguration(new MeetingConfiguration());
        modelBuilder.ApplyConfiguration(new WorkPlanConfiguration());
        modelBuilder.ApplyConfiguration(new CompensationConfiguration());
        modelBuilder.ApplyConfiguration(new DatasetLabelConfiguration());
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
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

public sealed class SqliteMcscDbContext(DbContextOptions<SqliteMcscDbContext> options) : McscDbContext(options);

public sealed class PostgresMcscDbContext(DbContextOptions<PostgresMcscDbContext> options) : McscDbContext(options);
