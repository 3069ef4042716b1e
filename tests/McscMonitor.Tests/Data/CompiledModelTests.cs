using McscMonitor.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace McscMonitor.Tests;

public class CompiledModelTests
{
    /// <summary>Every table, column, key and index of a model, one line each, in order.</summary>
    private static List<string> Shape(IReadOnlyModel model) =>
    [
        .. model.GetEntityTypes().SelectMany(entity => new[] { $"{entity.Name} -> {entity.GetTableName()}" }
            .Concat(entity.GetProperties().Select(property =>
                $"{entity.Name}.{property.Name}: {property.ClrType.Name} {(property.IsNullable ? "null" : "not null")} {property.GetColumnName()} {property.GetMaxLength()} {property.GetValueConverter()?.GetType().Name}"))
            .Concat(entity.GetKeys().Select(key => $"{entity.Name} key ({string.Join(", ", key.Properties.Select(p => p.Name))})"))
            .Concat(entity.GetIndexes().Select(index => $"{entity.Name} index ({string.Join(", ", index.Properties.Select(p => p.Name))}) {(index.IsUnique ? "unique" : "")}"))
            .Concat(entity.GetForeignKeys().Select(key => $"{entity.Name} -> {key.PrincipalEntityType.Name} ({string.Join(", ", key.Properties.Select(p => p.Name))}) {key.DeleteBehavior}")))
            .Order(StringComparer.Ordinal),
    ];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TheCompiledModelIsTheModelTheConfigurationBuilds(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = await database.OpenServicesAsync();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<McscDbContext>();

        var compiled = Shape(db.Model);
        var configured = Shape(db.GetService<IDesignTimeModel>().Model);

        // When this fails, regenerate it: dotnet run --project tools/McscMonitor.Migrations -- --compiled-model
        Assert.Equal(configured, compiled);
        Assert.Contains(compiled, line => line.Contains("Meeting index (Date)", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TheLastMigrationAReadingVerbLooksForIsTheLastOneThereIs(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = await database.OpenServicesAsync();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<McscDbContext>();

        // When this fails after adding a migration, set DatabaseSetup.LastMigration to its name.
        Assert.EndsWith($"_{DatabaseSetup.LastMigration}", db.Database.GetMigrations().Last(), StringComparison.Ordinal);
        Assert.Null(await services.NotReadableBecauseAsync(TestContext.Current.CancellationToken));
    }
}
