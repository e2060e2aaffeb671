using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sejahtera.Engine.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CarryRanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Each carried household becomes a range of one (the old rows converted, not dropped: they are decisions of finished runs).
            migrationBuilder.AddColumn<long>(name: "first_household_id", table: "screening_carries", nullable: false, defaultValue: 0L);
            migrationBuilder.AddColumn<long>(name: "last_household_id", table: "screening_carries", nullable: false, defaultValue: 0L);
            migrationBuilder.AddColumn<long>(name: "household_offset", table: "screening_carries", nullable: false, defaultValue: 0L);
            migrationBuilder.Sql("UPDATE screening_carries SET first_household_id = household_id, last_household_id = household_id, household_offset = household_id - from_household_id");

            migrationBuilder.DropPrimaryKey(name: "PK_screening_carries", table: "screening_carries");
            migrationBuilder.DropIndex(name: "IX_screening_carries_household_id", table: "screening_carries");
            migrationBuilder.DropColumn(name: "household_id", table: "screening_carries");
            migrationBuilder.DropColumn(name: "from_household_id", table: "screening_carries");
            migrationBuilder.AddPrimaryKey(name: "PK_screening_carries", table: "screening_carries", columns: new[] { "run_id", "first_household_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Each range back to one row per household: the households after its first are added as rows of their own.
            migrationBuilder.AddColumn<long>(name: "household_id", table: "screening_carries", nullable: false, defaultValue: 0L);
            migrationBuilder.AddColumn<long>(name: "from_household_id", table: "screening_carries", nullable: false, defaultValue: 0L);
            migrationBuilder.Sql("UPDATE screening_carries SET household_id = first_household_id, from_household_id = first_household_id - household_offset");
            migrationBuilder.Sql(
                "WITH RECURSIVE h (run_id, id, last_id, from_run_id, household_offset) AS ("
                + "SELECT run_id, first_household_id + 1, last_household_id, from_run_id, household_offset FROM screening_carries WHERE last_household_id > first_household_id "
                + "UNION ALL SELECT run_id, id + 1, last_id, from_run_id, household_offset FROM h WHERE id < last_id) "
                + "INSERT INTO screening_carries (run_id, first_household_id, last_household_id, household_offset, from_run_id, household_id, from_household_id) "
                + "SELECT run_id, id, id, household_offset, from_run_id, id, id - household_offset FROM h");

            migrationBuilder.DropPrimaryKey(name: "PK_screening_carries", table: "screening_carries");
            migrationBuilder.DropColumn(name: "first_household_id", table: "screening_carries");
            migrationBuilder.DropColumn(name: "last_household_id", table: "screening_carries");
            migrationBuilder.DropColumn(name: "household_offset", table: "screening_carries");
            migrationBuilder.AddPrimaryKey(name: "PK_screening_carries", table: "screening_carries", columns: new[] { "run_id", "household_id" });
            migrationBuilder.CreateIndex(name: "IX_screening_carries_household_id", table: "screening_carries", column: "household_id");
        }
    }
}
