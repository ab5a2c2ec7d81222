using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Discret.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccountConfirmation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "AccessConfirmedAt",
                table: "staff_accounts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ResetAt",
                table: "staff_accounts",
                type: "TEXT",
                nullable: true);

            // Separation of duties: the accounts in service keep their access, as confirmed when they were created. Activation
            // links issued before (shown to the administrator) are withdrawn; those accounts reach nothing until a reset,
            // confirmed by a head of circonscription or the DPO, hands a new link over.
            migrationBuilder.Sql("UPDATE staff_accounts SET \"AccessConfirmedAt\" = \"CreatedAt\" WHERE \"ActivationTokenHash\" IS NULL");
            migrationBuilder.Sql("UPDATE staff_accounts SET \"ActivationTokenHash\" = NULL, \"ActivationExpiresAt\" = NULL");

            migrationBuilder.AddColumn<Guid>(
                name: "AccountRequestId",
                table: "notifications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "account_requests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CirconscriptionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PreviousRole = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    PreviousCirconscriptionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RequestedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    RequestedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    DecidedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_account_requests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_account_requests_staff_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "staff_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_notifications_AccountRequestId",
                table: "notifications",
                column: "AccountRequestId");

            migrationBuilder.CreateIndex(
                name: "IX_account_requests_AccountId_RequestedAt",
                table: "account_requests",
                columns: new[] { "AccountId", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_account_requests_Outcome",
                table: "account_requests",
                column: "Outcome");

            migrationBuilder.AddForeignKey(
                name: "FK_notifications_account_requests_AccountRequestId",
                table: "notifications",
                column: "AccountRequestId",
                principalTable: "account_requests",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_notifications_account_requests_AccountRequestId",
                table: "notifications");

            migrationBuilder.DropTable(
                name: "account_requests");

            migrationBuilder.DropIndex(
                name: "IX_notifications_AccountRequestId",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "AccessConfirmedAt",
                table: "staff_accounts");

            migrationBuilder.DropColumn(
                name: "ResetAt",
                table: "staff_accounts");

            migrationBuilder.DropColumn(
                name: "AccountRequestId",
                table: "notifications");
        }
    }
}
