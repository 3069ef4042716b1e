using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace McscMonitor.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class YearVersionStripes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_YearVersions",
                table: "YearVersions");

            migrationBuilder.AddColumn<int>(
                name: "Stripe",
                table: "YearVersions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddPrimaryKey(
                name: "PK_YearVersions",
                table: "YearVersions",
                columns: new[] { "Year", "Stripe" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_YearVersions",
                table: "YearVersions");

            migrationBuilder.DropColumn(
                name: "Stripe",
                table: "YearVersions");

            migrationBuilder.AddPrimaryKey(
                name: "PK_YearVersions",
                table: "YearVersions",
                column: "Year");
        }
    }
}
