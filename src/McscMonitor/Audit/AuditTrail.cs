using System.Text.Json;
using McscMonitor.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace McscMonitor.Audit;

/// <summary>
/// Reads pending changes from the change tracker before they are saved, and turns them into
/// audit entries once the database has given new rows their keys.
/// </summary>
internal static class AuditTrail
{
    public sealed record Pending(EntityEntry Entry, string Action, Dictionary<string, object?[]> Changes)
    {
        public AuditEntry ToEntry(string actor, DateTime now) => new()
        {
            OccurredAtUtc = now,
            Actor = actor,
            Action = Action,
            Entity = Entry.Metadata.ClrType.Name,
            EntityKey = string.Join("/", Entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Entry.Property(p.Name).CurrentValue)),
            Changes = JsonSerializer.Serialize(Changes.ToDictionary(c => c.Key, c => new { old = Plain(c.Value[0]), @new = Plain(c.Value[1]) })),
        };
    }

    /// <summary>Enums as the codes files and the database use, not as numbers.</summary>
    private static object? Plain(object? value) => value is Enum code ? Codes.ToCode(code) : value;

    public static List<Pending> Collect(ChangeTracker tracker)
    {
        var pending = new List<Pending>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.Entity is AuditEntry)
            {
                if (entry.State is EntityState.Modified or EntityState.Deleted)
                    throw new InvalidOperationException("Audit entries cannot be changed or deleted.");
                continue;
            }
            if (entry.Entity is not (EditableRecord or Municipality)) continue;

            var changes = new Dictionary<string, object?[]>();
            foreach (var property in entry.Properties.Where(p => p.Metadata.Name != nameof(EditableRecord.Version)))
            {
                switch (entry.State)
                {
                    case EntityState.Added when !property.Metadata.IsPrimaryKey():
                        changes[property.Metadata.Name] = [null, property.CurrentValue];
                        break;
                    case EntityState.Deleted:
                        changes[property.Metadata.Name] = [property.OriginalValue, null];
                        break;
                    case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                        changes[property.Metadata.Name] = [property.OriginalValue, property.CurrentValue];
                        break;
                }
            }
            var action = entry.State switch
            {
                EntityState.Added => "create",
                EntityState.Modified => "update",
                EntityState.Deleted => "delete",
                _ => null,
            };
            if (action is not null && changes.Count > 0) pending.Add(new Pending(entry, action, changes));
        }
        return pending;
    }
}
