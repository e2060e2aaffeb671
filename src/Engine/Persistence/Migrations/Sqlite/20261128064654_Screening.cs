using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sejahtera.Engine.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Screening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "screening_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    period = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    programs = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    as_of = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    kabupaten_code = table.Column<string>(type: "TEXT", maxLength: 5, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    requested_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    households = table.Column<long>(type: "INTEGER", nullable: false),
                    decisions = table.Column<long>(type: "INTEGER", nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    counts_json = table.Column<string>(type: "TEXT", nullable: true),
                    error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_screening_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "screening_results",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false),
                    run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    household_id = table.Column<long>(type: "INTEGER", nullable: false),
                    kabupaten_code = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    program = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    rule_set_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    failed = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    explanation = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_screening_results", x => x.id);
                    table.ForeignKey(
                        name: "FK_screening_results_screening_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "screening_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_screening_results_run_id_household_id_program",
                table: "screening_results",
                columns: new[] { "run_id", "household_id", "program" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "screening_results");

            migrationBuilder.DropTable(
                name: "screening_runs");
        }
    }
}
