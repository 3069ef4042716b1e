using System.CommandLine;
using McscMonitor.Cli;
using MiniExcelLibs;

namespace McscMonitor.Import;

/// <summary>Writes an empty import workbook: one sheet per table, the header row, and a sheet explaining each column.</summary>
public static class TemplateCommand
{
    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--out") { Description = "Where to write the workbook", DefaultValueFactory = _ => "import-template.xlsx" };
        var command = new Command("template", "Writes an import template workbook (.xlsx).") { output };
        command.SetAction(async (result, cancellationToken) =>
        {
            var path = result.GetValue(output)!;
            Write(path);
            await context.Out.WriteLineAsync($"Wrote {path}");
            return ExitCodes.Done;
        });
        return command;
    }

    /// <summary>Where each record type's evidence goes in a zip or a folder of CSV files (<see cref="ExchangeFiles"/>).</summary>
    private static readonly (string Path, string What)[] Documents =
    [
        ("attachments/councils/MUNICIPALITY/FILE", "The assembly decision that established the council, e.g. attachments/councils/peje/decision.pdf."),
        ("attachments/meetings/MUNICIPALITY_DATE/FILE", "A meeting's minutes or attendance list, e.g. attachments/meetings/peje_2021-03-01/minutes.pdf."),
        ("attachments/work_plans/MUNICIPALITY_YEAR/FILE", "A work plan or the decision adopting it, e.g. attachments/work_plans/peje_2021/plan.pdf."),
        ("attachments/compensation/MUNICIPALITY_YEAR/FILE", "Proof of payment, e.g. attachments/compensation/peje_2021/payments.xlsx."),
    ];

    /// <summary>The optional list of what each file is (<see cref="ExchangeFiles.DescriptionsPath"/>).</summary>
    private static readonly string Descriptions =
        "Optional: what each file is, a row per file, in two columns: file (its whole path, e.g. attachments/meetings/peje_2021-03-01/minutes.pdf)"
        + $" and description (at most {Attachments.Attachment.MaxDescription} characters). A row naming a file the import does not hold is an error; an export writes the list when any file has a description.";

    private const string DocumentRules =
        " PDF, PNG, JPEG, DOCX, XLSX or ODT, recognised by content, at most 10 MB each (by default); the record is a row of this import"
        + " or one already recorded. Files travel in a zip of CSV files or a folder beside them, not in a workbook; an export writes them the same way.";

    public static void Write(string path)
    {
        var sheets = new Dictionary<string, object>();
        foreach (var schema in ExchangeFormat.All)
            sheets[schema.Name] = new[] { schema.Columns.ToDictionary(column => column.Name, _ => (object?)null) };
        sheets[ExchangeReader.HelpSheet] = ExchangeFormat.All.SelectMany(schema => schema.Columns.Select(column => new Dictionary<string, object?>
        {
            ["table"] = schema.Name,
            ["column"] = column.Name,
            ["required"] = column.Required ? "yes" : "no",
            ["description"] = column.Description,
        })).Concat(Documents.Select(document => new Dictionary<string, object?>
        {
            ["table"] = ExchangeFiles.Folder,
            ["column"] = document.Path,
            ["required"] = "no",
            ["description"] = document.What + DocumentRules,
        })).Append(new Dictionary<string, object?>
        {
            ["table"] = ExchangeFiles.Folder,
            ["column"] = ExchangeFiles.DescriptionsPath,
            ["required"] = "no",
            ["description"] = Descriptions,
        }).ToList();
        MiniExcel.SaveAs(path, sheets, overwriteFile: true);
    }
}
