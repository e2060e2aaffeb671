using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sejahtera.Engine.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class IncrementalScreening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "base_run_id",
                table: "screening_runs",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "carried_decisions",
                table: "screening_runs",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<bool>(
                name: "redecide_all",
                table: "screening_runs",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "household_fingerprints",
                columns: table => new
                {
                    household_id = table.Column<long>(type: "bigint", nullable: false),
                    facts_hash = table.Column<long>(type: "bigint", nullable: false),
                    birth_days = table.Column<byte[]>(type: "varbinary(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_household_fingerprints", x => x.household_id);
                    table.ForeignKey(
                        name: "FK_household_fingerprints_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "screening_carries",
                columns: table => new
                {
                    run_id = table.Column<long>(type: "bigint", nullable: false),
                    household_id = table.Column<long>(type: "bigint", nullable: false),
                    from_run_id = table.Column<long>(type: "bigint", nullable: false),
                    from_household_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_screening_carries", x => new { x.run_id, x.household_id });
                    table.ForeignKey(
                        name: "FK_screening_carries_screening_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "screening_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_screening_carries_household_id",
                table: "screening_carries",
                column: "household_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "household_fingerprints");

            migrationBuilder.DropTable(
                name: "screening_carries");

            migrationBuilder.DropColumn(
                name: "base_run_id",
                table: "screening_runs");

            migrationBuilder.DropColumn(
                name: "carried_decisions",
                table: "screening_runs");

            migrationBuilder.DropColumn(
                name: "redecide_all",
                table: "screening_runs");
        }
    }
}
