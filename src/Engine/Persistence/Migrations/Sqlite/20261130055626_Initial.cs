using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sejahtera.Engine.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "asp_net_roles",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    concurrency_stamp = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_asp_net_roles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "asp_net_users",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    display_name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    region_scope = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    email_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    password_hash = table.Column<string>(type: "TEXT", nullable: true),
                    security_stamp = table.Column<string>(type: "TEXT", nullable: true),
                    concurrency_stamp = table.Column<string>(type: "TEXT", nullable: true),
                    phone_number = table.Column<string>(type: "TEXT", nullable: true),
                    phone_number_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    two_factor_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    lockout_end = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    lockout_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    access_failed_count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_asp_net_users", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    details = table.Column<string>(type: "TEXT", nullable: false),
                    previous_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "decisions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    program = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    subject_type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    subject_id = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    household_id = table.Column<long>(type: "INTEGER", nullable: true),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    rule_set_version = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    rule_set_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    as_of = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    subject_json = table.Column<string>(type: "TEXT", nullable: false),
                    findings_json = table.Column<string>(type: "TEXT", nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    decided_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_decisions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "dtks_snapshots",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false),
                    period = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    source_file_name = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    source_sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    imported_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    rows_read = table.Column<long>(type: "INTEGER", nullable: false),
                    households = table.Column<long>(type: "INTEGER", nullable: false),
                    members = table.Column<long>(type: "INTEGER", nullable: false),
                    rejected = table.Column<long>(type: "INTEGER", nullable: false),
                    flagged_duplicates = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dtks_snapshots", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "members",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false),
                    household_id = table.Column<long>(type: "INTEGER", nullable: false),
                    snapshot_id = table.Column<long>(type: "INTEGER", nullable: false),
                    nik = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    sex = table.Column<string>(type: "TEXT", maxLength: 1, nullable: false),
                    birth_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    relation = table.Column<int>(type: "INTEGER", nullable: false),
                    marital_status = table.Column<int>(type: "INTEGER", nullable: false),
                    disability = table.Column<int>(type: "INTEGER", nullable: false),
                    school = table.Column<int>(type: "INTEGER", nullable: false),
                    pregnant = table.Column<bool>(type: "INTEGER", nullable: false),
                    occupation = table.Column<int>(type: "INTEGER", nullable: false),
                    pkh = table.Column<bool>(type: "INTEGER", nullable: false),
                    bpnt = table.Column<bool>(type: "INTEGER", nullable: false),
                    pbi = table.Column<bool>(type: "INTEGER", nullable: false),
                    flags = table.Column<int>(type: "INTEGER", nullable: false),
                    line_number = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_members", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payment_batches",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    payment_count = table.Column<int>(type: "INTEGER", nullable: false),
                    total_amount = table.Column<decimal>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payment_batches", x => x.id);
                });

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
                    stage = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
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
                name: "regions",
                columns: table => new
                {
                    code = table.Column<string>(type: "TEXT", maxLength: 13, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    level = table.Column<int>(type: "INTEGER", nullable: false),
                    parent_code = table.Column<string>(type: "TEXT", maxLength: 13, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_regions", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "rule_set_versions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    program = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    version = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    effective_from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    yaml = table.Column<string>(type: "TEXT", nullable: false),
                    hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    author = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    published_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    published_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    retired_by = table.Column<string>(type: "TEXT", nullable: true),
                    retired_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rule_set_versions", x => x.id);
                });

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
                name: "asp_net_role_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    role_id = table.Column<string>(type: "TEXT", nullable: false),
                    claim_type = table.Column<string>(type: "TEXT", nullable: true),
                    claim_value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_asp_net_role_claims", x => x.id);
                    table.ForeignKey(
                        name: "FK_asp_net_role_claims_asp_net_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "asp_net_roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "asp_net_user_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<string>(type: "TEXT", nullable: false),
                    claim_type = table.Column<string>(type: "TEXT", nullable: true),
                    claim_value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_asp_net_user_claims", x => x.id);
                    table.ForeignKey(
                        name: "FK_asp_net_user_claims_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "asp_net_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "asp_net_user_logins",
                columns: table => new
                {
                    login_provider = table.Column<string>(type: "TEXT", nullable: false),
                    provider_key = table.Column<string>(type: "TEXT", nullable: false),
                    provider_display_name = table.Column<string>(type: "TEXT", nullable: true),
                    user_id = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_asp_net_user_logins", x => new { x.login_provider, x.provider_key });
                    table.ForeignKey(
                        name: "FK_asp_net_user_logins_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "asp_net_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "asp_net_user_roles",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "TEXT", nullable: false),
                    role_id = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_asp_net_user_roles", x => new { x.user_id, x.role_id });
                    table.ForeignKey(
                        name: "FK_asp_net_user_roles_asp_net_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "asp_net_roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_asp_net_user_roles_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "asp_net_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "asp_net_user_tokens",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "TEXT", nullable: false),
                    login_provider = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_asp_net_user_tokens", x => new { x.user_id, x.login_provider, x.name });
                    table.ForeignKey(
                        name: "FK_asp_net_user_tokens_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "asp_net_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "households",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false),
                    snapshot_id = table.Column<long>(type: "INTEGER", nullable: false),
                    id_dtks = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    region_code = table.Column<string>(type: "TEXT", maxLength: 13, nullable: false),
                    kabupaten_code = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    no_kk = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    desil = table.Column<int>(type: "INTEGER", nullable: false),
                    member_count = table.Column<int>(type: "INTEGER", nullable: false),
                    first_line = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_households", x => x.id);
                    table.ForeignKey(
                        name: "FK_households_dtks_snapshots_snapshot_id",
                        column: x => x.snapshot_id,
                        principalTable: "dtks_snapshots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "import_rejects",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false),
                    snapshot_id = table.Column<long>(type: "INTEGER", nullable: false),
                    line_number = table.Column<long>(type: "INTEGER", nullable: false),
                    id_dtks = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    raw_line = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_import_rejects", x => x.id);
                    table.ForeignKey(
                        name: "FK_import_rejects_dtks_snapshots_snapshot_id",
                        column: x => x.snapshot_id,
                        principalTable: "dtks_snapshots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "payments",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    batch_id = table.Column<long>(type: "INTEGER", nullable: false),
                    proposal_id = table.Column<long>(type: "INTEGER", nullable: false),
                    tranche = table.Column<int>(type: "INTEGER", nullable: false),
                    idempotency_key = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    account_number = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    account_holder = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    bank_reason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    reconciled_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments", x => x.id);
                    table.ForeignKey(
                        name: "FK_payments_payment_batches_batch_id",
                        column: x => x.batch_id,
                        principalTable: "payment_batches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_payments_proposals_proposal_id",
                        column: x => x.proposal_id,
                        principalTable: "proposals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "proposal_documents",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    proposal_id = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    size = table.Column<long>(type: "INTEGER", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    uploaded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_proposal_documents", x => x.id);
                    table.ForeignKey(
                        name: "FK_proposal_documents_proposals_proposal_id",
                        column: x => x.proposal_id,
                        principalTable: "proposals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
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
                name: "IX_asp_net_role_claims_role_id",
                table: "asp_net_role_claims",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "asp_net_roles",
                column: "normalized_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_asp_net_user_claims_user_id",
                table: "asp_net_user_claims",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "IX_asp_net_user_logins_user_id",
                table: "asp_net_user_logins",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "IX_asp_net_user_roles_role_id",
                table: "asp_net_user_roles",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "asp_net_users",
                column: "normalized_email");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "asp_net_users",
                column: "normalized_user_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_previous_hash",
                table: "audit_entries",
                column: "previous_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_decisions_household_id",
                table: "decisions",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "IX_decisions_program_subject_id",
                table: "decisions",
                columns: new[] { "program", "subject_id" });

            migrationBuilder.CreateIndex(
                name: "IX_dtks_snapshots_period",
                table: "dtks_snapshots",
                column: "period",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_dtks_snapshots_source_sha256",
                table: "dtks_snapshots",
                column: "source_sha256",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_households_no_kk",
                table: "households",
                column: "no_kk");

            migrationBuilder.CreateIndex(
                name: "IX_households_snapshot_id_id_dtks",
                table: "households",
                columns: new[] { "snapshot_id", "id_dtks" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_households_snapshot_id_kabupaten_code",
                table: "households",
                columns: new[] { "snapshot_id", "kabupaten_code" });

            migrationBuilder.CreateIndex(
                name: "IX_import_rejects_snapshot_id_id_dtks",
                table: "import_rejects",
                columns: new[] { "snapshot_id", "id_dtks" });

            migrationBuilder.CreateIndex(
                name: "IX_members_household_id",
                table: "members",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "IX_members_snapshot_id_nik",
                table: "members",
                columns: new[] { "snapshot_id", "nik" });

            migrationBuilder.CreateIndex(
                name: "IX_payments_batch_id",
                table: "payments",
                column: "batch_id");

            migrationBuilder.CreateIndex(
                name: "IX_payments_idempotency_key",
                table: "payments",
                column: "idempotency_key",
                unique: true,
                filter: "status <> 'failed'");

            migrationBuilder.CreateIndex(
                name: "IX_payments_proposal_id",
                table: "payments",
                column: "proposal_id");

            migrationBuilder.CreateIndex(
                name: "IX_proposal_documents_proposal_id",
                table: "proposal_documents",
                column: "proposal_id");

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
                name: "IX_proposals_stage",
                table: "proposals",
                column: "stage");

            migrationBuilder.CreateIndex(
                name: "IX_regions_parent_code",
                table: "regions",
                column: "parent_code");

            migrationBuilder.CreateIndex(
                name: "IX_rule_set_versions_hash",
                table: "rule_set_versions",
                column: "hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_rule_set_versions_program_version",
                table: "rule_set_versions",
                columns: new[] { "program", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_screening_results_run_id_household_id_program",
                table: "screening_results",
                columns: new[] { "run_id", "household_id", "program" },
                unique: true);

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
                name: "asp_net_role_claims");

            migrationBuilder.DropTable(
                name: "asp_net_user_claims");

            migrationBuilder.DropTable(
                name: "asp_net_user_logins");

            migrationBuilder.DropTable(
                name: "asp_net_user_roles");

            migrationBuilder.DropTable(
                name: "asp_net_user_tokens");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "decisions");

            migrationBuilder.DropTable(
                name: "households");

            migrationBuilder.DropTable(
                name: "import_rejects");

            migrationBuilder.DropTable(
                name: "members");

            migrationBuilder.DropTable(
                name: "payments");

            migrationBuilder.DropTable(
                name: "proposal_documents");

            migrationBuilder.DropTable(
                name: "proposal_tasks");

            migrationBuilder.DropTable(
                name: "proposal_transitions");

            migrationBuilder.DropTable(
                name: "regions");

            migrationBuilder.DropTable(
                name: "rule_set_versions");

            migrationBuilder.DropTable(
                name: "screening_results");

            migrationBuilder.DropTable(
                name: "workflow_definitions");

            migrationBuilder.DropTable(
                name: "asp_net_roles");

            migrationBuilder.DropTable(
                name: "asp_net_users");

            migrationBuilder.DropTable(
                name: "dtks_snapshots");

            migrationBuilder.DropTable(
                name: "payment_batches");

            migrationBuilder.DropTable(
                name: "proposals");

            migrationBuilder.DropTable(
                name: "screening_runs");
        }
    }
}
