using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using McscMonitor.Core.Domain;
using McscMonitor.Core.Names;

namespace McscMonitor.Core.Rules;

/// <summary>The rule ids the indicator engine knows how to evaluate.</summary>
public static class RuleIds
{
    public const string CouncilEstablished = "council-established";
    public const string MeetingsPerYear = "meetings-per-year";
    public const string WorkPlanNonMajority = "work-plan-non-majority";
    public const string MembersCompensated = "members-compensated";
    public const string WomenAmongMembers = "women-among-members";
    public const string NonMajorityRepresented = "non-majority-represented";

    /// <summary>Not a rule of the rulebook: the gap where the meetings rule cannot be judged because no meeting is recorded.</summary>
    public const string NoMeetingRecords = "no-meeting-records";

    public static readonly IReadOnlySet<string> All = new HashSet<string>
    {
        CouncilEstablished, MeetingsPerYear, WorkPlanNonMajority,
        MembersCompensated, WomenAmongMembers, NonMajorityRepresented,
    };
}

/// <summary>What a rule rests on: an obligation of the instructions, or the monitor's measure of an aim they state.</summary>
public enum RuleKind { Requirement, Benchmark }

/// <param name="Citations">The rule's source, by language tag (Serbian Cyrillic transliterated): citations are read in the reader's language too.</param>
public sealed record Rule(string Id, IReadOnlyDictionary<string, string> Citations, int? Threshold, IReadOnlyDictionary<string, string> Messages)
{
    /// <summary>A requirement (the law) or a benchmark (the monitor's measure); benchmarks are labelled as such wherever a gap is shown.</summary>
    public RuleKind Kind { get; init; } = RuleKind.Requirement;

    /// <summary>The article or paragraph, by language, where the source is at hand; null where it is not (none is invented).</summary>
    public IReadOnlyDictionary<string, string>? Provisions { get; init; }

    public string Citation(Language language) => Citations.TryGetValue(language.Tag(), out var text) ? text : Citations["en"];

    public string? Provision(Language language) =>
        Provisions is null ? null : Provisions.TryGetValue(language.Tag(), out var text) ? text : Provisions.GetValueOrDefault("en");

    public string Message(Language language, int? actual = null) =>
        Message(language, actual?.ToString(CultureInfo.InvariantCulture) ?? "");

    /// <summary>The message with the measured value as text: a withheld count is written as "&lt; 3", never as itself.</summary>
    public string Message(Language language, string actual)
    {
        var template = Messages.TryGetValue(language.Tag(), out var text) ? text : Messages["en"];
        return template
            .Replace("{actual}", actual, StringComparison.Ordinal)
            .Replace("{threshold}", Threshold?.ToString(CultureInfo.InvariantCulture) ?? "", StringComparison.Ordinal);
    }
}

public sealed record RulebookVersion(
    string Version, string Title, DateOnly EffectiveFrom, DateOnly? EffectiveTo, IReadOnlyList<Rule> Rules)
{
    public Rule? Find(string ruleId) => Rules.FirstOrDefault(rule => rule.Id == ruleId);

    public bool IsInForceOn(DateOnly date) => EffectiveFrom <= date && !(EffectiveTo < date);
}

/// <summary>
/// The rules as data. A revision of the instructions is a new version in the JSON, not a
/// code change. The version that governs a year is the one in force on 31 December.
/// </summary>
/// <param name="text">The JSON it was read from; null for a rulebook built in code.</param>
public sealed partial class Rulebook(IReadOnlyList<RulebookVersion> versions, string? text = null)
{
    private const string DefaultResource = "McscMonitor.Core.Rules.rulebook.json";

    public IReadOnlyList<RulebookVersion> Versions { get; } = versions;

    /// <summary>
    /// SHA-256 of the rulebook's text (UTF-8), lower-case hex: two files with the same version
    /// labels but different rules are told apart by it. Empty for a rulebook built in code.
    /// </summary>
    /// <remarks>Hashed when first asked (a publication, its check), not at every start: the first hash loads the platform's crypto library.</remarks>
    public string Digest => _digest.Value;

    private readonly Lazy<string> _digest = new(() =>
        text is null ? "" : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))));

    /// <summary>The meetings a council must hold in the year; 0 when no rulebook version is in force.</summary>
    public int MinimumMeetings(int year) => ForYear(year)?.Find(RuleIds.MeetingsPerYear)?.Threshold ?? 0;

    public RulebookVersion? ForYear(int year)
    {
        var yearEnd = new DateOnly(year, 12, 31);
        return Versions.Where(version => version.IsInForceOn(yearEnd)).MaxBy(version => version.EffectiveFrom);
    }

    public static Rulebook Default { get; } = LoadDefault();

    private static Rulebook LoadDefault()
    {
        using var stream = typeof(Rulebook).Assembly.GetManifestResourceStream(DefaultResource)
            ?? throw new InvalidOperationException($"Embedded rulebook {DefaultResource} is missing.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>Parses and checks a rulebook; Serbian Cyrillic messages are transliterated from the reviewed Latin ones when absent.</summary>
    public static Rulebook Parse(string json)
    {
        var document = JsonSerializer.Deserialize(json, RulebookJson.Default.RulebookDocument)
            ?? throw new RulebookException("The rulebook is empty.");
        if (document.Versions is not { Count: > 0 }) throw new RulebookException("The rulebook has no versions.");

        var versions = document.Versions.Select(ToVersion).ToList();
        var duplicate = versions.GroupBy(version => version.Version).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null) throw new RulebookException($"Rulebook version '{duplicate.Key}' appears twice.");
        return new Rulebook(versions, json);
    }

    private static RulebookVersion ToVersion(VersionDocument document)
    {
        var name = document.Version ?? throw new RulebookException("A rulebook version has no 'version' name.");
        if (document.EffectiveFrom is null) throw new RulebookException($"Rulebook version '{name}' has no 'effectiveFrom' date.");
        if (document.EffectiveTo < document.EffectiveFrom)
            throw new RulebookException($"Rulebook version '{name}' ends before it begins.");

        var rules = (document.Rules ?? []).Select(rule => ToRule(name, rule)).ToList();
        return new RulebookVersion(name, document.Title ?? name, document.EffectiveFrom.Value, document.EffectiveTo, rules);
    }

    private static Rule ToRule(string version, RuleDocument document)
    {
        if (document.Id is null || !RuleIds.All.Contains(document.Id))
            throw new RulebookException(
                $"Rulebook version '{version}' names an unknown rule '{document.Id}'; known rules: {string.Join(", ", RuleIds.All)}.");
        var citations = Languages(document.Citation, document.Id, version, "citation");
        var messages = Languages(document.Messages, document.Id, version, "message");
        var kind = document.Kind switch
        {
            null or "requirement" => RuleKind.Requirement,
            "benchmark" => RuleKind.Benchmark,
            var other => throw new RulebookException($"Rule '{document.Id}' in version '{version}' has kind '{other}'; use requirement or benchmark."),
        };
        var provisions = document.Provision is null ? null : Languages(document.Provision, document.Id, version, "provision");
        return new Rule(document.Id, citations, document.Threshold, messages) { Kind = kind, Provisions = provisions };
    }

    /// <summary>A text in English, Albanian and Serbian Latin (Cyrillic transliterated); a plain string serves every language.</summary>
    private static Dictionary<string, string> Languages(JsonElement? element, string rule, string version, string what)
    {
        var texts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (element is { ValueKind: JsonValueKind.String } single)
            foreach (var tag in new[] { "en", "sq", "sr-Latn" }) texts[tag] = single.GetString()!;
        else if (element is { ValueKind: JsonValueKind.Object } byLanguage)
            foreach (var property in byLanguage.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
                texts[property.Name] = property.Value.GetString()!;
        foreach (var required in new[] { "en", "sq", "sr-Latn" })
        {
            if (!texts.TryGetValue(required, out var text) || string.IsNullOrWhiteSpace(text))
                throw new RulebookException($"Rule '{rule}' in version '{version}' has no '{required}' {what}.");
        }
        texts.TryAdd("sr-Cyrl", SerbianScript.ToCyrillic(texts["sr-Latn"]));
        return texts;
    }

    /// <summary>Read by generated code, not reflection: every command that measures a year reads the rulebook as it starts.</summary>
    [JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
    [JsonSerializable(typeof(RulebookDocument))]
    private sealed partial class RulebookJson : JsonSerializerContext;

    private sealed class RulebookDocument
    {
        public List<VersionDocument>? Versions { get; init; }
    }

    private sealed class VersionDocument
    {
        public string? Version { get; init; }
        public string? Title { get; init; }
        public DateOnly? EffectiveFrom { get; init; }
        public DateOnly? EffectiveTo { get; init; }
        public List<RuleDocument>? Rules { get; init; }
    }

    private sealed class RuleDocument
    {
        public string? Id { get; init; }
        public JsonElement? Citation { get; init; }
        public int? Threshold { get; init; }
        public JsonElement? Messages { get; init; }
        public string? Kind { get; init; }
        public JsonElement? Provision { get; init; }
    }
}

public sealed class RulebookException(string message) : Exception(message);
