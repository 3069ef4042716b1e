using McscMonitor.Core.Domain;
using McscMonitor.Core.Indicators;
using McscMonitor.Core.Localization;
using McscMonitor.Core.Rules;

namespace McscMonitor.FactSheet;

/// <summary>One bar of a chart: a label and its value (null when there is no data).</summary>
/// <param name="Text">What to show instead of the value, when the value is withheld ("&lt; 3").</param>
/// <param name="Subject">What the bar is about, when the label adds to it (the inclusion chart's "Pejë (12)" is about Pejë, of 12 members: <paramref name="Total"/>).</param>
public sealed record ChartBar(string Label, double? Value, string? Series = null, string? Category = null, string? Text = null, string? Subject = null, int? Total = null);

/// <summary>What a chart shows, independent of how it is drawn; tests read it instead of pixels.</summary>
public sealed record ChartData(ChartKind Kind, string Title, IReadOnlyList<ChartBar> Bars, string? Note = null, double? ReferenceLine = null)
{
    public string Id => Kind.Id();
}

/// <summary>A figure of the year before and of this year; null is "no data" (no meeting records at all that year).</summary>
public sealed record ComparisonRow(string Indicator, int? Previous, int? Current)
{
    /// <summary>The change, or null when either year's figure is unknown: no difference is made up from a missing one.</summary>
    public int? Change => Current - Previous;
}

public sealed record GapRow(string Municipality, IReadOnlyList<string> RuleIds, IReadOnlyList<string> Rules);

/// <summary>
/// What a published version says of itself: its number, date, change note (in the sheet's
/// language), the municipalities not verified, and the digests a reader checks it by.
/// </summary>
public sealed record PublicationStamp(int Number, DateOnly PublishedOn, string? Note, IReadOnlyList<string> Unverified)
{
    /// <summary>SHA-256 of the year's records as published; <see cref="RecordDigests"/> the same per table of the exchange format.</summary>
    public string RecordsChecksum { get; init; } = "";
    public IReadOnlyDictionary<string, string> RecordDigests { get; init; } = new Dictionary<string, string>();
    public string RulebookDigest { get; init; } = "";
}

/// <summary>The rules in force, numbered, with their short names and citations.</summary>
public sealed record RuleColumn(int Number, string Id, string Label, string Citation);

/// <summary>
/// Everything the fact sheet shows for a year and a language, computed from the indicators
/// of that year and the one before. The HTML page and the PDF both render this one model.
/// </summary>
public sealed record FactSheetModel(
    int Year,
    TextCatalog Texts,
    YearIndicators Current,
    YearIndicators Previous,
    bool Illustrative,
    DateOnly GeneratedOn,
    PublicationStamp? Stamp = null,
    bool Unpublished = false,
    IReadOnlyList<(RecommendationStatus Status, int Count)>? FollowUp = null,
    PublisherOptions? Publisher = null)
{
    /// <summary>
    /// How the sheet was made, in its language: how each indicator is computed, what "no data"
    /// means, the rulebook in force and the date the records were taken as they stood.
    /// </summary>
    public IReadOnlyList<string> Methodology =>
    [
        Texts.Format("method.council", ("year", Year)),
        Texts.Format("method.meetings", ("year", Year), ("minimum", Minimum)),
        Texts["method.discussions"],
        Texts.Format("method.workPlan", ("year", Year)),
        Texts.Format("method.compensation", ("year", Year)),
        Texts["method.members"],
        Texts["method.noData"],
        Texts.Format("method.rules", ("version", RulebookVersion), ("year", Year), ("citations", Texts["citations"])),
        Texts.Format("method.cutoff", ("date", Texts.Date(Stamp?.PublishedOn ?? GeneratedOn))),
        .. Stamp is null ? Array.Empty<string>() : [Texts.Format("method.checksum", ("hash", "SHA-256"), ("records", Stamp.RecordsChecksum),
            ("rulebook", Stamp.RulebookDigest.Length > 0 ? Stamp.RulebookDigest : Texts["builtInRulebook"]),
            ("command", "publications verify"), ("sums", "SHA256SUMS"))],
    ];

    /// <summary>
    /// The publisher's name in the sheet's language, when one is configured; the demo's
    /// illustrative data names an illustrative publisher that says it is one.
    /// </summary>
    public string? PublisherName => Publisher?.NameIn(Language) ?? (Illustrative ? Texts["demoPublisher"] : null);

    /// <summary>This site's public address: configured, or the demo's own on this machine; empty links relative to the site.</summary>
    public string SiteUrl => Publisher?.SiteUrl ?? (Illustrative ? PublisherOptions.DemoSiteUrl : "");

    /// <summary>The publisher's own opening paragraph in this language, where one is configured.</summary>
    public string? PublisherIntroduction => Publisher?.IntroductionIn(Language);

    /// <summary>Where the figures come from: the publisher's monitoring teams when one is named.</summary>
    public string SourceLine => Publisher?.NameIn(Language) is { } name ? Texts.Format("sourceBy", ("publisher", name)) : Texts["source"];

    /// <summary>How to cite this version, in the sheet's language; null for live figures, which are not for citing.</summary>
    public string? Citation => Stamp is null ? null : Texts.Format("cite",
        ("publisher", PublisherName ?? Texts["unnamedPublisher"]),
        ("title", Texts["title"]),
        ("subtitle", Texts.Format("subtitle", ("year", Year))),
        ("version", Stamp.Number),
        ("date", Texts.Date(Stamp.PublishedOn)),
        ("url", Url));

    /// <summary>What the data package link says: its name and what is in it.</summary>
    public string DataPackageLabel => Texts.Format("dataPackage", ("formats", "datapackage.json + CSV, zip"));

    /// <summary>This version's page in this language, as an absolute address when the site's is known.</summary>
    public string Url => $"{SiteUrl}{BasePath}/{Language.Tag()}";

    /// <summary>What the version says of itself in its indicators JSON; null for live figures.</summary>
    public Indicators.PublicationDocument? About => Stamp is null ? null : new(
        Stamp.Number, Stamp.PublishedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        PublisherName ?? Texts["unnamedPublisher"], Url, Citation!, Stamp.Number > 1 ? Stamp.Note : null,
        Stamp.RecordsChecksum, Stamp.RecordDigests, Stamp.RulebookDigest);

    /// <summary>Where this sheet's files are: a published version's own address, or the year's.</summary>
    public string BasePath => Stamp is null ? $"/factsheet/{Year}" : $"/factsheet/{Year}/v{Stamp.Number}";

    /// <summary>The lines that say which version this is, in the sheet's language; none for a live view.</summary>
    public IReadOnlyList<string> StampLines => Lines(print: false);

    /// <summary>
    /// The same for the PDF, where a long list of unverified municipalities is counted instead:
    /// page 1 has room for a few names, and the web page names them all.
    /// </summary>
    public IReadOnlyList<string> PrintStampLines => Lines(print: true);

    private const int NamedOnPrint = 6;

    private IReadOnlyList<string> Lines(bool print) => Stamp is null ? [] :
    [
        Texts.Format("publishedVersion", ("version", Stamp.Number), ("date", Texts.Date(Stamp.PublishedOn))),
        .. Stamp.Note is { Length: > 0 } note && Stamp.Number > 1 ? [Texts.Format("corrected", ("note", note))] : Array.Empty<string>(),
        .. Stamp.Unverified.Count == 0 ? Array.Empty<string>()
            : print && Stamp.Unverified.Count > NamedOnPrint
                ? [Texts.Plural("notVerifiedMany", Stamp.Unverified.Count)]
                : [Texts.Format("notVerified", ("names", string.Join(", ", Stamp.Unverified)))],
    ];

    public Language Language => Texts.Language;
    public int Minimum => Current.Rules?.Find(RuleIds.MeetingsPerYear)?.Threshold ?? 0;
    public string RulebookVersion => Current.Rules?.Version ?? "—";

    public string Title => Texts["title"];
    public string Subtitle => Texts.Format("subtitle", ("year", Year));

    public string Name(MunicipalityIndicators municipality) => municipality.Municipality.Name(Language);

    /// <summary>How many councils there are and how many of them have meeting records: the figures below cover only those.</summary>
    public string Established => Texts.Format("established", ("year", Year), ("established", Current.Summary.CouncilsEstablished),
        ("total", Current.Summary.Municipalities), ("withRecords", Current.Summary.CouncilsWithMeetingRecords));

    /// <summary>
    /// The year's figures, each the summary's own number; the meeting figures are "no data"
    /// (null) when no council has a meeting record, never a 0 nobody counted. Compensation is
    /// the summary's two numbers, as chart 4 shows them: in full, and in part.
    /// </summary>
    public IReadOnlyList<(string Label, int? Value)> KeyFigures =>
    [
        (Texts["figureEstablished"], Current.Summary.CouncilsEstablished),
        (Texts.Format("figureMinimum", ("minimum", Minimum)), MeetingFigure(Current.Summary, Current.Summary.CouncilsMeetingRequiredMinimum)),
        (Texts["figureMeetings"], MeetingFigure(Current.Summary, Current.Summary.MeetingsHeld)),
        (Texts["figureDiscussing"], MeetingFigure(Current.Summary, Current.Summary.MeetingsDiscussingSecurityOrNonMajority)),
        (Texts["figureWorkPlans"], Current.Summary.WorkPlansAddressingNonMajority),
        (Texts.Format("figureCompensatingBoth", ("partly", Texts.Number(Current.Summary.MunicipalitiesCompensatingPartially))),
            Current.Summary.MunicipalitiesCompensatingMembers),
    ];

    /// <summary>A figure counted from meeting records, or null ("no data") for a year in which no council has any.</summary>
    private static int? MeetingFigure(IndicatorSummary summary, int value) => summary.CouncilsWithMeetingRecords == 0 ? null : value;

    /// <summary>What the meeting figures of the comparison cover: sums over the councils with records, which may differ between the years.</summary>
    public string ComparisonNote => Texts.Format("comparisonNote", ("previous", Year - 1), ("previousCouncils", Previous.Summary.CouncilsWithMeetingRecords),
        ("year", Year), ("councils", Current.Summary.CouncilsWithMeetingRecords));

    /// <summary>Chart 1: meetings held per municipality, most first; councils that do not exist are left out.</summary>
    public ChartData MeetingsHeld => new(
        ChartKind.Meetings,
        Texts.Format("chartMeetings", ("year", Year)),
        Current.Municipalities
            .Where(m => m.CouncilEstablished)
            .OrderByDescending(m => m.MeetingsHeld ?? -1).ThenByDescending(m => Name(m), StringComparer.Ordinal)
            .Select(m => new ChartBar(Name(m), m.MeetingsHeld,
                Category: m.MeetingsHeld is null ? "nodata" : m.MeetsRequiredMinimum == true ? "meets" : "below",
                Text: m.MeetingsHeld is null ? Texts["noData"] : null))
            .ToList(),
        Texts.Format("chartMeetingsNote", ("minimum", Minimum)),
        Minimum);

    /// <summary>Chart 2: meetings that discussed security or non-majority concerns, beside all meetings held.</summary>
    public ChartData Discussions => new(
        ChartKind.Discussions,
        Texts["chartDiscussions"],
        Current.Municipalities
            .Where(m => m.CouncilEstablished)
            .OrderByDescending(m => m.MeetingsHeld ?? -1).ThenByDescending(m => Name(m), StringComparer.Ordinal)
            .SelectMany(m => new[]
            {
                // No meeting records: "no data" beside the pair, written once, never an empty bar that reads as 0.
                new ChartBar(Name(m), m.MeetingsHeld, Series: Texts["meetingsHeld"], Text: m.MeetingsHeld is null ? Texts["noData"] : null),
                new ChartBar(Name(m), m.MeetingsDiscussingSecurityOrNonMajority, Series: Texts["discussing"]),
            })
            .ToList());

    /// <summary>Chart 3: councils by whether their work plan addresses non-majority concerns.</summary>
    public ChartData WorkPlans => Counts(ChartKind.WorkPlans, Texts["chartWorkPlans"],
    [
        (Texts["yes"], "yes", m => m.WorkPlanAddressesNonMajority == true),
        (Texts["no"], "no", m => m.WorkPlanAddressesNonMajority == false),
        (Texts["noData"], "nodata", m => m.WorkPlanAddressesNonMajority is null),
    ]);

    /// <summary>Chart 4: municipalities with a council, by whether they compensate its members.</summary>
    public ChartData Compensation => Counts(ChartKind.Compensation, Texts["chartCompensation"],
    [
        (Texts["yes"], "yes", m => m.Compensation == CompensationStatus.Paid),
        (Texts["partial"], "partial", m => m.Compensation == CompensationStatus.Partial),
        (Texts["no"], "no", m => m.Compensation == CompensationStatus.None),
        (Texts["noData"], "nodata", m => m.Compensation is null),
    ]);

    /// <summary>Women and non-majority members serving on 31 December, for councils with members recorded; the label carries the total.</summary>
    public ChartData Inclusion => new(
        ChartKind.Inclusion,
        Texts.Format("inclusionTitle", ("year", Year)),
        Current.Municipalities
            .Where(m => m.CouncilEstablished && m.Members.Total > 0)
            .OrderByDescending(m => m.Members.Women + (m.Members.NonMajority ?? 0)).ThenByDescending(m => Name(m), StringComparer.Ordinal)
            .SelectMany(m => new[]
            {
                new ChartBar($"{Name(m)} ({m.Members.Total})", m.Members.Women, Series: Texts["women"], Subject: Name(m), Total: m.Members.Total),
                new ChartBar($"{Name(m)} ({m.Members.Total})", m.Members.NonMajority, Series: Texts["nonMajority"],
                    Text: m.Members.WithheldBelow is { } below ? $"< {below}" : m.Members.CommunitiesWithheld ? Texts["withheldShort"] : null,
                    Subject: Name(m), Total: m.Members.Total),
            })
            .ToList(),
        Sentences(Texts["inclusionNote"],
            Current.Municipalities.Select(m => m.Members.WithheldBelow).FirstOrDefault(below => below is not null) is { } withheld
                ? Texts.Format("withheld", ("minimum", withheld)) : null,
            Current.Municipalities.Any(m => m.Members.CommunitiesWithheld) ? Texts["withheldAll"] : null));

    /// <summary>
    /// What a chart shows, in words and every figure, for readers who cannot see it: the PDF
    /// figure's alternative text and the web image's accessible name.
    /// </summary>
    public string Describe(ChartData chart)
    {
        var values = chart.Bars.GroupBy(bar => bar.Label).Select(group => $"{group.Key}: " + string.Join(", ",
            group.Select(bar => (bar.Series is null ? "" : $"{bar.Series} ") + (bar.Text ?? (bar.Value is { } value ? Texts.Number((int)value) : Texts["noData"])))));
        return Sentences($"{Texts["alt.chart"]}: {chart.Title}", chart.Note, string.Join("; ", values));
    }

    /// <summary>The map in words: each class of the legend with how many municipalities are in it, and which.</summary>
    public string MapDescription
    {
        get
        {
            var names = Current.Municipalities.ToDictionary(m => m.Municipality.Code, Name);
            var classes = KosovoMap.Classes(this).Where(c => c.MunicipalityCodes.Count > 0).Select(c =>
                $"{c.Label} ({Texts.Number(c.MunicipalityCodes.Count)}): {string.Join(", ", c.MunicipalityCodes.Select(code => names[code]).Order(StringComparer.Create(Texts.Culture, ignoreCase: true)))}");
            return Sentences($"{Texts["alt.map"]}: {Texts.Format("mapTitle", ("year", Year))}", string.Join("; ", classes));
        }
    }

    private static string Sentences(params string?[] parts) =>
        string.Join(" ", parts.Where(part => !string.IsNullOrWhiteSpace(part)).Select(part => part!.TrimEnd().EndsWith('.') ? part.TrimEnd() : part!.TrimEnd() + "."));

    public IReadOnlyList<ChartData> Charts => [MeetingsHeld, Discussions, WorkPlans, Compensation, Inclusion];

    public IReadOnlyList<ComparisonRow> Comparison =>
    [
        new(Texts["figureEstablished"], Previous.Summary.CouncilsEstablished, Current.Summary.CouncilsEstablished),
        new(Texts.Format("figureMinimum", ("minimum", Minimum)), MeetingFigure(Previous.Summary, Previous.Summary.CouncilsMeetingRequiredMinimum),
            MeetingFigure(Current.Summary, Current.Summary.CouncilsMeetingRequiredMinimum)),
        new(Texts["figureMeetings"], MeetingFigure(Previous.Summary, Previous.Summary.MeetingsHeld), MeetingFigure(Current.Summary, Current.Summary.MeetingsHeld)),
        new(Texts["figureDiscussing"], MeetingFigure(Previous.Summary, Previous.Summary.MeetingsDiscussingSecurityOrNonMajority),
            MeetingFigure(Current.Summary, Current.Summary.MeetingsDiscussingSecurityOrNonMajority)),
        new(Texts["figureWorkPlans"], Previous.Summary.WorkPlansAddressingNonMajority, Current.Summary.WorkPlansAddressingNonMajority),
        new(Texts["figureCompensating"], Previous.Summary.MunicipalitiesCompensatingMembers, Current.Summary.MunicipalitiesCompensatingMembers),
        new(Texts["figureCompensatingPartly"], Previous.Summary.MunicipalitiesCompensatingPartially, Current.Summary.MunicipalitiesCompensatingPartially),
    ];

    /// <summary>Every municipality, in the language's alphabetical order, with the rules it breaks.</summary>
    public IReadOnlyList<GapRow> GapMatrix => Current.Municipalities
        .OrderBy(m => Name(m), StringComparer.Create(Texts.Culture, ignoreCase: true))
        .Select(m => new GapRow(Name(m), m.Gaps.Select(gap => gap.Rule).ToList(), m.Gaps.Select(gap => Texts[$"rule.{gap.Rule}"]).ToList()))
        .ToList();

    public IReadOnlyList<GapRow> Gaps => GapMatrix.Where(row => row.RuleIds.Count > 0).ToList();

    public IReadOnlyList<RuleColumn> RulesInForce =>
        Current.Rules?.Rules.Select((rule, index) => new RuleColumn(index + 1, rule.Id, Texts[$"rule.{rule.Id}"],
            rule.Provision(Language) is { } provision ? $"{rule.Citation(Language)}, {provision}" : rule.Citation(Language))).ToList() ?? [];

    private ChartData Counts(ChartKind kind, string title, (string Label, string Category, Func<MunicipalityIndicators, bool> Matches)[] categories)
    {
        var councils = Current.Municipalities.Where(m => m.CouncilEstablished).ToList();
        return new ChartData(kind, title, categories
            .Select(category => new ChartBar(category.Label, councils.Count(category.Matches), Category: category.Category))
            .ToList());
    }
}
