using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Sejahtera.Engine.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PantiFoundation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "home_code",
                table: "proposals",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "home_code",
                table: "asp_net_users",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "panti_homes",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    kabupaten_code = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_panti_homes", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "panti_residents",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    home_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    nik = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    sex = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: false),
                    birth_date = table.Column<DateOnly>(type: "date", nullable: false),
                    category = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    admitted_on = table.Column<DateOnly>(type: "date", nullable: false),
                    origin_address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    guardian_name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    guardian_relation = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    stage = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    stage_since = table.Column<DateOnly>(type: "date", nullable: false),
                    plan_completed = table.Column<bool>(type: "boolean", nullable: false),
                    evaluation_done = table.Column<bool>(type: "boolean", nullable: false),
                    in_dtks = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    row_version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_panti_residents", x => x.id);
                    table.ForeignKey(
                        name: "FK_panti_residents_panti_homes_home_code",
                        column: x => x.home_code,
                        principalTable: "panti_homes",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "panti_resident_stages",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    resident_id = table.Column<long>(type: "bigint", nullable: false),
                    stage = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    on = table.Column<DateOnly>(type: "date", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_panti_resident_stages", x => x.id);
                    table.ForeignKey(
                        name: "FK_panti_resident_stages_panti_residents_resident_id",
                        column: x => x.resident_id,
                        principalTable: "panti_residents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "panti_terminations",
                columns: table => new
                {
                    proposal_id = table.Column<long>(type: "bigint", nullable: false),
                    resident_id = table.Column<long>(type: "bigint", nullable: false),
                    home_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    termination_on = table.Column<DateOnly>(type: "date", nullable: false),
                    termination_reason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    destination_address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    receiving_family = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    follow_up_visit_on = table.Column<DateOnly>(type: "date", nullable: true),
                    payee = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_panti_terminations", x => x.proposal_id);
                    table.ForeignKey(
                        name: "FK_panti_terminations_panti_residents_resident_id",
                        column: x => x.resident_id,
                        principalTable: "panti_residents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_panti_terminations_proposals_proposal_id",
                        column: x => x.proposal_id,
                        principalTable: "proposals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_panti_resident_stages_resident_id",
                table: "panti_resident_stages",
                column: "resident_id");

            migrationBuilder.CreateIndex(
                name: "IX_panti_residents_home_code_nik",
                table: "panti_residents",
                columns: new[] { "home_code", "nik" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_panti_terminations_resident_id",
                table: "panti_terminations",
                column: "resident_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "panti_resident_stages");

            migrationBuilder.DropTable(
                name: "panti_terminations");

            migrationBuilder.DropTable(
                name: "panti_residents");

            migrationBuilder.DropTable(
                name: "panti_homes");

            migrationBuilder.DropColumn(
                name: "home_code",
                table: "proposals");

            migrationBuilder.DropColumn(
                name: "home_code",
                table: "asp_net_users");
        }
    }
}
