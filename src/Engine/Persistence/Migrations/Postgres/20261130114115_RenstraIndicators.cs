using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Sejahtera.Engine.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RenstraIndicators : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "bidang_code",
                table: "asp_net_users",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "indicator_programs",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    outcome = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    source = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_indicator_programs", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "indicator_snapshots",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    indicator_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    month = table.Column<int>(type: "integer", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    month_value = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    year_to_date = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    target = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    ratio = table.Column<int>(type: "integer", nullable: true),
                    on_track = table.Column<bool>(type: "boolean", nullable: true),
                    computed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    computed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_indicator_snapshots", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "indicator_values",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    indicator_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    month = table.Column<int>(type: "integer", nullable: false),
                    value = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    evidence_file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    evidence_content_type = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    evidence = table.Column<byte[]>(type: "bytea", nullable: true),
                    entered_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    entered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    decided_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decision_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_indicator_values", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "indicator_years",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    indicator_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    target = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    budget_idr = table.Column<decimal>(type: "numeric(18,0)", precision: 18, scale: 0, nullable: true),
                    budget_printed = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_indicator_years", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "indicators",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    program_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    kegiatan = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    name = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    unit = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    bidang_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    location = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    measure = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    aggregation = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    source = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    display_order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_indicators", x => x.code);
                });

            migrationBuilder.CreateIndex(
                name: "IX_indicator_snapshots_indicator_code_year_month_revision",
                table: "indicator_snapshots",
                columns: new[] { "indicator_code", "year", "month", "revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_indicator_snapshots_year_month",
                table: "indicator_snapshots",
                columns: new[] { "year", "month" });

            migrationBuilder.CreateIndex(
                name: "IX_indicator_values_indicator_code_year_month",
                table: "indicator_values",
                columns: new[] { "indicator_code", "year", "month" });

            migrationBuilder.CreateIndex(
                name: "IX_indicator_values_status",
                table: "indicator_values",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "IX_indicator_years_indicator_code_year",
                table: "indicator_years",
                columns: new[] { "indicator_code", "year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_indicators_program_code",
                table: "indicators",
                column: "program_code");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "indicator_programs");

            migrationBuilder.DropTable(
                name: "indicator_snapshots");

            migrationBuilder.DropTable(
                name: "indicator_values");

            migrationBuilder.DropTable(
                name: "indicator_years");

            migrationBuilder.DropTable(
                name: "indicators");

            migrationBuilder.DropColumn(
                name: "bidang_code",
                table: "asp_net_users");
        }
    }
}
