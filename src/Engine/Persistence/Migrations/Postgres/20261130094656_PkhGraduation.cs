using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Sejahtera.Engine.Persistence.Migrations.Postgres
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
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "decided_by",
                table: "pkh_graduation_cases",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "pkh_evaluation_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    period = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    as_of = table.Column<DateOnly>(type: "date", nullable: false),
                    evaluated = table.Column<int>(type: "integer", nullable: false),
                    candidates = table.Column<int>(type: "integer", nullable: false),
                    opened = table.Column<int>(type: "integer", nullable: false),
                    started_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
