using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sejahtera.Engine.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ScreeningQuotas : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "screening_quotas",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    program = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    kabupaten_code = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    quota = table.Column<int>(type: "INTEGER", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_screening_quotas", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_screening_quotas_program_kabupaten_code",
                table: "screening_quotas",
                columns: new[] { "program", "kabupaten_code" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "screening_quotas");
        }
    }
}
