using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Discret.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true);

            // Accounts already deactivated start their delay now: their data is cleared after the configured time.
            migrationBuilder.Sql(@"UPDATE staff_accounts SET ""DeactivatedAt"" = strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE ""IsActive"" = 0");
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
