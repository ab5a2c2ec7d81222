using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Discret.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class JobRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "LastEndedAt",
                table: "job_leases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastHolder",
                table: "job_leases",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastOutcome",
                table: "job_leases",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastStartedAt",
                table: "job_leases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.UpdateData(
                table: "job_leases",
                keyColumn: "Name",
                keyValue: "conservation",
                columns: new[] { "LastEndedAt", "LastHolder", "LastOutcome", "LastStartedAt" },
                values: new object[] { null, null, null, null });

            migrationBuilder.UpdateData(
                table: "job_leases",
                keyColumn: "Name",
                keyValue: "statistiques",
                columns: new[] { "LastEndedAt", "LastHolder", "LastOutcome", "LastStartedAt" },
                values: new object[] { null, null, null, null });

            migrationBuilder.InsertData(
                table: "job_leases",
                columns: new[] { "Name", "Holder", "LastEndedAt", "LastHolder", "LastOutcome", "LastStartedAt", "Until" },
                values: new object[,]
                {
                    { "comptes-desactives", null, null, null, null, null, null },
                    { "idempotence", null, null, null, null, null, null },
                    { "journal", null, null, null, null, null, null },
                    { "notes-de-travail", null, null, null, null, null, null },
                    { "sessions", null, null, null, null, null, null }
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DeleteData(
                table: "job_leases",
                keyColumn: "Name",
                keyValue: "comptes-desactives");

            migrationBuilder.DeleteData(
                table: "job_leases",
                keyColumn: "Name",
                keyValue: "idempotence");

            migrationBuilder.DeleteData(
                table: "job_leases",
                keyColumn: "Name",
                keyValue: "journal");

            migrationBuilder.DeleteData(
                table: "job_leases",
                keyColumn: "Name",
                keyValue: "notes-de-travail");

            migrationBuilder.DeleteData(
                table: "job_leases",
                keyColumn: "Name",
                keyValue: "sessions");

            migrationBuilder.DropColumn(
                name: "LastEndedAt",
                table: "job_leases");

            migrationBuilder.DropColumn(
                name: "LastHolder",
                table: "job_leases");

            migrationBuilder.DropColumn(
                name: "LastOutcome",
                table: "job_leases");

            migrationBuilder.DropColumn(
                name: "LastStartedAt",
                table: "job_leases");
        }
    }
}
