using System.Reflection;
using McscMonitor.Core.Approval;
using McscMonitor.Core.Domain;
using McscMonitor.Import;
using McscMonitor.Records;

namespace McscMonitor.Tests;

/// <summary>
/// Walks every record definition and proves that what each way in and out of the app does with
/// a record is its definition's: the API's JSON, the form's values, the exchange table's columns
/// and cells, an import row's reading, and the year the record counts in.
/// </summary>
public sealed class RecordDefinitionTests
{
    private static readonly DateOnly Today = new(2026, 6, 1);

    public static TheoryData<string> Definitions() => [.. RecordDefinitions.All.Select(definition => definition.RecordType.Name)];

    [Theory]
    [MemberData(nameof(Definitions))]
    public void EveryWayInAndOutIsTheDefinitions(string recordType) => Walk(recordType, nameof(WaysInAndOut));

    [Theory]
    [MemberData(nameof(Definitions))]
    public void AChangeOfAnyCountedFieldAltersTheYearAndNoOtherDoes(string recordType) => Walk(recordType, nameof(YearContributions));

    [Fact]
    public void EveryExchangeTableIsARecordDefinitions()
    {
        var exchanged = ExchangeFormat.All.Select(schema => schema.Columns.Skip(1).Select(column => column.Name).ToList()).ToList();
        var defined = RecordDefinitions.All.Select(definition => definition.Fields.Select(field => field.Column).ToList()).ToList();
        Assert.All(exchanged, columns => Assert.Contains(defined, fields => fields.SequenceEqual(columns)));
        Assert.All(ExchangeFormat.All, schema => Assert.Equal("municipality", schema.Columns[0].Name));
    }

    private static void Walk(string recordType, string check)
    {
        var definition = RecordDefinitions.For(recordType)!;
        typeof(RecordDefinitionTests).GetMethod(check, BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(definition.RecordType).Invoke(null, [definition]);
    }

    private static void WaysInAndOut<T>(RecordDefinition<T> definition) where T : EditableRecord
    {
        var record = Sample(definition, field => Values(field).Base);
        var names = definition.Fields.Select(field => field.Name).ToList();

        // The API shows its id, its municipality, every field by name, and its version.
        Assert.Equal(["id", "municipality", .. names, "version"], definition.ToJson(new Owned<T> { Record = record, Municipality = "peje" }).Keys);
        // The form shows every field, and reads back what it shows.
        var shown = definition.ValuesOf(record);
        Assert.Equal(names, shown.Keys);
        var again = new NamedFieldReader(new FormValues(shown));
        Assert.Equal(shown, definition.ValuesOf(definition.Read(again, Today)));
        Assert.Empty(again.Fields.Errors);
        // The exchange table's row is the municipality and the same texts, and an import reads it back.
        var cells = definition.ExchangeCells("peje", record);
        Assert.Equal<IEnumerable<string?>>(["peje", .. shown.Values], cells);
        if (ExchangeFormat.All.FirstOrDefault(schema => schema.ColumnNames.Skip(1).SequenceEqual(definition.Fields.Select(f => f.Column))) is { } schema)
        {
            var errors = new ImportErrors(10);
            var table = new ExchangeTable(schema.Name, schema.FileName, schema.ColumnNames.ToList(), [new ExchangeRow(2, cells)]);
            var imported = definition.Read(new RowReader(table, table.Rows.First(), _ => throw new InvalidOperationException(), errors), Today);
            Assert.Equal(0, errors.Count);
            Assert.Equal<IEnumerable<string?>>(cells, definition.ExchangeCells("peje", imported));
        }
        else Assert.False(definition.PartOfTheFigures, $"{typeof(T).Name} counts in the figures but is not in the exchange format");
    }

    private static void YearContributions<T>(RecordDefinition<T> definition) where T : EditableRecord
    {
        var before = Sample(definition, field => Values(field).Base);
        Assert.Equal(definition.PartOfTheFigures, YearContribution.Of(before, 2021) is not null);
        foreach (var field in definition.RecordFields)
        {
            var after = Sample(definition, other => other == field.Form ? Values(other).Other : Values(other).Base);
            Assert.True(definition.PartOfTheFigures && field.CountsInYear == YearContribution.Alters(before, after, 2021)
                        || !definition.PartOfTheFigures && !YearContribution.Alters(before, after, 2021),
                $"{typeof(T).Name}.{field.Name}: counts in its year is {field.CountsInYear}, but a change of it {(YearContribution.Alters(before, after, 2021) ? "alters" : "does not alter")} 2021");
        }
    }

    /// <summary>A record of 2021 read from one text per field, as any of the ways in reads one.</summary>
    private static T Sample<T>(RecordDefinition<T> definition, Func<FormField, string> text) where T : EditableRecord =>
        definition.Read(new NamedFieldReader(new FormValues(definition.Fields.ToDictionary(field => field.Name, field => (string?)text(field)))), Today);

    /// <summary>Two values for each kind of field; a date moves out of 2021, as a change that matters to its year would.</summary>
    private static (string Base, string Other) Values(FormField field) => field.Type switch
    {
        FieldType.Date => ("2021-06-30", "2022-01-15"),
        FieldType.Year => ("2021", "2022"),
        FieldType.WholeNumber => ("5", "4"),
        FieldType.Amount => ("10", "12.5"),
        FieldType.Answer => ("yes", "no"),
        FieldType.Choice => (field.Options!()[0].Value, field.Options!()[1].Value),
        _ => ("A-1", "B-2"),
    };
}
