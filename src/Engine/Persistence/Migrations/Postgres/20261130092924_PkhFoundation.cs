using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Sejahtera.Engine.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PkhFoundation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "desa_code",
                table: "proposals",
                type: "character varying(13)",
                maxLength: 13,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "desa_codes",
                table: "asp_net_users",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "kube_candidates",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    nik = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    desa_code = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false),
                    kabupaten_code = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    source_proposal_id = table.Column<long>(type: "bigint", nullable: false),
                    pre_checked = table.Column<bool>(type: "boolean", nullable: false),
                    findings = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kube_candidates", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "pkh_kpm",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    period = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    kpm_code = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    kk_number = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    caretaker_nik = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    caretaker_name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    desa_code = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false),
                    kabupaten_code = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    year_of_entry = table.Column<int>(type: "integer", nullable: false),
                    pregnant_women = table.Column<int>(type: "integer", nullable: false),
                    young_children = table.Column<int>(type: "integer", nullable: false),
                    sd_children = table.Column<int>(type: "integer", nullable: false),
                    smp_children = table.Column<int>(type: "integer", nullable: false),
                    sma_children = table.Column<int>(type: "integer", nullable: false),
                    elderly = table.Column<int>(type: "integer", nullable: false),
                    severe_disability = table.Column<int>(type: "integer", nullable: false),
                    commitment_warnings = table.Column<int>(type: "integer", nullable: false),
                    p2k2_attendance = table.Column<decimal>(type: "numeric(4,3)", precision: 4, scale: 3, nullable: false),
                    school_attendance = table.Column<decimal>(type: "numeric(4,3)", precision: 4, scale: 3, nullable: false),
                    pendamping = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    household_id = table.Column<long>(type: "bigint", nullable: true),
                    desil = table.Column<int>(type: "integer", nullable: true),
                    content_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    imported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pkh_kpm", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "pkh_kpm_exits",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kpm_code = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    on = table.Column<DateOnly>(type: "date", nullable: false),
                    from_period = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    proposal_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pkh_kpm_exits", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "pkh_graduation_cases",
                columns: table => new
                {
                    proposal_id = table.Column<long>(type: "bigint", nullable: false),
                    kpm_id = table.Column<long>(type: "bigint", nullable: false),
                    kpm_code = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    period = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    years_in_program = table.Column<int>(type: "integer", nullable: false),
                    suggested_kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    work = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    business = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    assets = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    income_change = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    economy_improved = table.Column<bool>(type: "boolean", nullable: false),
                    signed_exit_statement = table.Column<bool>(type: "boolean", nullable: false),
                    village_declared_mampu = table.Column<bool>(type: "boolean", nullable: false),
                    decided_kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    letter_number = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    letter_date = table.Column<DateOnly>(type: "date", nullable: true),
                    objections = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pkh_graduation_cases", x => x.proposal_id);
                    table.ForeignKey(
                        name: "FK_pkh_graduation_cases_pkh_kpm_kpm_id",
                        column: x => x.kpm_id,
                        principalTable: "pkh_kpm",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_pkh_graduation_cases_proposals_proposal_id",
                        column: x => x.proposal_id,
                        principalTable: "proposals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_kube_candidates_source_proposal_id",
                table: "kube_candidates",
                column: "source_proposal_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_pkh_graduation_cases_kpm_id",
                table: "pkh_graduation_cases",
                column: "kpm_id");

            migrationBuilder.CreateIndex(
                name: "IX_pkh_graduation_cases_period_kpm_code",
                table: "pkh_graduation_cases",
                columns: new[] { "period", "kpm_code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_pkh_kpm_kk_number",
                table: "pkh_kpm",
                column: "kk_number");

            migrationBuilder.CreateIndex(
                name: "IX_pkh_kpm_period_desa_code",
                table: "pkh_kpm",
                columns: new[] { "period", "desa_code" });

            migrationBuilder.CreateIndex(
                name: "IX_pkh_kpm_period_kpm_code",
                table: "pkh_kpm",
                columns: new[] { "period", "kpm_code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_pkh_kpm_exits_kpm_code",
                table: "pkh_kpm_exits",
                column: "kpm_code",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "kube_candidates");

            migrationBuilder.DropTable(
                name: "pkh_graduation_cases");

            migrationBuilder.DropTable(
                name: "pkh_kpm_exits");

            migrationBuilder.DropTable(
                name: "pkh_kpm");

            migrationBuilder.DropColumn(
                name: "desa_code",
                table: "proposals");

            migrationBuilder.DropColumn(
                name: "desa_codes",
                table: "asp_net_users");
        }
    }
}
