using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Discret.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DeactivatedAccounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "DeactivatedAt",
                table: "staff_accounts",
                type: "timestamp with time zone",
                nullable: true);

            // Accounts already deactivated start their delay now: their data is cleared after the configured time.
            migrationBuilder.Sql(@"UPDATE staff_accounts SET ""DeactivatedAt"" = now() WHERE NOT ""IsActive""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DeactivatedAt",
                table: "staff_accounts");
        }
    }
}
