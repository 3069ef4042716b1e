using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using McscMonitor.Attachments;
using McscMonitor.Data;
using McscMonitor.Users;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Tests;

public class AttachmentApiTests
{
    /// <summary>The smallest plain PDF: the minutes the evidence tests attach.</summary>
    internal static readonly byte[] Minutes = Encoding.Latin1.GetBytes(
        "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n" +
        "trailer\n<< /Root 1 0 R >>\n%%EOF\n");

    /// <summary>A JPEG whose EXIF says where it was taken.</summary>
    private static readonly byte[] Photo =
    [
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x07, .. "JFIF\0"u8,
        0xFF, 0xE1, 0x00, 0x1D, .. "Exif\0\0GPSLatitude 42.6629 N"u8,
        0xFF, 0xDA, 0x00, 0x02, 0x11, 0x22, 0x33, 0xFF, 0xD9,
    ];

    private static MultipartFormDataContent Upload(string fileName, byte[] content, string? description = null)
    {
        var form = Hostile.CraftedFiles.Upload(fileName, content);
        if (description is not null) form.Add(new StringContent(description), "description");
        return form;
    }

    /// <summary>The app, an admin's client, and minutes attached by the admin to one of Pejë's meetings of 2021.</summary>
    private static async Task<(ApiHost Host, HttpClient Admin, int Meeting, AttachmentJson Attachment)> WithMinutesAsync(string provider)
    {
        var host = await ApiHost.StartAsync(provider);
        var admin = host.ClientFor(Roles.Admin);
        var meeting = await MeetingOfAsync(admin, "peje");
        var created = await admin.PostAsync($"/api/v1/meetings/{meeting}/attachments", Upload("minutes.pdf", Minutes), TestContext.Current.CancellationToken);
        return (host, admin, meeting, (await created.Content.ReadFromJsonAsync<AttachmentJson>(TestContext.Current.CancellationToken))!);
    }

    private static async Task<int> MeetingOfAsync(HttpClient admin, string municipality)
    {
        var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/meetings?municipality={municipality}&year=2021", TestContext.Current.CancellationToken);
        return page.GetProperty("items")[0].GetProperty("id").GetInt32();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task MinutesUploadedAreListedDownloadedByteForByteAndDeletedWithAnAuditedReason(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var cancellationToken = TestContext.Current.CancellationToken;
        var officer = host.ClientFor(Roles.MunicipalOfficer);
        var meeting = await MeetingOfAsync(host.ClientFor(Roles.Admin), "peje");

        var created = await officer.PostAsync($"/api/v1/meetings/{meeting}/attachments", Upload("procesverbali.pdf", Minutes, "Procesverbali i mbledhjes"), cancellationToken);
        var attachment = await created.Content.ReadFromJsonAsync<AttachmentJson>(cancellationToken);
        var list = await officer.GetFromJsonAsync<List<AttachmentJson>>($"/api/v1/meetings/{meeting}/attachments", cancellationToken);
        var download = await officer.GetAsync(attachment!.Download, cancellationToken);
        var noReason = await officer.DeleteAsync(attachment.Download, cancellationToken);
        var deleted = await officer.DeleteAsync($"{attachment.Download}?reason=Uploaded%20to%20the%20wrong%20meeting", cancellationToken);
        var after = await officer.GetFromJsonAsync<List<AttachmentJson>>($"/api/v1/meetings/{meeting}/attachments", cancellationToken);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("procesverbali.pdf", attachment.FileName);
        Assert.Equal("application/pdf", attachment.ContentType);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Minutes)), attachment.Sha256);
        Assert.Equal(attachment.Id, Assert.Single(list!).Id);
        Assert.Equal(Minutes, await download.Content.ReadAsByteArrayAsync(cancellationToken));
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(AttachmentEndpoints.DownloadPolicy, download.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(after!);

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<McscDbContext>();
        var trail = await db.AuditEntries.Where(e => e.Entity == nameof(Attachment)).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        Assert.Equal(["create", AttachmentEndpoints.DownloadAction, "delete"], trail.Select(e => e.Action));
        Assert.Equal("Uploaded to the wrong meeting", trail[^1].Reason);
        Assert.Empty(await db.AttachmentChunks.ToListAsync(cancellationToken));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AFileThatClaimsToBeAPdfButIsHtmlOrAPdfWithScriptIsRefusedInTheReadersLanguage(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var admin = host.ClientFor(Roles.Admin);
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("sq");
        var meeting = await MeetingOfAsync(admin, "peje");
        var script = Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(Minutes).Replace("/Pages 2 0 R", "/Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert(1)) >>"));

        var html = await admin.PostAsync($"/api/v1/meetings/{meeting}/attachments",
            Upload("procesverbali.pdf", "<html><script>alert(document.cookie)</script></html>"u8.ToArray()), TestContext.Current.CancellationToken);
        var active = await admin.PostAsync($"/api/v1/meetings/{meeting}/attachments", Upload("procesverbali.pdf", script), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, html.StatusCode);
        Assert.Contains("nuk është PDF", await html.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.BadRequest, active.StatusCode);
        Assert.Contains("skript", await active.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task APhotosLocationIsGoneWhenItIsDownloaded(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var admin = host.ClientFor(Roles.Admin);
        var meeting = await MeetingOfAsync(admin, "peje");

        var created = await admin.PostAsync($"/api/v1/meetings/{meeting}/attachments", Upload("attendance.jpeg", Photo), TestContext.Current.CancellationToken);
        var attachment = await created.Content.ReadFromJsonAsync<AttachmentJson>(TestContext.Current.CancellationToken);
        var downloaded = await admin.GetByteArrayAsync(attachment!.Download, TestContext.Current.CancellationToken);

        Assert.Equal("attendance.jpg", attachment.FileName);
        Assert.Contains("GPSLatitude", Encoding.Latin1.GetString(Photo));
        Assert.DoesNotContain("GPSLatitude", Encoding.Latin1.GetString(downloaded));
        Assert.Equal(Photo[^9..], downloaded[^9..]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnOfficerOfAnotherMunicipalityAViewerAndTheAnonymousPublicCannotReachAnAttachment(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var admin = host.ClientFor(Roles.Admin);
        var page = await admin.GetFromJsonAsync<JsonElement>("/api/v1/meetings?year=2021&pageSize=500", TestContext.Current.CancellationToken);
        var elsewhere = page.GetProperty("items").EnumerateArray().First(m => m.GetProperty("municipality").GetString() != "peje").GetProperty("id").GetInt32();
        var created = await admin.PostAsync($"/api/v1/meetings/{elsewhere}/attachments", Upload("minutes.pdf", Minutes), TestContext.Current.CancellationToken);
        var download = (await created.Content.ReadFromJsonAsync<AttachmentJson>(TestContext.Current.CancellationToken))!.Download;

        Assert.Equal(HttpStatusCode.Forbidden, (await host.ClientFor(Roles.MunicipalOfficer).GetAsync(download, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.ClientFor(Roles.MunicipalOfficer).PostAsync(
            $"/api/v1/meetings/{elsewhere}/attachments", Upload("minutes.pdf", Minutes), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.ClientFor(Roles.Viewer).GetAsync(download, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.ClientFor(null).GetAsync(download, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.ClientFor(Roles.Monitor).GetAsync(download, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DeletingAMeetingDeletesItsMinutesWithIt(string provider)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (host, admin, meeting, attachment) = await WithMinutesAsync(provider);
        await using var _ = host;
        var version = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{meeting}", cancellationToken)).GetProperty("version").GetInt64();

        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/meetings/{meeting}");
        delete.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{version}\""));
        var deleted = await admin.SendAsync(delete, cancellationToken);
        var download = await admin.GetAsync(attachment.Download, cancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<McscDbContext>();
        Assert.Empty(await db.Attachments.ToListAsync(cancellationToken));
        Assert.Empty(await db.AttachmentChunks.ToListAsync(cancellationToken));
        Assert.Equal(["create", "delete"], await db.AuditEntries.Where(e => e.Entity == nameof(Attachment)).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync(cancellationToken));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TheEvidenceOfASubmittedYearIsNeitherAddedToNorTakenFrom(string provider)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (host, admin, meeting, attachment) = await WithMinutesAsync(provider);
        await using var _ = host;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var submitted = await scope.ServiceProvider.GetRequiredService<Approvals.ApprovalWorkflow>()
                .ActAsync("peje", 2021, Core.Approval.ApprovalAction.Submit, Core.Approval.ApprovalRole.Admin, null, cancellationToken);
            Assert.True(submitted.Allowed);
        }

        var added = await admin.PostAsync($"/api/v1/meetings/{meeting}/attachments", Upload("attendance.pdf", [.. Minutes, .. "\n"u8]), cancellationToken);
        var deleted = await admin.DeleteAsync($"{attachment.Download}?reason=wrong%20file", cancellationToken);
        var list = await admin.GetFromJsonAsync<List<AttachmentJson>>($"/api/v1/meetings/{meeting}/attachments", cancellationToken);
        var page = await admin.GetStringAsync($"/meetings/{meeting}/edit", cancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, added.StatusCode);
        Assert.Contains("/problems/year-submitted", await added.Content.ReadAsStringAsync(cancellationToken));
        Assert.Equal(HttpStatusCode.Conflict, deleted.StatusCode);
        Assert.Equal(attachment.Id, Assert.Single(list!).Id);
        // The record's page says so, and offers neither an upload nor a delete that would be refused.
        Assert.Contains("data for 2021, which is submitted", page);
        Assert.Contains("while the year they count in is closed", page[page.IndexOf("id=\"evidence\"", StringComparison.Ordinal)..]);
        Assert.DoesNotContain("multipart/form-data", page);
        Assert.DoesNotContain("/delete\"", page[page.IndexOf("id=\"evidence\"", StringComparison.Ordinal)..]);
    }

    [Fact]
    public async Task AFileThatWouldPassTheMunicipalitysQuotaIsRefused()
    {
        await using var host = await ApiHost.StartAsync(TestDatabase.Sqlite, new Dictionary<string, string?> { ["Attachments:MaxMunicipalityMegabytes"] = "0" });
        var admin = host.ClientFor(Roles.Admin);
        var meeting = await MeetingOfAsync(admin, "peje");

        var refused = await admin.PostAsync($"/api/v1/meetings/{meeting}/attachments", Upload("minutes.pdf", Minutes), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("quota of 0 MB", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TheAuditTrailSaysInWordsWhoAttachedDownloadedAndDeletedAFileAndWhy()
    {
        var (host, admin, _, attachment) = await WithMinutesAsync(TestDatabase.Sqlite);
        await using var _ = host;
        await host.ClientFor(Roles.Monitor).GetByteArrayAsync(attachment.Download, TestContext.Current.CancellationToken);
        await admin.DeleteAsync($"{attachment.Download}?reason=Scanned%20upside%20down", TestContext.Current.CancellationToken);

        var html = await host.ClientFor(Roles.Monitor).GetStringAsync("/audit", TestContext.Current.CancellationToken);
        var text = System.Text.RegularExpressions.Regex.Replace(
            new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).Body!.TextContent, @"\s+", " ");

        Assert.Contains("File “minutes.pdf”, Pejë", text);
        Assert.Contains("downloaded", text);
        Assert.Contains("Scanned upside down", text);
        Assert.Contains("Record type: meeting", text);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TheApprovalOverviewCountsEachMunicipalitysEvidenceInTheDatabase(string provider)
    {
        var (host, _, _, _) = await WithMinutesAsync(provider);
        await using var _ = host;

        var html = await host.ClientFor(Roles.Monitor).GetStringAsync("/approvals?year=2021", TestContext.Current.CancellationToken);
        var peje = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).QuerySelectorAll("tbody tr")
            .Single(row => row.QuerySelector("a[href^='/municipalities/peje?']") is not null);

        Assert.Matches(@"meetings 1/[1-9]", peje.TextContent);
        Assert.Contains("council 0/1", peje.TextContent);
    }

    [Fact]
    public async Task ANewRecordsFormSaysWhereItsFilesAreAttachedAndAMembersDoesNot()
    {
        await using var host = await ApiHost.StartAsync();
        var monitor = host.ClientFor(Roles.Monitor);

        var meeting = await monitor.GetStringAsync("/municipalities/peje/meetings/new", TestContext.Current.CancellationToken);
        var member = await monitor.GetStringAsync("/municipalities/peje/members/new", TestContext.Current.CancellationToken);

        Assert.Contains("page once it is saved", meeting);
        Assert.DoesNotContain("once it is saved", member);
    }

    [Fact]
    public async Task AFileIsNotDeletedThroughAnotherRecordsPage()
    {
        var (host, admin, meeting, attachment) = await WithMinutesAsync(TestDatabase.Sqlite);
        await using var _ = host;
        var page = await admin.GetFromJsonAsync<JsonElement>("/api/v1/meetings?municipality=peje&year=2021", TestContext.Current.CancellationToken);
        var other = page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetInt32()).First(id => id != meeting);
        using var browser = await host.SignInAsync(Roles.Admin);

        var response = await browser.SubmitAsync($"/meetings/{other}/edit", $"/meetings/{other}/attachments/{attachment.Id}/delete",
            new() { ["reason"] = "Not this meeting's" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(attachment.Download, TestContext.Current.CancellationToken)).StatusCode);
    }
}
