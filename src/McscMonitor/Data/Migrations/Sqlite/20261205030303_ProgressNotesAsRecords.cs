using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace McscMonitor.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProgressNotesAsRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ProgressNotes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RecommendationId = table.Column<int>(type: "INTEGER", nullable: false),
                    MunicipalityCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    WrittenOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Author = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgressNotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgressNotes_Recommendations_RecommendationId",
                        column: x => x.RecommendationId,
                        principalTable: "Recommendations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProgressNotes_RecommendationId",
                table: "ProgressNotes",
                column: "RecommendationId");
            // Progress was one text field of dated lines; each such text becomes one note, kept whole (cut at the note's limit).
            migrationBuilder.Sql(
                """
                INSERT INTO "ProgressNotes" ("RecommendationId", "MunicipalityCode", "WrittenOn", "Author", "Text", "Version")
                SELECT "Id", "MunicipalityCode", date('now'), 'earlier progress field', substr("Progress", 1, 2000), 1
                FROM "Recommendations" WHERE "Progress" IS NOT NULL AND "Progress" <> ''
                """);

            migrationBuilder.DropColumn(
                name: "Progress",
                table: "Recommendations");


            migrationBuilder.AlterColumn<string>(
                name: "TextSrLatn",
                table: "Recommendations",
                type: "TEXT",
                maxLength: 1000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 1000);

            migrationBuilder.AlterColumn<string>(
                name: "TextSq",
                table: "Recommendations",
                type: "TEXT",
                maxLength: 1000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 1000);

            migrationBuilder.AlterColumn<string>(
                name: "TextEn",
                table: "Recommendations",
                type: "TEXT",
                maxLength: 1000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 1000);

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProgressNotes");

            migrationBuilder.AlterColumn<string>(
                name: "TextSrLatn",
                table: "Recommendations",
                type: "TEXT",
                maxLength: 1000,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 1000,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "TextSq",
                table: "Recommendations",
                type: "TEXT",
                maxLength: 1000,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 1000,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "TextEn",
                table: "Recommendations",
                type: "TEXT",
                maxLength: 1000,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 1000,
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Progress",
                table: "Recommendations",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);
        }
    }
}
