using System.CommandLine;
using McscMonitor.Cli;
using McscMonitor.Core.Domain;
using McscMonitor.Data;
using McscMonitor.Import;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Records;

/// <summary>
/// `check`: the stored records that a rule added after they were entered now refuses, so a
/// monitor can put them right: an adopted work plan that does not say whether it addresses
/// non-majority concerns, a work plan or compensation record for a year without the council,
/// and a held meeting or an appointment dated after today. Exit 1 when any is found.
/// </summary>
public static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("check", "Lists stored records that break a rule added since they were entered; exit code 1 when there are any.");
        command.SetAction(async (_, cancellationToken) =>
        {
            await using var services = await context.OpenForReadingAsync(cancellationToken);
            if (services is null) return ExitCodes.InputRejected;
            await using var scope = services.CreateAsyncScope();
            var problems = await FindAsync(scope.ServiceProvider.GetRequiredService<McscDbContext>(),
                Today.Of(scope.ServiceProvider.GetRequiredService<TimeProvider>()), cancellationToken);
            foreach (var problem in problems) await context.Out.WriteLineAsync(problem);
            await context.Out.WriteLineAsync(problems.Count == 0 ? "Every stored record keeps the rules." : $"{problems.Count} records to put right.");
            return problems.Count == 0 ? ExitCodes.Done : ExitCodes.InputRejected;
        });
        return command;
    }

    /// <summary>Each record that breaks a rule, as "table, municipality, key: what is wrong", in the order of the exchange format.</summary>
    public static async Task<IReadOnlyList<string>> FindAsync(McscDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        var councils = await db.Councils.AsNoTracking().ToDictionaryAsync(c => c.Id, cancellationToken);
        var byMunicipality = councils.Values.ToDictionary(c => c.MunicipalityCode);
        var names = await db.Municipalities.AsNoTracking().ToDictionaryAsync(m => m.Code, m => m.NameSq, cancellationToken);
        var problems = new List<string>();

        foreach (var member in await db.Members.AsNoTracking().Where(m => m.AppointedOn > today).OrderBy(m => m.Id).ToListAsync(cancellationToken))
            problems.Add(Line(ExchangeFormat.Members, councils[member.CouncilId].MunicipalityCode, member.MemberRef, RecordRules.AfterToday(member.AppointedOn, today)!));
        foreach (var meeting in await db.Meetings.AsNoTracking().Where(m => m.Status == MeetingStatus.Held && m.Date > today).OrderBy(m => m.Date).ToListAsync(cancellationToken))
            problems.Add(Line(ExchangeFormat.Meetings, councils[meeting.CouncilId].MunicipalityCode, IsoDate.Text(meeting.Date), RecordRules.AfterToday(meeting.Date, today)!));
        foreach (var plan in await db.WorkPlans.AsNoTracking().OrderBy(w => w.Year).ToListAsync(cancellationToken))
        {
            var council = councils[plan.CouncilId];
            var key = plan.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var problem in new[]
                     {
                         RecordRules.AddressesRequired(plan.AdoptedOn, plan.AddressesNonMajorityConcerns),
                         RecordRules.AfterToday(plan.AdoptedOn, today),
                         RecordRules.NoCouncilIn(names[council.MunicipalityCode], plan.Year, council.EstablishedOn, council.DissolvedOn),
                     }.OfType<string>())
                problems.Add(Line(ExchangeFormat.WorkPlans, council.MunicipalityCode, key, problem));
        }
        foreach (var compensation in await db.Compensation.AsNoTracking().OrderBy(c => c.Year).ThenBy(c => c.MunicipalityCode).ToListAsync(cancellationToken))
        {
            var council = byMunicipality.GetValueOrDefault(compensation.MunicipalityCode);
            if (RecordRules.NoCouncilIn(names[compensation.MunicipalityCode], compensation.Year, council?.EstablishedOn, council?.DissolvedOn) is { } problem)
                problems.Add(Line(ExchangeFormat.Compensation, compensation.MunicipalityCode,
                    compensation.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), problem));
        }
        return problems;
    }

    private static string Line(ExchangeSchema table, string municipality, string key, string problem) =>
        $"{table.FileName}, {municipality} {key}: {problem}";
}
