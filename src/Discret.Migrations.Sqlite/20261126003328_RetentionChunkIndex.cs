using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Discret.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RetentionChunkIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_persons_EliminationBatchId",
                table: "persons");

            migrationBuilder.CreateIndex(
                name: "IX_persons_EliminationBatchId_Id",
                table: "persons",
                columns: new[] { "EliminationBatchId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_persons_EliminationBatchId_Id",
                table: "persons");

            migrationBuilder.CreateIndex(
                name: "IX_persons_EliminationBatchId",
                table: "persons",
                column: "EliminationBatchId");
        }
    }
}
