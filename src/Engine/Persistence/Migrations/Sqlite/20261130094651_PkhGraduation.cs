using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sejahtera.Engine.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PkhGraduation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "priority",
                table: "proposals",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "decided_by",
                table: "pkh_graduation_cases",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "pkh_evaluation_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    period = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    as_of = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    evaluated = table.Column<int>(type: "INTEGER", nullable: false),
                    candidates = table.Column<int>(type: "INTEGER", nullable: false),
                    opened = table.Column<int>(type: "INTEGER", nullable: false),
                    started_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pkh_evaluation_runs", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_pkh_evaluation_runs_period",
                table: "pkh_evaluation_runs",
                column: "period");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pkh_evaluation_runs");

            migrationBuilder.DropColumn(
                name: "priority",
                table: "proposals");

            migrationBuilder.DropColumn(
                name: "decided_by",
                table: "pkh_graduation_cases");
        }
    }
}
