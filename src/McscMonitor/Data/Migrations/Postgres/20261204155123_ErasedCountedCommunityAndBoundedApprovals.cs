using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace McscMonitor.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ErasedCountedCommunityAndBoundedApprovals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ErasedCountedCommunity",
                table: "Members",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            // Approvals once accepted for any year (0, 99999) made every write of their municipality fail;
            // years outside the bounds every record keeps to can hold no data, so their approvals go.
            migrationBuilder.Sql("DELETE FROM \"Approvals\" WHERE \"Year\" < 2000 OR \"Year\" > 2100");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ErasedCountedCommunity",
                table: "Members");
        }
    }
}
