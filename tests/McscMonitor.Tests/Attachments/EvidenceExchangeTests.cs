using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using McscMonitor.Data;
using McscMonitor.Tests.Hostile;
using McscMonitor.Users;
using Microsoft.EntityFrameworkCore;

namespace McscMonitor.Tests;

/// <summary>Evidence in the exchange format: an import zip's attachments folder, and the export that writes it back.</summary>
public class EvidenceExchangeTests
{
    private static readonly byte[] Minutes = AttachmentApiTests.Minutes;

    private static readonly byte[] Decision = [.. Minutes, .. "% the assembly's decision\n"u8];

    private static readonly byte[] NewMeeting = CraftedFiles.Utf8("municipality,date,status\npeje,2021-11-20,held\n");

    private static async Task<int> PejeMeetingsOf2021Async(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonObject>("/api/v1/meetings?municipality=peje&year=2021", TestContext.Current.CancellationToken))!["total"]!.GetValue<int>();

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnImportZipWithAttachmentsRoundTripsThroughTheExportByteForByte(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var cancellationToken = TestContext.Current.CancellationToken;
        var monitor = host.ClientFor(Roles.Monitor);
        var zip = CraftedFiles.Zip(("meetings.csv", NewMeeting),
            ("attachments/meetings/peje_2021-11-20/minutes.pdf", Minutes), ("attachments/councils/peje/decision.pdf", Decision));

        var imported = await monitor.PostAsync("/api/v1/imports", CraftedFiles.Upload("records.zip", zip), cancellationToken);
        var exported = await monitor.GetByteArrayAsync("/api/v1/export?format=csv&municipality=peje&year=2021", cancellationToken);
        var again = await monitor.PostAsync("/api/v1/imports", CraftedFiles.Upload("export.zip", exported), cancellationToken);

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var counts = (await imported.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!["counts"]!.AsArray();
        Assert.Contains(counts, count => count!["table"]!.GetValue<string>() == "attachments" && count["added"]!.GetValue<int>() == 2);
        using var archive = new ZipArchive(new MemoryStream(exported));
        Assert.Equal(Minutes, await ReadAsync(archive, "attachments/meetings/peje_2021-11-20/minutes.pdf"));
        Assert.Equal(Decision, await ReadAsync(archive, "attachments/councils/peje/decision.pdf"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var againCounts = (await again.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!["counts"]!.AsArray();
        Assert.Contains(againCounts, count => count!["table"]!.GetValue<string>() == "attachments" && count["added"]!.GetValue<int>() == 0
            && count["unchanged"]!.GetValue<int>() == 2);
        await using var scope = host.Services.CreateAsyncScope();
        Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<McscDbContext>().Attachments.CountAsync(cancellationToken));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task WhatEachFileIsTravelsWithItThroughAnExportIntoAnotherInstallation(string provider)
    {
        await using var source = await ApiHost.StartAsync(provider);
        await using var target = await ApiHost.StartAsync(provider);
        var cancellationToken = TestContext.Current.CancellationToken;
        var zip = CraftedFiles.Zip(("meetings.csv", NewMeeting),
            ("attachments/meetings/peje_2021-11-20/minutes.pdf", Minutes), ("attachments/councils/peje/decision.pdf", Decision),
            ("attachments/descriptions.csv", CraftedFiles.Utf8(
                "file,description\nattachments/meetings/peje_2021-11-20/minutes.pdf,\"Minutes, signed by the chair\"\n")));

        var imported = await source.ClientFor(Roles.Monitor).PostAsync("/api/v1/imports", CraftedFiles.Upload("records.zip", zip), cancellationToken);
        var exported = await source.ClientFor(Roles.Monitor).GetByteArrayAsync("/api/v1/export?format=csv&municipality=peje&year=2021", cancellationToken);
        var moved = await target.ClientFor(Roles.Monitor).PostAsync("/api/v1/imports", CraftedFiles.Upload("export.zip", exported), cancellationToken);

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        using var archive = new ZipArchive(new MemoryStream(exported));
        Assert.Equal("file,description\r\nattachments/meetings/peje_2021-11-20/minutes.pdf,\"Minutes, signed by the chair\"\r\n",
            System.Text.Encoding.UTF8.GetString(await ReadAsync(archive, "attachments/descriptions.csv")));
        await using var scope = target.Services.CreateAsyncScope();
        var attachments = await scope.ServiceProvider.GetRequiredService<McscDbContext>().Attachments.AsNoTracking()
            .OrderBy(a => a.FileName).Select(a => new { a.FileName, a.Description }).ToListAsync(cancellationToken);
        Assert.Equal([new { FileName = "decision.pdf", Description = (string?)null }, new { FileName = "minutes.pdf", Description = (string?)"Minutes, signed by the chair" }],
            attachments);
    }

    [Theory]
    [InlineData("file,description\nattachments/meetings/peje_2021-11-21/minutes.pdf,Minutes\n", 2, "file", "is not a file of this import's attachments folder")]
    [InlineData("file,description\nattachments/meetings/peje_2021-11-20/minutes.pdf,Minutes\nattachments/meetings/peje_2021-11-20/minutes.pdf,Again\n",
        3, "file", "is already described in row 2")]
    [InlineData("path,what\n", 1, null, "two columns: file,description")]
    public async Task ADescriptionOfNoFileOfTheImportIsAnErrorWithItsRowAndColumnAndNothingIsWritten(string descriptions, int row, string? column, string expected)
    {
        await using var host = await ApiHost.StartAsync();
        var admin = host.ClientFor(Roles.Admin);
        var before = await PejeMeetingsOf2021Async(admin);
        var zip = CraftedFiles.Zip(("meetings.csv", NewMeeting), ("attachments/meetings/peje_2021-11-20/minutes.pdf", Minutes),
            ("attachments/descriptions.csv", CraftedFiles.Utf8(descriptions)));

        var response = await admin.PostAsync("/api/v1/imports", CraftedFiles.Upload("records.zip", zip), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = Assert.Single((await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!["errors"]!.AsArray())!;
        Assert.Equal("records.zip: attachments/descriptions.csv", error["source"]!.GetValue<string>());
        Assert.Equal(row, error["row"]!.GetValue<int>());
        Assert.Equal(column, error["column"]?.GetValue<string>());
        Assert.Contains(expected, error["message"]!.GetValue<string>());
        Assert.Equal(before, await PejeMeetingsOf2021Async(admin));
    }

    [Fact]
    public async Task AnAttachmentThatIsNotWhatItsNameSaysIsAnErrorNamingTheFileAndNothingIsWritten()
    {
        await using var host = await ApiHost.StartAsync();
        var admin = host.ClientFor(Roles.Admin);
        var before = await PejeMeetingsOf2021Async(admin);
        var zip = CraftedFiles.Zip(("meetings.csv", NewMeeting),
            ("attachments/meetings/peje_2021-11-20/minutes.pdf", "<html><script>alert(1)</script></html>"u8.ToArray()));

        var response = await admin.PostAsync("/api/v1/imports", CraftedFiles.Upload("records.zip", zip), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = Assert.Single((await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!["errors"]!.AsArray())!;
        Assert.Equal("records.zip: attachments/meetings/peje_2021-11-20/minutes.pdf", error["source"]!.GetValue<string>());
        Assert.Contains("is not a PDF, PNG, JPEG", error["message"]!.GetValue<string>());
        Assert.Equal(before, await PejeMeetingsOf2021Async(admin));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnAttachmentWhoseKeyNamesNoRecordUndoesTheWholeImport(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var admin = host.ClientFor(Roles.Admin);
        var before = await PejeMeetingsOf2021Async(admin);
        var zip = CraftedFiles.Zip(("meetings.csv", NewMeeting), ("attachments/meetings/peje_2021-11-21/minutes.pdf", Minutes));

        var response = await admin.PostAsync("/api/v1/imports", CraftedFiles.Upload("records.zip", zip), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("no record of meetings has the key peje_2021-11-21", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(before, await PejeMeetingsOf2021Async(admin));
    }

    [Theory]
    [InlineData("attachments/minutes.pdf", "goes in attachments/TABLE/KEY/FILE")]
    [InlineData("attachments/members/peje_P1/cv.pdf", "no table 'members' takes files")]
    [InlineData("attachments/meetings/peje_2021-02-30/minutes.pdf", "names no meeting")]
    [InlineData("attachments/meetings/../../etc/minutes.pdf", "goes in attachments/TABLE/KEY/FILE")]
    public async Task AnAttachmentPathOutsideTheLayoutIsRefusedWithTheLayout(string path, string expected)
    {
        await using var host = await ApiHost.StartAsync();

        var response = await host.ClientFor(Roles.Admin).PostAsync("/api/v1/imports",
            CraftedFiles.Upload("records.zip", CraftedFiles.Zip(("meetings.csv", NewMeeting), (path, Minutes))), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static async Task<byte[]> ReadAsync(ZipArchive archive, string name)
    {
        var entry = archive.GetEntry(name) ?? throw new Xunit.Sdk.XunitException($"{name} is not in the export: {string.Join(", ", archive.Entries.Select(e => e.FullName))}");
        await using var stream = entry.Open();
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
