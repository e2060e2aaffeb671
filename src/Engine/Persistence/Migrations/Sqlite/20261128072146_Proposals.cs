using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sejahtera.Engine.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Proposals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "proposals",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    program = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    workflow_key = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    workflow_version = table.Column<int>(type: "INTEGER", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    kabupaten_code = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    kecamatan_code = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    group_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    business_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    members_json = table.Column<string>(type: "TEXT", nullable: false),
                    bank_account = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    account_holder = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    chair_name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    treasurer_name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    business_plan = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    budget_amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    officers_chosen = table.Column<bool>(type: "INTEGER", nullable: false),
                    has_recommendation = table.Column<bool>(type: "INTEGER", nullable: false),
                    documents_complete = table.Column<bool>(type: "INTEGER", nullable: false),
                    last_decision_id = table.Column<long>(type: "INTEGER", nullable: true),
                    last_outcome = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    row_version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_proposals", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "workflow_definitions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    key = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    json = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workflow_definitions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "proposal_tasks",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    proposal_id = table.Column<long>(type: "INTEGER", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    candidate_roles = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    kabupaten_code = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    due_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    escalate_to = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    completed_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    escalated_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_proposal_tasks", x => x.id);
                    table.ForeignKey(
                        name: "FK_proposal_tasks_proposals_proposal_id",
                        column: x => x.proposal_id,
                        principalTable: "proposals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "proposal_transitions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    proposal_id = table.Column<long>(type: "INTEGER", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    from = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    to = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    trigger = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    workflow_version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_proposal_transitions", x => x.id);
                    table.ForeignKey(
                        name: "FK_proposal_transitions_proposals_proposal_id",
                        column: x => x.proposal_id,
                        principalTable: "proposals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_proposal_tasks_kabupaten_code_completed_at",
                table: "proposal_tasks",
                columns: new[] { "kabupaten_code", "completed_at" });

            migrationBuilder.CreateIndex(
                name: "IX_proposal_tasks_proposal_id",
                table: "proposal_tasks",
                column: "proposal_id");

            migrationBuilder.CreateIndex(
                name: "IX_proposal_transitions_proposal_id",
                table: "proposal_transitions",
                column: "proposal_id");

            migrationBuilder.CreateIndex(
                name: "IX_proposals_kabupaten_code_state",
                table: "proposals",
                columns: new[] { "kabupaten_code", "state" });

            migrationBuilder.CreateIndex(
                name: "IX_workflow_definitions_key_version",
                table: "workflow_definitions",
                columns: new[] { "key", "version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "proposal_tasks");

            migrationBuilder.DropTable(
                name: "proposal_transitions");

            migrationBuilder.DropTable(
                name: "workflow_definitions");

            migrationBuilder.DropTable(
                name: "proposals");
        }
    }
}
