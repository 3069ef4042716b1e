using System.Globalization;
using System.Text.Json;
using McscMonitor.Core.Domain;
using McscMonitor.Core.Localization;
using McscMonitor.Data;
using McscMonitor.Records;
using McscMonitor.ReferenceData;
using McscMonitor.Users;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Audit;

/// <summary>One field's change in words: its label and its old and new value, formatted in the reader's language.</summary>
public sealed record FieldChange(string Label, string? Old, string? New);

/// <summary>
/// An audit entry as a person reads it: what was done, to which record (named as people name
/// it, with its municipality), a link to it while it exists, and each change in words.
/// </summary>
public sealed record AuditLine(AuditEntry Entry, string Action, string Subject, string? Municipality, string? Link, IReadOnlyList<FieldChange> Changes)
{
    public string ChangesText => string.Join("; ", Changes.Select(change => change switch
    {
        { Old: null } => $"{change.Label}: {change.New}",
        { New: null } => $"{change.Label}: {change.Old} → –",
        _ => $"{change.Label}: {change.Old} → {change.New}",
    }));
}

/// <summary>
/// Turns stored audit entries into <see cref="AuditLine"/>s. Labels come from the record
/// forms (the words people typed the values under); the few fields no form shows have labels
/// of their own, and bookkeeping fields stay in the raw change set only.
/// </summary>
internal static class AuditDescriptions
{
    private sealed record Change(JsonElement Old, JsonElement New);

    /// <summary>What names a record besides its municipality: a meeting's date, a member's reference, a plan's year, a user's name.</summary>
    private static readonly Dictionary<string, string[]> NamingFields = new()
    {
        [nameof(Meeting)] = [nameof(Meeting.Date)],
        [nameof(Member)] = [nameof(Member.MemberRef)],
        [nameof(WorkPlan)] = [nameof(WorkPlan.Year)],
        [nameof(Compensation)] = [nameof(Compensation.Year)],
        [nameof(Approvals.Approval)] = [nameof(Approvals.Approval.Year)],
        [nameof(Recommendation)] = [nameof(Recommendation.Year)],
        [nameof(Publications.Publication)] = [nameof(Publications.Publication.Year), nameof(Publications.Publication.Number)],
        [nameof(AppUser)] = [nameof(AppUser.UserName)],
        [nameof(AccessToken)] = [nameof(AccessToken.UserId), nameof(AccessToken.Name)],
        [ImportAudit.Entity] = ["Name"],
        [nameof(Attachments.Attachment)] = [nameof(Attachments.Attachment.FileName)],
    };

    public static async Task<IReadOnlyList<AuditLine>> DescribeAsync(
        IReadOnlyList<AuditEntry> entries, McscDbContext db, TextCatalog texts, CancellationToken cancellationToken)
    {
        var parsed = entries.ToDictionary(e => e.Id, e => Parse(e.Changes));
        var current = new Dictionary<(string Entity, string Key), Dictionary<string, string?>>();
        foreach (var group in entries.GroupBy(e => e.Entity))
            foreach (var (key, row) in await CurrentFactsAsync(group.Key, group.Select(e => e.EntityKey).Distinct().ToList(), db, cancellationToken))
                current[(group.Key, key)] = row;

        var facts = entries.ToDictionary(e => e.Id, e =>
        {
            var known = current.GetValueOrDefault((e.Entity, e.EntityKey)) is { } row ? new Dictionary<string, string?>(row) : [];
            foreach (var field in NamingFields.GetValueOrDefault(e.Entity, []))
                if (!known.ContainsKey(field) && parsed[e.Id].TryGetValue(field, out var change))
                    known[field] = Text(change.New) ?? Text(change.Old);
            if (e.Entity == "IdentityUserRole") known[nameof(AccessToken.UserId)] = e.EntityKey.Split('/')[0];
            return known;
        });

        var userIds = facts.Values.Select(f => f.GetValueOrDefault(nameof(AccessToken.UserId))).OfType<string>().Distinct().ToList();
        var userNames = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName ?? u.Id, cancellationToken);
        var roleNames = await db.Roles.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Name ?? r.Id, cancellationToken);
        var municipalities = await db.Municipalities.AsNoTracking().ToDictionaryAsync(m => m.Code, m => m.Name(texts.Language), cancellationToken);

        string? MunicipalityName(string? code) => code is null ? null : municipalities.GetValueOrDefault(code, code);

        return entries.Select(entry =>
        {
            var known = facts[entry.Id];
            var exists = current.ContainsKey((entry.Entity, entry.EntityKey));
            var municipality = MunicipalityName(entry.MunicipalityCode);
            var user = known.GetValueOrDefault(nameof(AccessToken.UserId)) is { } userId ? userNames.GetValueOrDefault(userId, userId) : known.GetValueOrDefault(nameof(AppUser.UserName));
            var year = known.GetValueOrDefault(nameof(WorkPlan.Year));
            // An action may name its subject its own way (a generated data set is not a file's import).
            var subjectKey = texts.Keys.Contains($"audit.subject.{entry.Entity}.{entry.Action}") ? $"audit.subject.{entry.Entity}.{entry.Action}" : $"audit.subject.{entry.Entity}";
            var subject = texts.Keys.Contains(subjectKey)
                ? texts.Format(subjectKey,
                    ("municipality", municipality ?? "–"),
                    ("date", known.GetValueOrDefault(nameof(Meeting.Date)) is { } iso && IsoDate.TryParse(iso, out var date) ? texts.Date(date) : "–"),
                    ("ref", known.GetValueOrDefault(nameof(Member.MemberRef)) ?? entry.EntityKey),
                    ("year", year ?? "–"),
                    ("number", known.GetValueOrDefault(nameof(Publications.Publication.Number)) ?? "–"),
                    ("user", user ?? "–"),
                    ("name", known.GetValueOrDefault(nameof(AccessToken.Name)) ?? "–"),
                    ("file", known.GetValueOrDefault(nameof(Attachments.Attachment.FileName)) ?? "–"))
                : $"{entry.Entity} {entry.EntityKey}";
            var form = RecordDefinitions.For(entry.Entity);
            var link = form is not null && exists ? $"/{form.Path}/{entry.EntityKey}/edit"
                : entry.Entity is nameof(AppUser) or nameof(AccessToken) or "IdentityUserRole" ? "/admin/users"
                : entry.Entity is nameof(Publications.Publication) ? "/publications"
                : entry.MunicipalityCode is { } code && municipalities.ContainsKey(code)
                    ? $"/municipalities/{Uri.EscapeDataString(code)}" + (year is null ? "" : $"?year={year}")
                    : null;
            var actionKey = $"audit.action.{entry.Action}";
            var changes = parsed[entry.Id]
                // A reason given with the step is shown once, beside the entry, not again as a changed field.
                .Where(field => !(field.Key == nameof(AuditEntry.Reason) && entry.Reason is not null))
                .OrderBy(field => FormOrder(form, field.Key))
                .Select(field => Label(entry.Entity, form, field.Key, texts) is { } label
                    ? new FieldChange(label, Show(form, field.Key, field.Value.Old), Show(form, field.Key, field.Value.New))
                    : null)
                .OfType<FieldChange>()
                .Where(change => change.Old is not null || change.New is not null)
                .ToList();
            return new AuditLine(entry, texts.Keys.Contains(actionKey) ? texts[actionKey] : entry.Action, subject, municipality, link, changes);
        }).ToList();

        string? Show(IRecordDefinition? form, string field, JsonElement value)
        {
            if (Text(value) is not { } text) return null;
            if (text == AuditTrail.Hidden) return texts["audit.hidden"];
            if (form?.Fields.FirstOrDefault(f => f.Name == CamelCase(field)) is { } formField)
                return formField.Type switch
                {
                    FieldType.Choice => formField.Options?.Invoke().FirstOrDefault(option => option.Value == text).Label ?? text,
                    FieldType.Date when IsoDate.TryParse(text, out var date) => texts.Date(date),
                    FieldType.Answer => value.ValueKind == JsonValueKind.True ? texts["yes"] : texts["no"],
                    FieldType.WholeNumber when int.TryParse(text, CultureInfo.InvariantCulture, out var number) => texts.Number(number),
                    FieldType.Amount when decimal.TryParse(text, CultureInfo.InvariantCulture, out var amount) => texts.Number(amount),
                    _ => text,
                };
            return field switch
            {
                nameof(Council.MunicipalityCode) => MunicipalityName(text),
                "RoleId" => roleNames.TryGetValue(text, out var role) ? texts[$"role.{role}"] : text,
                nameof(Approvals.Approval.State) => texts[$"approval.{text}"],
                nameof(Attachments.Attachment.RecordPath) when texts.Keys.Contains($"audit.recordType.{text}") => texts[$"audit.recordType.{text}"],
                nameof(Municipality.MajorityCommunity) when Codes<Community>.TryParse(text, out var community) =>
                    ReferenceCatalog.CommunityName(community, texts.Language),
                _ when value.ValueKind is JsonValueKind.True or JsonValueKind.False => value.GetBoolean() ? texts["yes"] : texts["no"],
                _ when DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var moment) && text.Contains('T') =>
                    moment.ToString("d MMMM yyyy HH:mm", texts.Culture),
                _ => text,
            };
        }
    }

    /// <summary>A field's label: the form's, else one of the audit trail's own; null for bookkeeping shown only in the raw change set.</summary>
    private static string? Label(string entity, IRecordDefinition? form, string field, TextCatalog texts)
    {
        if (form?.Fields.Any(f => f.Name == CamelCase(field)) == true) return texts[$"{form.TextPrefix}.{CamelCase(field)}"];
        var own = $"audit.field.{field}";
        // A record's own municipality is already in its name; for a user it is what the change is about.
        if (field == nameof(Council.MunicipalityCode) && entity != nameof(AppUser)) return null;
        return texts.Keys.Contains(own) ? texts[own] : null;
    }

    /// <summary>Changes are listed in the order the form shows its fields.</summary>
    private static int FormOrder(IRecordDefinition? form, string field)
    {
        var index = form?.Fields.ToList().FindIndex(f => f.Name == CamelCase(field)) ?? -1;
        return index < 0 ? int.MaxValue : index;
    }

    private static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        _ => value.GetRawText(),
    };

    private static Dictionary<string, Change> Parse(string changes)
    {
        try
        {
            var fields = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, JsonElement>>>(changes) ?? [];
            return fields.ToDictionary(f => f.Key, f => new Change(f.Value.GetValueOrDefault("old"), f.Value.GetValueOrDefault("new")));
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string Key(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>What the records that still exist say about the facts that name them.</summary>
    private static async Task<Dictionary<string, Dictionary<string, string?>>> CurrentFactsAsync(
        string entity, IReadOnlyList<string> keys, McscDbContext db, CancellationToken cancellationToken)
    {
        var ids = keys.Select(k => int.TryParse(k, CultureInfo.InvariantCulture, out var id) ? id : (int?)null).OfType<int>().ToList();
        static Dictionary<string, string?> Fact(string name, string? value) => new() { [name] = value };
        string Year(int year) => year.ToString(CultureInfo.InvariantCulture);
        return entity switch
        {
            nameof(Meeting) => await db.Meetings.AsNoTracking().Where(m => ids.Contains(m.Id))
                .ToDictionaryAsync(m => Key(m.Id), m => Fact(nameof(Meeting.Date), IsoDate.Text(m.Date)), cancellationToken),
            nameof(Member) => await db.Members.AsNoTracking().Where(m => ids.Contains(m.Id))
                .ToDictionaryAsync(m => Key(m.Id), m => Fact(nameof(Member.MemberRef), m.MemberRef), cancellationToken),
            nameof(WorkPlan) => await db.WorkPlans.AsNoTracking().Where(w => ids.Contains(w.Id))
                .ToDictionaryAsync(w => Key(w.Id), w => Fact(nameof(WorkPlan.Year), Year(w.Year)), cancellationToken),
            nameof(Compensation) => await db.Compensation.AsNoTracking().Where(c => ids.Contains(c.Id))
                .ToDictionaryAsync(c => Key(c.Id), c => Fact(nameof(WorkPlan.Year), Year(c.Year)), cancellationToken),
            nameof(Approvals.Approval) => await db.Approvals.AsNoTracking().Where(a => ids.Contains(a.Id))
                .ToDictionaryAsync(a => Key(a.Id), a => Fact(nameof(WorkPlan.Year), Year(a.Year)), cancellationToken),
            nameof(Recommendation) => await db.Recommendations.AsNoTracking().Where(r => ids.Contains(r.Id))
                .ToDictionaryAsync(r => Key(r.Id), r => Fact(nameof(WorkPlan.Year), Year(r.Year)), cancellationToken),
            nameof(Council) => await db.Councils.AsNoTracking().Where(c => ids.Contains(c.Id))
                .ToDictionaryAsync(c => Key(c.Id), _ => new Dictionary<string, string?>(), cancellationToken),
            nameof(Publications.Publication) => await db.Publications.AsNoTracking().Where(p => ids.Contains(p.Id))
                .ToDictionaryAsync(p => Key(p.Id), p => new Dictionary<string, string?>
                {
                    [nameof(Publications.Publication.Year)] = Year(p.Year), [nameof(Publications.Publication.Number)] = Year(p.Number),
                }, cancellationToken),
            nameof(AppUser) => await db.Users.AsNoTracking().Where(u => keys.Contains(u.Id))
                .ToDictionaryAsync(u => u.Id, u => Fact(nameof(AppUser.UserName), u.UserName), cancellationToken),
            nameof(AccessToken) => await db.AccessTokens.AsNoTracking().Where(t => ids.Contains(t.Id))
                .ToDictionaryAsync(t => Key(t.Id), t => new Dictionary<string, string?>
                {
                    [nameof(AccessToken.UserId)] = t.UserId, [nameof(AccessToken.Name)] = t.Name,
                }, cancellationToken),
            _ => [],
        };
    }
}
