using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sejahtera.Engine.Persistence.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "home_code",
                table: "asp_net_users",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "panti_homes",
                columns: table => new
                {
                    code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    kabupaten_code = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_panti_homes", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "panti_residents",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    home_code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    nik = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    sex = table.Column<string>(type: "TEXT", maxLength: 1, nullable: false),
                    birth_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    admitted_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    origin_address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    guardian_name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    guardian_relation = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    stage = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    stage_since = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    plan_completed = table.Column<bool>(type: "INTEGER", nullable: false),
                    evaluation_done = table.Column<bool>(type: "INTEGER", nullable: false),
                    in_dtks = table.Column<bool>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    row_version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    resident_id = table.Column<long>(type: "INTEGER", nullable: false),
                    stage = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
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
                    proposal_id = table.Column<long>(type: "INTEGER", nullable: false),
                    resident_id = table.Column<long>(type: "INTEGER", nullable: false),
                    home_code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    termination_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    termination_reason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    destination_address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    receiving_family = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    follow_up_visit_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    payee = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false)
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
