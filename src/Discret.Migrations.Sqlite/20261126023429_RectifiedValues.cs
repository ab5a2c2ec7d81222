using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Discret.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RectifiedValues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "rectified_values",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RightsRequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Previous = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    RectifiedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    RectifiedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rectified_values", x => x.Id);
                    table.ForeignKey(
                        name: "FK_rectified_values_persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_rectified_values_rights_requests_RightsRequestId",
                        column: x => x.RightsRequestId,
                        principalTable: "rights_requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_rectified_values_PersonId",
                table: "rectified_values",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_rectified_values_RightsRequestId",
                table: "rectified_values",
                column: "RightsRequestId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "rectified_values");
        }
    }
}
