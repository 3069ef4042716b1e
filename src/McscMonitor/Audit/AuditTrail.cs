using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using McscMonitor.Core.Domain;
using McscMonitor.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace McscMonitor.Audit;

/// <summary>
/// Reads pending changes from the change tracker before they are saved, and turns them into
/// audit entries once the database has given new rows their keys.
/// </summary>
internal static class AuditTrail
{
    /// <summary>The entity name of entries that record who saw or exported a municipality's members.</summary>
    public const string MemberList = "MemberList";

    /// <summary>The field of a <see cref="MemberList"/> entry that says how many members the view or export showed.</summary>
    public const string MembersShown = "Members";

    public sealed record Pending(EntityEntry Entry, string Action, Dictionary<string, object?[]> Changes)
    {
        /// <summary>The council a meeting, member or work plan belongs to, whose municipality the entry names.</summary>
        public int? CouncilId => Entry.Metadata.FindProperty(nameof(Meeting.CouncilId)) is { } property
            ? (int?)Entry.Property(property.Name).CurrentValue ?? (int?)Entry.Property(property.Name).OriginalValue
            : null;

        private string? OwnMunicipality => Entry.Entity switch
        {
            Municipality municipality => municipality.Code,
            _ => Entry.Metadata.FindProperty(nameof(Council.MunicipalityCode)) is { } property
                ? (string?)Entry.Property(property.Name).CurrentValue ?? (string?)Entry.Property(property.Name).OriginalValue
                : null,
        };

        public AuditEntry ToEntry(AuditActor actor, DateTime now, IReadOnlyDictionary<int, string> councilMunicipalities) => new()
        {
            MunicipalityCode = OwnMunicipality ?? (CouncilId is { } council ? councilMunicipalities.GetValueOrDefault(council) : null),
            OccurredAtUtc = now,
            Actor = actor.Name,
            Reason = actor.Reason,
            Action = Action,
            Entity = EntityName(Entry.Metadata.ClrType),
            EntityKey = string.Join("/", Entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Entry.Property(p.Name).CurrentValue)),
            Changes = Serialize(Changes.ToDictionary(c => c.Key, c => new { old = Plain(c.Value[0]), @new = Plain(c.Value[1]) })),
        };
    }

    /// <summary>Names in Albanian and Serbian stay readable (ë, č, Cyrillic), not \u escapes; HTML-significant characters stay escaped.</summary>
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static string Serialize<T>(T changes) => JsonSerializer.Serialize(changes, Json);

    /// <summary>A member's personal data: never copied into the trail once erased.</summary>
    public static readonly IReadOnlyList<string> PersonalFields =
        [nameof(Member.FullName), nameof(Member.Religion), nameof(Member.Gender), nameof(Member.Community), nameof(Member.ErasedCountedCommunity)];

    /// <summary>
    /// Takes an erased member's personal data out of every earlier audit entry about them. The
    /// trail is otherwise immutable: this is the one change it allows, made without the change
    /// tracker so that the guard in <see cref="Collect"/> still stops any other.
    /// </summary>
    public static async Task ScrubAsync(McscMonitor.Data.McscDbContext db, int memberId, CancellationToken cancellationToken)
    {
        var key = memberId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(e => e.Entity == nameof(Member) && e.EntityKey == key)
            .Select(e => new { e.Id, e.Changes }).ToListAsync(cancellationToken);
        foreach (var entry in entries)
        {
            var changes = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, JsonElement>>>(entry.Changes) ?? [];
            foreach (var field in PersonalFields.Where(changes.ContainsKey))
                foreach (var side in changes[field].Keys.ToList())
                    if (changes[field][side].ValueKind != JsonValueKind.Null)
                        changes[field][side] = JsonSerializer.SerializeToElement(Member.ErasedText);
            var scrubbed = Serialize(changes);
            await db.AuditEntries.Where(e => e.Id == entry.Id).ExecuteUpdateAsync(set => set.SetProperty(e => e.Changes, scrubbed), cancellationToken);
        }
    }

    /// <summary>Who may do what is audited as closely as the records: users, their roles and their tokens.</summary>
    private static bool IsAudited(object entity) =>
        entity is EditableRecord or Municipality or AppUser or IdentityUserRole<string> or AccessToken or Approvals.Approval or Publications.Publication
            or Attachments.Attachment;

    /// <summary>Secrets are never copied into the trail; that they changed is.</summary>
    internal static readonly HashSet<string> Secrets = [nameof(AppUser.PasswordHash), nameof(AccessToken.TokenHash)];

    /// <summary>Bookkeeping that says nothing to a reader: stamps, normalised copies, the failed sign-in counter.</summary>
    internal static readonly HashSet<string> Ignored =
    [
        nameof(EditableRecord.Version), nameof(AppUser.SecurityStamp), nameof(AppUser.ConcurrencyStamp),
        nameof(AppUser.NormalizedUserName), nameof(AppUser.NormalizedEmail), nameof(AppUser.AccessFailedCount),
        nameof(AppUser.LastSignInAtUtc),
    ];

    internal const string Hidden = "(hidden)";

    private static string EntityName(Type type) => type.IsGenericType ? type.Name[..type.Name.IndexOf('`')] : type.Name;

    /// <summary>Enums as the codes files and the database use, not as numbers.</summary>
    internal static object? Plain(object? value) => value is Enum code ? Codes.ToCode(code) : value;

    public static List<Pending> Collect(ChangeTracker tracker)
    {
        var pending = new List<Pending>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.Entity is AuditEntry or AuditChangeSet or Publications.PublicationFile)
            {
                if (entry.State is EntityState.Modified or EntityState.Deleted)
                    throw new InvalidOperationException("Audit entries and published files cannot be changed or deleted.");
                continue;
            }
            if (entry.Entity is Publications.Publication && entry.State is EntityState.Modified or EntityState.Deleted)
                throw new InvalidOperationException("A published version cannot be changed or deleted; publish a new version.");
            if (!IsAudited(entry.Entity)) continue;

            // Erasing a member is audited, but not what was erased.
            var erasing = entry.Entity is Member { ErasedAtUtc: not null };
            var changes = new Dictionary<string, object?[]>();
            foreach (var property in entry.Properties.Where(p => !Ignored.Contains(p.Metadata.Name)))
            {
                var name = property.Metadata.Name;
                object? Shown(object? value) => value is null ? null
                    : Secrets.Contains(name) ? Hidden
                    : erasing && PersonalFields.Contains(name) ? Member.ErasedText
                    : value;
                switch (entry.State)
                {
                    // A key the database generates says nothing; a key made of what was linked (a user's role) is the change.
                    case EntityState.Added when !(property.Metadata.IsPrimaryKey() && property.Metadata.ValueGenerated != ValueGenerated.Never)
                                                && property.CurrentValue is not null:
                        changes[name] = [null, Shown(property.CurrentValue)];
                        break;
                    case EntityState.Deleted:
                        changes[name] = [Shown(property.OriginalValue), null];
                        break;
                    case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                        changes[name] = [Shown(property.OriginalValue), Shown(property.CurrentValue)];
                        break;
                }
            }
            var action = entry.State switch
            {
                EntityState.Added => "create",
                EntityState.Modified when erasing && entry.Property(nameof(Member.ErasedAtUtc)).IsModified => "erase",
                EntityState.Modified => "update",
                EntityState.Deleted => "delete",
                _ => null,
            };
            if (action is not null && changes.Count > 0) pending.Add(new Pending(entry, action, changes));
        }
        return pending;
    }
}
