using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace McscMonitor.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AuditEntryMunicipality : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "MunicipalityCode",
                table: "AuditEntries",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_MunicipalityCode_Id",
                table: "AuditEntries",
                columns: new[] { "MunicipalityCode", "Id" });

            migrationBuilder.Sql(AuditMunicipalityBackfill.Sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_MunicipalityCode_Id",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "MunicipalityCode",
                table: "AuditEntries");
        }
    }
}
