using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Discret.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Handover : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "AbsentFrom",
                table: "staff_accounts",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "AbsentUntil",
                table: "staff_accounts",
                type: "date",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_persons_CirconscriptionId_CreatedAt",
                table: "persons",
                columns: new[] { "CirconscriptionId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_persons_CirconscriptionId_CreatedAt",
                table: "persons");

            migrationBuilder.DropColumn(
                name: "AbsentFrom",
                table: "staff_accounts");

            migrationBuilder.DropColumn(
                name: "AbsentUntil",
                table: "staff_accounts");
        }
    }
}
