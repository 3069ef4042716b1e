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
        })).ToList();
        MiniExcel.SaveAs(path, sheets, overwriteFile: true);
    }
}
