using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace McscMonitor.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SyntheticUnits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Synthetic",
                table: "Municipalities",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.UpdateData(
                table: "Municipalities",
                keyColumn: "Code",
                keyValue: "decan",
                column: "Synthetic",
                value: false);

            migrationBuilder.UpdateData(
                table: "Municipalities",
                keyColumn: "Code",
                keyValue: "dragash",
                column: "Synthetic",
                value: false);

            migrationBuilder.UpdateData(
                table: "Municipalities",
                keyColumn: "Code",
                keyValue: "ferizaj",
                column: "Synthetic",
                value: false);

            migrationBuilder.UpdateData(
                table: "Municipalities",
                keyColumn: "Code",
                keyValue: "fushe-kosove",
                column: "Synthetic",
                value: false);

            migrationBuilder.UpdateData(
                table: "Municipalities",
                keyColumn: "Code",
                keyValue: "gjakove",
                column: "Synthetic",
                value: false);

            migrationBuilder.UpdateData(
                table: "Municipalities",
                keyColumn: "Code",
                keyValue: "gjilan",
                column: "Synthetic",
                value: false);

            migrationBuilder.UpdateData(
                table: "Municipalities",
                keyColumn: "Code",
                keyValue: "gllogoc",
                column: "Synthetic",
                value: false);

            migrationBuilder.UpdateData(
                table: "Municipalities",
                keyColumn: "Code",
                keyValue: "gracanice",
                column: "Synthetic",
                value: false);

            migrationBuilder.UpdateData(
                table: "Municipalities",
                keyColumn: "Code",
                keyValue: "hani-i-elezit",
                column: "Synthetic",
                value: false);

            migrationBuilder.UpdateData(
                table: "Municipalities",
                keyColumn: "Code",
                keyValue: "istog",
                column: "Synthetic",
                value: false);

            migrationBuilder.UpdateData(
                table: "Municipalities",
                keyColumn: "Code",
                keyValue: "junik",
                column: "Synthetic",
                value: false);

            migrationBuilder.UpdateData(
                table: "Municipalities",
                keyColumn: "Code",
                keyValue: "kacanik",
                column: "Synthetic",
                value: false);

            migrationBuilder.UpdateData(
                table: "Municipalities",
                keyColumn: "Code",
                keyValue: "kamenice",
                column: "Synthetic",
                value: false);

            migrationBuilder.UpdateData(
                table: "Municipalities",
                keyColumn: "Code",
                keyValue: "kline",
                column: "Synthetic",
                value: false);

            migrationBuilder.UpdateData(
                table: "Municipalities",
                keyColumn: "Code",
                keyValue: "kllokot",
                column: "Synthetic",
                value: false);

            migrationBuilder.UpdateData(
                table: "Municipalities",
                keyColumn: "Code",
                keyValue: "leposaviq",
                column: "Synthetic",
                value: false);

            migrationBuilder.UpdateData(
                table: "Municipalities",
                keyColumn: "Code",
                keyValue: "lipjan",
                column: "Synthetic",
                value: false);

            migrationBuilder.UpdateData(
                table: "Municipalities",
                keyColumn: "Code",
                keyValue: "malisheve",
                column: "Synthetic",
                value: false);

            migrationBuilder.UpdateData(
                table: "Municipalities",
                keyColumn: "Code",
                keyValue: "mamushe",
                column: "Synthetic",
                value: false);

            migrationBuilder.UpdateData(
                table: "Municipalities",
                keyColumn: "Code",
                keyValue: "mitrovice-jug",
                column: "Synthetic",
                value: false);

            migrationBuilder.UpdateData(
                table: "Municipalities",
                keyColumn: "Code",
                keyValue: "mitrovice-veri",
                column: "Synthetic",
                value: false);

            migrationBuilder.UpdateData(
                table: "Municipalities",
                keyColumn: "Code",
                keyValue: "novoberde",
                column: "Synthetic",
                value: false);

            migrationBuilder.UpdateData(
                table: "Municipalities",
                keyColumn: "Code",
                keyValue: "obiliq",
                column: "Synthetic",
                value: false);

            migrationBuilder.UpdateData(
                table: "Municipalities",
                keyColumn: "Code",
                keyValue: "partesh",
                column: "Synthetic",
                value: false);

            migrationBuilder.UpdateData(
                table: "Municipalities",
                keyColumn: "Code",
                keyValue: "peje",
                column: "Synthetic",
                value: false);

            migrationBuilder.UpdateData(
                table: "Municipalities",
                keyColumn: "Code",
                keyValue: "podujeve",
                column: "Synthetic",
                value: false);

            migrationBuilder.UpdateData(
                table: "Municipalities",
                keyColumn: "Code",
                keyValue: "prishtine",
                column: "Synthetic",
                value: false);

            migrationBuilder.UpdateData(
                table: "Municipalities",
                keyColumn: "Code",
                keyValue: "prizren",
                column: "Synthetic",
                value: false);

            migrationBuilder.UpdateData(
                table: "Municipalities",
                keyColumn: "Code",
                keyValue: "rahovec",
                column: "Synthetic",
                value: false);

            migrationBuilder.UpdateData(
                table: "Municipalities",
                keyColumn: "Code",
                keyValue: "ranillug",
                column: "Synthetic",
                value: false);

            migrationBuilder.UpdateData(
                table: "Municipalities",
                keyColumn: "Code",
                keyValue: "shterpce",
                column: "Synthetic",
                value: false);

            migrationBuilder.UpdateData(
                table: "Municipalities",
                keyColumn: "Code",
                keyValue: "shtime",
                column: "Synthetic",
                value: false);

            migrationBuilder.UpdateData(
                table: "Municipalities",
                keyColumn: "Code",
                keyValue: "skenderaj",
                column: "Synthetic",
                value: false);

            migrationBuilder.UpdateData(
                table: "Municipalities",
                keyColumn: "Code",
                keyValue: "suhareke",
                column: "Synthetic",
                value: false);

            migrationBuilder.UpdateData(
                table: "Municipalities",
                keyColumn: "Code",
                keyValue: "viti",
                column: "Synthetic",
                value: false);

            migrationBuilder.UpdateData(
                table: "Municipalities",
                keyColumn: "Code",
                keyValue: "vushtrri",
                column: "Synthetic",
                value: false);

            migrationBuilder.UpdateData(
                table: "Municipalities",
                keyColumn: "Code",
                keyValue: "zubin-potok",
                column: "Synthetic",
                value: false);

            migrationBuilder.UpdateData(
                table: "Municipalities",
                keyColumn: "Code",
                keyValue: "zvecan",
                column: "Synthetic",
                value: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Synthetic",
                table: "Municipalities");
        }
    }
}
