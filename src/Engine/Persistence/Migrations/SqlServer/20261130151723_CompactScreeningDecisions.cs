using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sejahtera.Engine.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class CompactScreeningDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Decisions stored before were sentences, not compact decisions: those runs are removed
            // (their counts could no longer be opened to their households) and are run again.
            migrationBuilder.Sql("DELETE FROM screening_results");
            migrationBuilder.Sql("DELETE FROM screening_runs");

            migrationBuilder.DropColumn(
                name: "explanation",
                table: "screening_results");

            migrationBuilder.DropColumn(
                name: "failed",
                table: "screening_results");

            migrationBuilder.DropColumn(
                name: "rule_set_hash",
                table: "screening_results");

            migrationBuilder.AddColumn<long>(
                name: "carried_from_run_id",
                table: "screening_results",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "passed_mask",
                table: "screening_results",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<byte[]>(
                name: "sentence_values",
                table: "screening_results",
                type: "varbinary(8000)",
                maxLength: 8000,
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.CreateTable(
                name: "screening_rule_sets",
                columns: table => new
                {
                    run_id = table.Column<long>(type: "bigint", nullable: false),
                    program = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    version = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    rule_set_hash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_screening_rule_sets", x => new { x.run_id, x.program });
                    table.ForeignKey(
                        name: "FK_screening_rule_sets_screening_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "screening_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "screening_rule_sets");

            migrationBuilder.DropColumn(
                name: "carried_from_run_id",
                table: "screening_results");

            migrationBuilder.DropColumn(
                name: "passed_mask",
                table: "screening_results");

            migrationBuilder.DropColumn(
                name: "sentence_values",
                table: "screening_results");

            migrationBuilder.AddColumn<string>(
                name: "explanation",
                table: "screening_results",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "failed",
                table: "screening_results",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "rule_set_hash",
                table: "screening_results",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");
        }
    }
}
