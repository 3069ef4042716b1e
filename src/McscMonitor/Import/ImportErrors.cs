namespace McscMonitor.Import;

/// <summary>
/// The errors of one import: the first <see cref="ImportLimits.MaxReportedErrors"/> are kept
/// word for word, the rest only counted, so a file of half a million bad rows gives a short
/// answer ("… and 609,656 more").
/// </summary>
/// <param name="stopAfter">The errors after which checking stops: the rest of the file is not read.</param>
public sealed class ImportErrors(int maxListed, int stopAfter = int.MaxValue)
{
    private readonly List<ImportError> _listed = [];

    public int Count { get; private set; }

    /// <summary>Checking stopped at <c>stopAfter</c> errors; the outcome says that the rest was not read.</summary>
    public bool Stopped => Count >= stopAfter;

    public void Add(ImportError error)
    {
        Count++;
        if (_listed.Count < maxListed) _listed.Add(error);
    }

    public void AddRange(IEnumerable<ImportError> errors)
    {
        foreach (var error in errors) Add(error);
    }

    public void Clear()
    {
        _listed.Clear();
        Count = 0;
    }

    public ImportOutcome ToOutcome()
    {
        var listed = _listed.OrderBy(e => e.Source, StringComparer.Ordinal).ThenBy(e => e.Row).ToList();
        return new(listed, [], Count - _listed.Count) { CheckingStopped = Stopped };
    }
}
