using McscMonitor.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.EntityFrameworkCore.Scaffolding;
using Microsoft.EntityFrameworkCore.Sqlite.Design.Internal;
using Microsoft.Extensions.DependencyInjection;
using Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal;

// The dotnet-ef tool is not available to this project's machines, so migrations and the
// compiled models are scaffolded here with EF Core's own design-time services, one set per
// provider. Adding a migration regenerates the compiled models too, so the two never differ.
if (args is not [var name])
{
    Console.Error.WriteLine("usage: dotnet run --project tools/McscMonitor.Migrations -- MIGRATION_NAME | --compiled-model");
    return 2;
}
var migration = name != "--compiled-model";

var projectDir = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/McscMonitor"));
if (!File.Exists(Path.Combine(projectDir, "McscMonitor.csproj")))
{
    Console.Error.WriteLine($"Cannot find the app project at {projectDir}.");
    return 1;
}

await using var sqlite = new SqliteMcscDbContext(
    new DbContextOptionsBuilder<SqliteMcscDbContext>().UseSqlite("Data Source=:memory:").Options);
Scaffold(sqlite, new SqliteDesignTimeServices(), "Sqlite");

await using var postgres = new PostgresMcscDbContext(
    new DbContextOptionsBuilder<PostgresMcscDbContext>().UseNpgsql("Host=localhost").Options);
Scaffold(postgres, new NpgsqlDesignTimeServices(), "Postgres");
return 0;

void Scaffold(McscDbContext context, IDesignTimeServices providerServices, string provider)
{
    var services = new ServiceCollection()
        .AddEntityFrameworkDesignTimeServices()
        .AddDbContextDesignTimeServices(context);
    providerServices.ConfigureDesignTimeServices(services);
    using var serviceProvider = services.BuildServiceProvider();
    if (migration)
    {
        var scaffolder = serviceProvider.GetRequiredService<IMigrationsScaffolder>();
        var scaffolded = scaffolder.ScaffoldMigration(name, "McscMonitor", $"Data.Migrations.{provider}", "C#");
        var files = scaffolder.Save(projectDir, scaffolded, Path.Combine(projectDir, "Data", "Migrations", provider));
        Console.WriteLine($"{provider}: {files.MigrationFile}");
    }

    // The compiled model: EF Core reads it at start-up instead of building the model from the configuration.
    var output = Path.Combine(projectDir, "Data", "CompiledModels", provider);
    if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
    var written = serviceProvider.GetRequiredService<ICompiledModelScaffolder>().ScaffoldModel(
        context.GetService<IDesignTimeModel>().Model, output,
        new CompiledModelCodeGenerationOptions
        {
            ContextType = context.GetType(), ModelNamespace = $"McscMonitor.Data.CompiledModels.{provider}", Language = "C#", UseNullableReferenceTypes = true,
        });
    Console.WriteLine($"{provider}: {written.Count} files of the compiled model in {output}");
}
