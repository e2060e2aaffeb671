using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sejahtera.Engine.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ListSearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_members_snapshot_id_name",
                table: "members",
                columns: new[] { "snapshot_id", "name" });

            migrationBuilder.CreateIndex(
                name: "IX_households_snapshot_id_region_code",
                table: "households",
                columns: new[] { "snapshot_id", "region_code" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_members_snapshot_id_name",
                table: "members");

            migrationBuilder.DropIndex(
                name: "IX_households_snapshot_id_region_code",
                table: "households");
        }
    }
}
