using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sejahtera.Engine.Persistence.Migrations.SqlServer
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    period = table.Column<string>(type: "nvarchar(7)", maxLength: 7, nullable: false),
                    programs = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    as_of = table.Column<DateOnly>(type: "date", nullable: false),
                    kabupaten_code = table.Column<string>(type: "nvarchar(5)", maxLength: 5, nullable: true),
                    status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    requested_by = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    households = table.Column<long>(type: "bigint", nullable: false),
                    decisions = table.Column<long>(type: "bigint", nullable: false),
                    attempts = table.Column<int>(type: "int", nullable: false),
                    counts_json = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    error = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_screening_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "screening_results",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false),
                    run_id = table.Column<long>(type: "bigint", nullable: false),
                    household_id = table.Column<long>(type: "bigint", nullable: false),
                    kabupaten_code = table.Column<string>(type: "nvarchar(5)", maxLength: 5, nullable: false),
                    program = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    outcome = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    amount = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: true),
                    rule_set_hash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    failed = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    explanation = table.Column<string>(type: "nvarchar(max)", nullable: false)
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
