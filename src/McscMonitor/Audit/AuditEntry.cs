using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace McscMonitor.Audit;

/// <summary>One change to one record: who, when, what, and each changed field's old and new value (JSON).</summary>
public sealed class AuditEntry
{
    public long Id { get; init; }
    public DateTime OccurredAtUtc { get; init; }
    public required string Actor { get; init; }
    public required string Action { get; init; }
    public required string Entity { get; init; }
    public required string EntityKey { get; init; }
    public required string Changes { get; init; }

    /// <summary>The municipality the record belongs to, so the trail can be read one municipality at a time.</summary>
    public string? MunicipalityCode { get; init; }

    /// <summary>Why, when the action needs one: a member deleted as entered by mistake, a member's data erased.</summary>
    public string? Reason { get; init; }
}

/// <summary>Who the current unit of work acts for (the signed-in user, or the command-line user), and the clock its changes are timed by.</summary>
public sealed class AuditActor(TimeProvider? clock = null)
{
    private const string CommandLine = "cli:";

    /// <summary>The app's clock: audit timestamps come from it like every other date, so a test's fixed clock times them too.</summary>
    public TimeProvider Clock { get; } = clock ?? TimeProvider.System;

    public string Name { get; set; } = $"{CommandLine}{Environment.UserName}";

    /// <summary>
    /// An actor as a reader names them: a user's name as it is, "command line (root)" for
    /// "cli:root", "not signed in" for an anonymous request.
    /// </summary>
    public static string Display(string actor, Core.Localization.TextCatalog texts) =>
        actor.StartsWith(CommandLine, StringComparison.Ordinal) ? texts.Format("actor.commandLine", ("user", actor[CommandLine.Length..]))
        : actor == "anonymous" ? texts["actor.anonymous"]
        : actor;

    /// <summary>The reason given for the change being saved, written to its audit entries.</summary>
    public string? Reason { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Actor).HasMaxLength(200);
        entry.Property(e => e.Action).HasMaxLength(16);
        entry.Property(e => e.Entity).HasMaxLength(64);
        entry.Property(e => e.EntityKey).HasMaxLength(128);
        entry.Property(e => e.Reason).HasMaxLength(Core.Domain.TextLimits.Reason);
        entry.Property(e => e.MunicipalityCode).HasMaxLength(32);
        entry.HasIndex(e => new { e.MunicipalityCode, e.Id });
        entry.HasIndex(e => new { e.Entity, e.EntityKey });
        entry.HasIndex(e => e.OccurredAtUtc);
    }
}
