using System.Text.Encodings.Web;
using System.Text.Unicode;
using McscMonitor.Approvals;
using McscMonitor.Attachments;
using McscMonitor.Audit;
using McscMonitor.Export;
using McscMonitor.FactSheet;
using McscMonitor.FollowUp;
using McscMonitor.Import;
using McscMonitor.Indicators;
using McscMonitor.Members;
using McscMonitor.Municipalities;
using McscMonitor.Publications;
using McscMonitor.Records;
using McscMonitor.Trends;
using McscMonitor.Users;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Scalar.AspNetCore;

namespace McscMonitor.Web;

public static class WebApp
{
    /// <summary>The web app and REST API. Tests pass `configure` to swap in a test server.</summary>
    public static WebApplication Build(
        string[] args, IReadOnlyDictionary<string, string?> settings, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddMcsc(builder.Configuration);
        builder.Services.AddDataProtection().SetApplicationName("McscMonitor").PersistKeysToDbContext<Data.McscDbContext>();
        builder.Services.AddRazorComponents();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddUiLanguages();
        builder.Services.AddMcscAuthentication();
        builder.Services.AddOpenApi(options => options.DescribeRecordBodies());
        builder.Services.AddMcscMetrics();
        builder.Services.AddErrorPages();
        builder.Services.AddWebHardening(builder.Configuration);
        // Pages are in Albanian and Serbian: keep ë, č and Cyrillic readable rather than as entities.
        builder.Services.AddWebEncoders(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseRequestIds();
        app.UseWebHardening();
        // Before the error handlers, so that error pages and problem titles are in the reader's language.
        app.UseRequestLocalization();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestBodyLimit();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseFirstPasswordChange();
        // Every change a request makes is audited under the name of whoever made it.
        app.Use((context, next) =>
        {
            var identity = context.User.Identity;
            context.RequestServices.GetRequiredService<AuditActor>().Name = identity?.Name ?? "anonymous";
            if (identity is { IsAuthenticated: true, Name: { } name } && identity.AuthenticationType == IdentityConstants.ApplicationScheme) AppMetrics.SeenSignedIn(name);
            return next(context);
        });
        app.UseAntiforgeryEverywhere();
        app.UseAntiforgery();
        app.MapOpenApi();
        app.MapScalarApiReference();
        app.MapIndicatorsPage();
        app.MapIndicatorsApi();
        app.MapFactSheet();
        app.MapSiteAssets();
        RecordDefinitions.MapAll(app);
        app.MapAttachments();
        app.MapSignIn();
        app.MapLanguageSwitch();
        app.MapAccount();
        app.MapUserAdmin();
        app.MapAuditPage();
        app.MapMunicipalityPage();
        app.MapMajorityCommunity();
        app.MapExportApi();
        app.MapImport();
        app.MapMemberErasure();
        app.MapApprovals();
        app.MapPublications();
        app.MapPublicationFeed();
        app.MapTrends();
        app.MapFollowUp();
        app.MapProgressNotes();
        // For a load balancer to know the instance is up: no database, no session, nothing to render.
        app.MapHealth();
        app.MapMcscMetrics();
        return app;
    }
}
