using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Discret.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InterviewCorrections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "CorrectedAt",
                table: "interviews",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "interviews",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "interview_addenda",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    InterviewId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: false),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    WrittenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_interview_addenda", x => x.Id);
                    table.ForeignKey(
                        name: "FK_interview_addenda_interviews_InterviewId",
                        column: x => x.InterviewId,
                        principalTable: "interviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_interview_addenda_staff_accounts_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "staff_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "interview_revisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    InterviewId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Previous = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CorrectedById = table.Column<Guid>(type: "uuid", nullable: false),
                    CorrectedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_interview_revisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_interview_revisions_interviews_InterviewId",
                        column: x => x.InterviewId,
                        principalTable: "interviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_interview_revisions_staff_accounts_CorrectedById",
                        column: x => x.CorrectedById,
                        principalTable: "staff_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_interview_addenda_AuthorId",
                table: "interview_addenda",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_interview_addenda_InterviewId_WrittenAt",
                table: "interview_addenda",
                columns: new[] { "InterviewId", "WrittenAt" });

            migrationBuilder.CreateIndex(
                name: "IX_interview_addenda_PersonId",
                table: "interview_addenda",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_interview_revisions_CorrectedById",
                table: "interview_revisions",
                column: "CorrectedById");

            migrationBuilder.CreateIndex(
                name: "IX_interview_revisions_InterviewId_CorrectedAt",
                table: "interview_revisions",
                columns: new[] { "InterviewId", "CorrectedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_interview_revisions_PersonId",
                table: "interview_revisions",
                column: "PersonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "interview_addenda");

            migrationBuilder.DropTable(
                name: "interview_revisions");

            migrationBuilder.DropColumn(
                name: "CorrectedAt",
                table: "interviews");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "interviews");
        }
    }
}
