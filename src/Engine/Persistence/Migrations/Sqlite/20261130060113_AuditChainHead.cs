using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sejahtera.Engine.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditChainHead : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_head",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    entries = table.Column<long>(type: "INTEGER", nullable: false),
                    last_id = table.Column<long>(type: "INTEGER", nullable: false),
                    last_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_head", x => x.id);
                });

            migrationBuilder.InsertData(
                table: "audit_head",
                columns: new[] { "id", "entries", "last_hash", "last_id" },
                values: new object[] { 1, 0L, "0000000000000000000000000000000000000000000000000000000000000000", 0L });

            // A database that already has audit entries gets a head that matches its chain as it is now.
            migrationBuilder.Sql(
                "UPDATE audit_head SET entries = (SELECT COUNT(*) FROM audit_entries), " +
                "last_id = COALESCE((SELECT MAX(id) FROM audit_entries), 0), " +
                "last_hash = COALESCE((SELECT hash FROM audit_entries ORDER BY id DESC LIMIT 1), last_hash) WHERE id = 1;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_head");
        }
    }
}
