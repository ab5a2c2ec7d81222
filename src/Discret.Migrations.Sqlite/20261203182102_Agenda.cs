using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Discret.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Agenda : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "calendar_feeds",
                columns: table => new
                {
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SecretHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_calendar_feeds", x => x.AccountId);
                    table.ForeignKey(
                        name: "FK_calendar_feeds_staff_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "staff_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "rooms",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CirconscriptionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rooms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_rooms_circonscriptions_CirconscriptionId",
                        column: x => x.CirconscriptionId,
                        principalTable: "circonscriptions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "appointments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CirconscriptionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FollowUpId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OtherMemberIds = table.Column<string>(type: "TEXT", nullable: false),
                    StartsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PlaceKind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    RoomId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CancellationReason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    BookedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    BookedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_appointments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_appointments_circonscriptions_CirconscriptionId",
                        column: x => x.CirconscriptionId,
                        principalTable: "circonscriptions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_appointments_follow_ups_FollowUpId",
                        column: x => x.FollowUpId,
                        principalTable: "follow_ups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_appointments_persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_appointments_rooms_RoomId",
                        column: x => x.RoomId,
                        principalTable: "rooms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_appointments_staff_accounts_BookedById",
                        column: x => x.BookedById,
                        principalTable: "staff_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "appointment_workers",
                columns: table => new
                {
                    AppointmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StaffAccountId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_appointment_workers", x => new { x.AppointmentId, x.StaffAccountId });
                    table.ForeignKey(
                        name: "FK_appointment_workers_appointments_AppointmentId",
                        column: x => x.AppointmentId,
                        principalTable: "appointments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_appointment_workers_staff_accounts_StaffAccountId",
                        column: x => x.StaffAccountId,
                        principalTable: "staff_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_appointment_workers_StaffAccountId_AppointmentId",
                table: "appointment_workers",
                columns: new[] { "StaffAccountId", "AppointmentId" });

            migrationBuilder.CreateIndex(
                name: "IX_appointments_BookedById",
                table: "appointments",
                column: "BookedById");

            migrationBuilder.CreateIndex(
                name: "IX_appointments_CirconscriptionId_StartsAt",
                table: "appointments",
                columns: new[] { "CirconscriptionId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_appointments_EndsAt",
                table: "appointments",
                column: "EndsAt");

            migrationBuilder.CreateIndex(
                name: "IX_appointments_FollowUpId_StartsAt",
                table: "appointments",
                columns: new[] { "FollowUpId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_appointments_PersonId_StartsAt",
                table: "appointments",
                columns: new[] { "PersonId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_appointments_RoomId_StartsAt",
                table: "appointments",
                columns: new[] { "RoomId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_calendar_feeds_SecretHash",
                table: "calendar_feeds",
                column: "SecretHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_rooms_CirconscriptionId_Name",
                table: "rooms",
                columns: new[] { "CirconscriptionId", "Name" },
                unique: true);

            // Hand-written: the follow-ups' « prochain rendez-vous » becomes an appointment of the agenda (same id as its
            // follow-up, one hour with the referent at the office: what the old field implied), then the field goes.
            migrationBuilder.Sql("""
                INSERT INTO appointments ("Id", "PersonId", "CirconscriptionId", "FollowUpId", "OtherMemberIds", "StartsAt", "EndsAt", "PlaceKind", "RoomId", "Status", "CancellationReason", "BookedById", "BookedAt", "Version")
                SELECT "Id", "PersonId", "CirconscriptionId", "Id", '[]', "NextAppointmentAt", datetime("NextAppointmentAt", '+1 hour'), 'BureauCirconscription', NULL, 'Prevu', NULL, "ReferentId", datetime('now'), 0
                FROM follow_ups WHERE "NextAppointmentAt" IS NOT NULL
                """);
            migrationBuilder.Sql("""
                INSERT INTO appointment_workers ("AppointmentId", "StaffAccountId")
                SELECT "Id", "ReferentId" FROM follow_ups WHERE "NextAppointmentAt" IS NOT NULL
                """);

            migrationBuilder.DropColumn(
                name: "NextAppointmentAt",
                table: "follow_ups");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "NextAppointmentAt",
                table: "follow_ups",
                type: "TEXT",
                nullable: true);

            migrationBuilder.Sql("""
                UPDATE follow_ups SET "NextAppointmentAt" = (SELECT MIN(a."StartsAt") FROM appointments a WHERE a."FollowUpId" = follow_ups."Id" AND a."Status" = 'Prevu')
                """);

            migrationBuilder.DropTable(
                name: "appointment_workers");

            migrationBuilder.DropTable(
                name: "calendar_feeds");

            migrationBuilder.DropTable(
                name: "appointments");

            migrationBuilder.DropTable(
                name: "rooms");

        }
    }
}
