using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Discret.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FileRestriction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "RestrictedSince",
                table: "persons",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RestrictionRequestId",
                table: "persons",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_persons_RestrictedSince",
                table: "persons",
                column: "RestrictedSince",
                filter: "\"RestrictedSince\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_persons_RestrictedSince",
                table: "persons");

            migrationBuilder.DropColumn(
                name: "RestrictedSince",
                table: "persons");

            migrationBuilder.DropColumn(
                name: "RestrictionRequestId",
                table: "persons");
        }
    }
}
