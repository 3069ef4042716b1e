using System.Security.Claims;
using McscMonitor.Audit;
using McscMonitor.Core.Domain;
using McscMonitor.Core.Localization;
using McscMonitor.Data;
using McscMonitor.FollowUp.Pages;
using McscMonitor.Records;
using McscMonitor.Users;
using McscMonitor.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace McscMonitor.FollowUp;

public sealed record ProgressNoteDto(int Id, DateOnly WrittenOn, string Author, string Text);

/// <param name="WrittenOn">Today when not given.</param>
public sealed record ProgressNoteInput(DateOnly? WrittenOn, string? Text);

/// <summary>The progress page: a recommendation, its notes oldest first, and the form to add one.</summary>
public sealed record ProgressModel(
    Recommendation Recommendation, IReadOnlyList<ProgressNote> Notes, bool Saved = false, string? WrittenOn = null, string? Text = null,
    Dictionary<string, string[]>? Errors = null);

/// <summary>
/// Dated progress notes on a recommendation, each a record of its own (who, when, what):
/// added by the municipality's officer or by monitors, in the browser and over REST, audited like any record.
/// </summary>
internal static class ProgressNotes
{
    public const int MaxText = 2000;

    public static IEndpointRouteBuilder MapProgressNotes(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/v1/recommendations/{id:int}/progress").WithTags("recommendations").RequireAuthorization(RecordAccess.Policy);
        api.MapGet("/", async Task<Results<Ok<List<ProgressNoteDto>>, NotFound, ForbidHttpResult>> (
            int id, McscDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        {
            if (await FindAsync(db, id, cancellationToken) is not { } recommendation) return TypedResults.NotFound();
            if (!RecordAccess.CanAccess(user, recommendation.MunicipalityCode)) return TypedResults.Forbid();
            return TypedResults.Ok((await NotesAsync(db, id, cancellationToken)).Select(Dto).ToList());
        }).WithName("List-progress-notes").WithSummary("A recommendation's progress notes, oldest first.");
        api.MapPost("/", async Task<Results<Created<ProgressNoteDto>, ValidationProblem, NotFound, ForbidHttpResult>> (
            int id, ProgressNoteInput input, McscDbContext db, ClaimsPrincipal user, AuditActor actor, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (await FindAsync(db, id, cancellationToken) is not { } recommendation) return TypedResults.NotFound();
            if (!RecordAccess.CanAccess(user, recommendation.MunicipalityCode)) return TypedResults.Forbid();
            var (note, errors) = await AddAsync(db, recommendation, input, actor, Today.Of(clock), cancellationToken);
            return note is null ? TypedResults.ValidationProblem(errors) : TypedResults.Created($"/api/v1/recommendations/{id}/progress/{note.Id}", Dto(note));
        }).WithName("Add-progress-note").WithSummary("Adds a dated progress note (writtenOn defaults to today); notes are not changed afterwards.");

        var pages = routes.MapGroup("/recommendations/{id:int}/progress").RequireAuthorization(RecordAccess.Policy).ExcludeFromDescription();
        pages.MapGet("/", async (int id, bool? saved, McscDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        {
            if (await FindAsync(db, id, cancellationToken) is not { } recommendation) return (IResult)TypedResults.NotFound();
            if (!RecordAccess.CanAccess(user, recommendation.MunicipalityCode)) return TypedResults.Forbid();
            return Page(new ProgressModel(recommendation, await NotesAsync(db, id, cancellationToken), saved == true));
        });
        pages.MapPost("/", async (int id, [FromForm] string? writtenOn, [FromForm] string? text, McscDbContext db, ClaimsPrincipal user, AuditActor actor,
            TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (await FindAsync(db, id, cancellationToken) is not { } recommendation) return (IResult)TypedResults.NotFound();
            if (!RecordAccess.CanAccess(user, recommendation.MunicipalityCode)) return TypedResults.Forbid();
            var values = new FormValues(new Dictionary<string, string?> { ["writtenOn"] = writtenOn, ["text"] = text });
            var date = values.Date("writtenOn");
            var (note, errors) = values.Errors.Count > 0
                ? (null, values.Errors)
                : await AddAsync(db, recommendation, new ProgressNoteInput(date, text), actor, Today.Of(clock), cancellationToken);
            return note is not null
                ? TypedResults.LocalRedirect($"/recommendations/{id}/progress?saved=true")
                : Page(new ProgressModel(recommendation, await NotesAsync(db, id, cancellationToken), false, writtenOn, text, errors));
        });
        return routes;
    }

    private static async Task<(ProgressNote? Note, Dictionary<string, string[]> Errors)> AddAsync(
        McscDbContext db, Recommendation recommendation, ProgressNoteInput input, AuditActor actor, DateOnly today, CancellationToken cancellationToken)
    {
        var fields = new FieldErrors();
        if (string.IsNullOrWhiteSpace(input.Text)) fields.Add("text", Messages.Current["progressNoteText"]);
        fields.Text("text", input.Text, MaxText);
        var writtenOn = input.WrittenOn ?? today;
        fields.Date("writtenOn", writtenOn, required: true);
        if (writtenOn > today) fields.Add("writtenOn", Messages.Format("progressNoteFuture", ("today", IsoDate.Text(today))));
        if (fields.Errors.Count > 0) return (null, fields.Errors);
        var note = new ProgressNote
        {
            RecommendationId = recommendation.Id, MunicipalityCode = recommendation.MunicipalityCode, WrittenOn = writtenOn,
            Author = actor.Name, Text = input.Text!.Trim(),
        };
        db.ProgressNotes.Add(note);
        await db.SaveChangesAsync(cancellationToken);
        return (note, []);
    }

    private static Task<Recommendation?> FindAsync(McscDbContext db, int id, CancellationToken cancellationToken) =>
        db.Recommendations.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);

    private static async Task<IReadOnlyList<ProgressNote>> NotesAsync(McscDbContext db, int id, CancellationToken cancellationToken) =>
        await db.ProgressNotes.AsNoTracking().Where(n => n.RecommendationId == id).OrderBy(n => n.WrittenOn).ThenBy(n => n.Id).ToListAsync(cancellationToken);

    private static ProgressNoteDto Dto(ProgressNote note) => new(note.Id, note.WrittenOn, note.Author, note.Text);

    private static RazorComponentResult<ProgressView> Page(ProgressModel model) => PageResult.For<ProgressView, ProgressModel>(model);
}

internal sealed class ProgressNoteConfiguration : IEntityTypeConfiguration<ProgressNote>
{
    public void Configure(EntityTypeBuilder<ProgressNote> note)
    {
        note.ConfigureVersion();
        note.Property(n => n.MunicipalityCode).HasMaxLength(32);
        note.Property(n => n.Author).HasMaxLength(200);
        note.Property(n => n.Text).HasMaxLength(ProgressNotes.MaxText);
        note.HasOne<Recommendation>().WithMany().HasForeignKey(n => n.RecommendationId).OnDelete(DeleteBehavior.Cascade);
        note.HasIndex(n => n.RecommendationId);
    }
}
