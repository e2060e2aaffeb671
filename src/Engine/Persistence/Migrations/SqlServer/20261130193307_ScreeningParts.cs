using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sejahtera.Engine.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ScreeningParts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "host",
                table: "screening_runs",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "parent_run_id",
                table: "screening_runs",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "id_blocks",
                columns: table => new
                {
                    name = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    next_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_id_blocks", x => x.name);
                });

            migrationBuilder.InsertData(
                table: "id_blocks",
                columns: new[] { "name", "next_id" },
                values: new object[] { "screening_results", 1L });

            migrationBuilder.CreateIndex(
                name: "IX_screening_runs_parent_run_id",
                table: "screening_runs",
                column: "parent_run_id");

            migrationBuilder.AddForeignKey(
                name: "FK_screening_runs_screening_runs_parent_run_id",
                table: "screening_runs",
                column: "parent_run_id",
                principalTable: "screening_runs",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_screening_runs_screening_runs_parent_run_id",
                table: "screening_runs");

            migrationBuilder.DropTable(
                name: "id_blocks");

            migrationBuilder.DropIndex(
                name: "IX_screening_runs_parent_run_id",
                table: "screening_runs");

            migrationBuilder.DropColumn(
                name: "host",
                table: "screening_runs");

            migrationBuilder.DropColumn(
                name: "parent_run_id",
                table: "screening_runs");
        }
    }
}
