namespace McscMonitor.Tests.Hostile;

public class BackupTests
{
    private static readonly string[] BackupYears = ["2020", "2021", "2022"];

    private static readonly string ExampleFolder = Path.Combine(AppContext.BaseDirectory, "examples", "import");

    private static async Task<string> ContentAsync(TestDatabase database)
    {
        using var export = new TempFolder();
        Assert.Equal(0, (await database.RunAsync("export", export.Path)).ExitCode);
        var records = string.Join("\n", Directory.GetFiles(export.Path).Order(StringComparer.Ordinal).Select(File.ReadAllText));
        var indicators = string.Join("\n", await Task.WhenAll(BackupYears
            .Select(async year => (await database.RunAsync("indicators", "--year", year)).Output)));
        var users = (await database.RunAsync("users", "list")).Output;
        return records + indicators + users;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ABackupRestoredIntoAnEmptyDatabaseGivesTheSameRecordsIndicatorsAndUsers(string provider)
    {
        await using var original = await TestDatabase.CreateAsync(provider);
        await using var copy = await TestDatabase.CreateAsync(provider);
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "mcsc.backup");
        await original.RunAsync("import", ExampleFolder);
        await original.RunAsync("users", "add", "mona", "--role", "monitor");

        var backup = await original.RunAsync("backup", "--out", file);
        var restore = await copy.RunAsync("restore", file);

        Assert.True(backup.ExitCode == 0, backup.Error);
        Assert.True(restore.ExitCode == 0, restore.Error);
        Assert.Equal(await ContentAsync(original), await ContentAsync(copy));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AttachmentsComeBackByteForByteFromABackup(string provider)
    {
        await using var original = await TestDatabase.CreateAsync(provider, Seed.Examples);
        await using var copy = await TestDatabase.CreateAsync(provider);
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "mcsc.backup");
        var cancellationToken = TestContext.Current.CancellationToken;
        // Larger than one chunk, so that the pieces must come back in order.
        var content = new byte[Attachments.AttachmentChunk.Size + 12_345];
        new Random(7).NextBytes(content);
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        await using (var services = await original.OpenServicesAsync())
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Data.McscDbContext>();
            var meeting = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(db.Meetings, cancellationToken);
            await scope.ServiceProvider.GetRequiredService<Attachments.IAttachmentStore>().AddAsync(sha256, content, cancellationToken);
            db.Attachments.Add(new Attachments.Attachment
            {
                RecordPath = "meetings", RecordId = meeting.Id, MunicipalityCode = "peje", FileName = "minutes.pdf", ContentType = "application/pdf",
                Size = content.Length, Sha256 = sha256, UploadedBy = "test",
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        Assert.Equal(0, (await original.RunAsync("backup", "--out", file)).ExitCode);
        Assert.Equal(0, (await copy.RunAsync("restore", file)).ExitCode);

        await using var restored = await copy.OpenServicesAsync();
        await using var restoredScope = restored.CreateAsyncScope();
        Assert.Equal(content, await restoredScope.ServiceProvider.GetRequiredService<Attachments.IAttachmentStore>().ReadAsync(sha256, cancellationToken));
    }

    [Fact]
    public async Task ARestoreDoesNotReplaceRecordsUnlessAskedTo()
    {
        await using var original = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        await using var busy = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "mcsc.backup");
        await original.RunAsync("import", ExampleFolder);
        await original.RunAsync("backup", "--out", file);
        await busy.RunAsync("demo", "--no-publish");
        var before = await ContentAsync(busy);

        var refused = await busy.RunAsync("restore", file);
        var afterRefusal = await ContentAsync(busy);
        var replaced = await busy.RunAsync("restore", file, "--replace");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("--replace", refused.Error);
        Assert.Equal(before, afterRefusal);
        Assert.Equal(0, replaced.ExitCode);
        Assert.Equal(await ContentAsync(original), await ContentAsync(busy));
    }

    [Fact]
    public async Task AFileThatIsNotABackupIsRefusedAndNothingChanges()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        using var folder = new TempFolder();
        folder.Write("notes.backup", "this is not a database");

        var run = await database.RunAsync("restore", Path.Combine(folder.Path, "notes.backup"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not a McscMonitor backup", run.Error);
    }
}
