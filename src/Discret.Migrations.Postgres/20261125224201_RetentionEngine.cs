using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Discret.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RetentionEngine : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "EliminationBatchId",
                table: "rights_requests",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ArchiveDays",
                table: "retention_settings",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ArchiveJustification",
                table: "retention_settings",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ArchivedOn",
                table: "persons",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "EliminationBatchId",
                table: "persons",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "LastContactOn",
                table: "persons",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<Guid>(
                name: "EliminationBatchId",
                table: "follow_ups",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "elimination_batches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ListJson = table.Column<string>(type: "text", nullable: true),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SubmittedById = table.Column<Guid>(type: "uuid", nullable: true),
                    VisaDate = table.Column<DateOnly>(type: "date", nullable: true),
                    VisaReference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    VisaRecordedById = table.Column<Guid>(type: "uuid", nullable: true),
                    ExportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AggregatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ExecutedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_elimination_batches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "job_leases",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Holder = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Until = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_job_leases", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "legal_holds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reason = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Details = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    Until = table.Column<DateOnly>(type: "date", nullable: false),
                    SetById = table.Column<Guid>(type: "uuid", nullable: false),
                    SetAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LiftedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    LiftedById = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_legal_holds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_legal_holds_persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "retention_runs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Trigger = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Simulation = table.Column<bool>(type: "boolean", nullable: false),
                    StartedById = table.Column<Guid>(type: "uuid", nullable: true),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PlannedJson = table.Column<string>(type: "text", nullable: false),
                    DoneJson = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_retention_runs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "statistic_cells",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    CirconscriptionId = table.Column<Guid>(type: "uuid", nullable: true),
                    Measure = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Value = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_statistic_cells", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "job_leases",
                columns: new[] { "Name", "Holder", "Until" },
                values: new object[] { "conservation", null, null });

            // "Last contact" of the files already there: their creation, or a later interview, follow-up, rights request or information given.
            migrationBuilder.Sql("""
                UPDATE persons p SET "LastContactOn" = GREATEST(p."CreatedAt"::date,
                    (SELECT max(i."OccurredOn") FROM interviews i JOIN follow_ups f ON f."Id" = i."FollowUpId" WHERE f."PersonId" = p."Id" AND i."OccurredOn" <= current_date),
                    (SELECT max(f."OpenedOn") FROM follow_ups f WHERE f."PersonId" = p."Id"),
                    (SELECT max(r."ReceivedOn") FROM rights_requests r WHERE r."PersonId" = p."Id"),
                    (SELECT max(n."InformedOn") FROM information_records n WHERE n."PersonId" = p."Id"));
                """);

            migrationBuilder.CreateIndex(
                name: "IX_rights_requests_ClosedOn",
                table: "rights_requests",
                column: "ClosedOn");

            migrationBuilder.CreateIndex(
                name: "IX_rights_requests_EliminationBatchId",
                table: "rights_requests",
                column: "EliminationBatchId");

            migrationBuilder.CreateIndex(
                name: "IX_persons_ArchivedOn_LastContactOn",
                table: "persons",
                columns: new[] { "ArchivedOn", "LastContactOn" });

            migrationBuilder.CreateIndex(
                name: "IX_persons_EliminationBatchId",
                table: "persons",
                column: "EliminationBatchId");

            migrationBuilder.CreateIndex(
                name: "IX_follow_ups_EliminationBatchId",
                table: "follow_ups",
                column: "EliminationBatchId");

            migrationBuilder.CreateIndex(
                name: "IX_follow_ups_Status_ClosedOn",
                table: "follow_ups",
                columns: new[] { "Status", "ClosedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_elimination_batches_Number",
                table: "elimination_batches",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_elimination_batches_Status",
                table: "elimination_batches",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_legal_holds_PersonId_Until",
                table: "legal_holds",
                columns: new[] { "PersonId", "Until" });

            migrationBuilder.CreateIndex(
                name: "IX_legal_holds_Until",
                table: "legal_holds",
                column: "Until");

            migrationBuilder.CreateIndex(
                name: "IX_retention_runs_StartedAt",
                table: "retention_runs",
                column: "StartedAt");

            migrationBuilder.CreateIndex(
                name: "IX_statistic_cells_Year_Measure_CirconscriptionId_Value",
                table: "statistic_cells",
                columns: new[] { "Year", "Measure", "CirconscriptionId", "Value" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "elimination_batches");

            migrationBuilder.DropTable(
                name: "job_leases");

            migrationBuilder.DropTable(
                name: "legal_holds");

            migrationBuilder.DropTable(
                name: "retention_runs");

            migrationBuilder.DropTable(
                name: "statistic_cells");

            migrationBuilder.DropIndex(
                name: "IX_rights_requests_ClosedOn",
                table: "rights_requests");

            migrationBuilder.DropIndex(
                name: "IX_rights_requests_EliminationBatchId",
                table: "rights_requests");

            migrationBuilder.DropIndex(
                name: "IX_persons_ArchivedOn_LastContactOn",
                table: "persons");

            migrationBuilder.DropIndex(
                name: "IX_persons_EliminationBatchId",
                table: "persons");

            migrationBuilder.DropIndex(
                name: "IX_follow_ups_EliminationBatchId",
                table: "follow_ups");

            migrationBuilder.DropIndex(
                name: "IX_follow_ups_Status_ClosedOn",
                table: "follow_ups");

            migrationBuilder.DropColumn(
                name: "EliminationBatchId",
                table: "rights_requests");

            migrationBuilder.DropColumn(
                name: "ArchiveDays",
                table: "retention_settings");

            migrationBuilder.DropColumn(
                name: "ArchiveJustification",
                table: "retention_settings");

            migrationBuilder.DropColumn(
                name: "ArchivedOn",
                table: "persons");

            migrationBuilder.DropColumn(
                name: "EliminationBatchId",
                table: "persons");

            migrationBuilder.DropColumn(
                name: "LastContactOn",
                table: "persons");

            migrationBuilder.DropColumn(
                name: "EliminationBatchId",
                table: "follow_ups");
        }
    }
}
