using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace McscMonitor.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ApprovalReasonFrom : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReasonFrom",
                table: "Approvals",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ReasonFrom",
                table: "Approvals");
        }
    }
}
