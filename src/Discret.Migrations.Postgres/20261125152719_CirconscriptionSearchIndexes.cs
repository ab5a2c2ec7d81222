using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Discret.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CirconscriptionSearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_follow_up_members_StaffAccountId",
                table: "follow_up_members");

            migrationBuilder.CreateIndex(
                name: "IX_persons_CirconscriptionId_BirthNameSound",
                table: "persons",
                columns: new[] { "CirconscriptionId", "BirthNameSound" });

            migrationBuilder.CreateIndex(
                name: "IX_persons_CirconscriptionId_UsageNameKey",
                table: "persons",
                columns: new[] { "CirconscriptionId", "UsageNameKey" });

            migrationBuilder.CreateIndex(
                name: "IX_persons_CirconscriptionId_UsageNameSound",
                table: "persons",
                columns: new[] { "CirconscriptionId", "UsageNameSound" });

            migrationBuilder.CreateIndex(
                name: "IX_follow_up_members_StaffAccountId_FollowUpId",
                table: "follow_up_members",
                columns: new[] { "StaffAccountId", "FollowUpId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_persons_CirconscriptionId_BirthNameSound",
                table: "persons");

            migrationBuilder.DropIndex(
                name: "IX_persons_CirconscriptionId_UsageNameKey",
                table: "persons");

            migrationBuilder.DropIndex(
                name: "IX_persons_CirconscriptionId_UsageNameSound",
                table: "persons");

            migrationBuilder.DropIndex(
                name: "IX_follow_up_members_StaffAccountId_FollowUpId",
                table: "follow_up_members");

            migrationBuilder.CreateIndex(
                name: "IX_follow_up_members_StaffAccountId",
                table: "follow_up_members",
                column: "StaffAccountId");
        }
    }
}
