using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace McscMonitor.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MemberErasureAndAuditReason : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ErasedAtUtc",
                table: "Members",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ErasedCountedAsNonMajority",
                table: "Members",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ErasedCountedAsWoman",
                table: "Members",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Reason",
                table: "AuditEntries",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ErasedAtUtc",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "ErasedCountedAsNonMajority",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "ErasedCountedAsWoman",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "Reason",
                table: "AuditEntries");
        }
    }
}
