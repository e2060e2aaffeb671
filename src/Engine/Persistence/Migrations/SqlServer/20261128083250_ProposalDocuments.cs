using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sejahtera.Engine.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ProposalDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_payments_idempotency_key",
                table: "payments");

            migrationBuilder.CreateTable(
                name: "proposal_documents",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    proposal_id = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    file_name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    content = table.Column<byte[]>(type: "varbinary(max)", nullable: false),
                    state = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    uploaded_by = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
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

            migrationBuilder.CreateIndex(
                name: "IX_payments_idempotency_key",
                table: "payments",
                column: "idempotency_key",
                unique: true,
                filter: "status <> 'failed'");

            migrationBuilder.CreateIndex(
                name: "IX_proposal_documents_proposal_id",
                table: "proposal_documents",
                column: "proposal_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "proposal_documents");

            migrationBuilder.DropIndex(
                name: "IX_payments_idempotency_key",
                table: "payments");

            migrationBuilder.CreateIndex(
                name: "IX_payments_idempotency_key",
                table: "payments",
                column: "idempotency_key",
                unique: true);
        }
    }
}
