using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sejahtera.Engine.Persistence.Migrations.SqlServer
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    program = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    kabupaten_code = table.Column<string>(type: "nvarchar(5)", maxLength: 5, nullable: false),
                    quota = table.Column<int>(type: "int", nullable: false),
                    updated_by = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
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
