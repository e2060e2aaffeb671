using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sejahtera.Engine.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RegistrySummary : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "registry_summaries",
                columns: table => new
                {
                    snapshot_id = table.Column<long>(type: "INTEGER", nullable: false),
                    kabupaten_code = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    households = table.Column<int>(type: "INTEGER", nullable: false),
                    members = table.Column<int>(type: "INTEGER", nullable: false),
                    flagged_members = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_summaries", x => new { x.snapshot_id, x.kabupaten_code });
                    table.ForeignKey(
                        name: "FK_registry_summaries_dtks_snapshots_snapshot_id",
                        column: x => x.snapshot_id,
                        principalTable: "dtks_snapshots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Periods imported before this migration: their summary from the rows, once. Later imports
            // write their own summary in their transaction.
            migrationBuilder.Sql(
                """
                INSERT INTO registry_summaries (snapshot_id, kabupaten_code, households, members, flagged_members)
                SELECT h.snapshot_id, h.kabupaten_code, COUNT(*), COALESCE(SUM(h.member_count), 0), COALESCE(SUM(f.flagged), 0)
                FROM households h
                LEFT JOIN (SELECT household_id, COUNT(*) AS flagged FROM members WHERE flags <> 0 GROUP BY household_id) f
                    ON f.household_id = h.id
                GROUP BY h.snapshot_id, h.kabupaten_code
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "registry_summaries");
        }
    }
}
