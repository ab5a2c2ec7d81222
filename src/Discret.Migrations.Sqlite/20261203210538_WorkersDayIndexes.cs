using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Discret.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WorkersDayIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_follow_ups_CirconscriptionId_Status",
                table: "follow_ups");

            migrationBuilder.CreateIndex(
                name: "IX_follow_ups_CirconscriptionId_Status_ReferentId",
                table: "follow_ups",
                columns: new[] { "CirconscriptionId", "Status", "ReferentId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_follow_ups_CirconscriptionId_Status_ReferentId",
                table: "follow_ups");

            migrationBuilder.CreateIndex(
                name: "IX_follow_ups_CirconscriptionId_Status",
                table: "follow_ups",
                columns: new[] { "CirconscriptionId", "Status" });
        }
    }
}
