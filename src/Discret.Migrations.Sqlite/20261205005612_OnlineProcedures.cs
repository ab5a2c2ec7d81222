using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Discret.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OnlineProcedures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "digital_helps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FollowUpId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OccurredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Theme = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Domain = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Organisation = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_digital_helps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_digital_helps_follow_ups_FollowUpId",
                        column: x => x.FollowUpId,
                        principalTable: "follow_ups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_digital_helps_persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "mandates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FollowUpId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Salt = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TemplateVersion = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Document = table.Column<string>(type: "TEXT", nullable: false),
                    Fingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Protection = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    RepresentativeName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    Mandataires = table.Column<string>(type: "TEXT", nullable: false),
                    DataKinds = table.Column<string>(type: "TEXT", nullable: false),
                    RenewsId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SignedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    SignedBy = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    SignatureRecordedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    SignatureRecordedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevokedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RevokedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    RevocationReason = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mandates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mandate_authorisations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MandateId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Domain = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Organisations = table.Column<string>(type: "TEXT", nullable: false),
                    RevokedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RevokedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    RevocationReason = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mandate_authorisations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_mandate_authorisations_mandates_MandateId",
                        column: x => x.MandateId,
                        principalTable: "mandates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "mandate_actions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MandateId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuthorisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Domain = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Organisation = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Procedure = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DoneOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    WorkerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mandate_actions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_mandate_actions_mandate_authorisations_AuthorisationId",
                        column: x => x.AuthorisationId,
                        principalTable: "mandate_authorisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_mandate_actions_mandates_MandateId",
                        column: x => x.MandateId,
                        principalTable: "mandates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_digital_helps_FollowUpId",
                table: "digital_helps",
                column: "FollowUpId");

            migrationBuilder.CreateIndex(
                name: "IX_digital_helps_PersonId",
                table: "digital_helps",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_mandate_actions_AuthorisationId",
                table: "mandate_actions",
                column: "AuthorisationId");

            migrationBuilder.CreateIndex(
                name: "IX_mandate_actions_MandateId",
                table: "mandate_actions",
                column: "MandateId");

            migrationBuilder.CreateIndex(
                name: "IX_mandate_actions_PersonId",
                table: "mandate_actions",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_mandate_authorisations_MandateId_Domain",
                table: "mandate_authorisations",
                columns: new[] { "MandateId", "Domain" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mandates_Code",
                table: "mandates",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mandates_EndsOn",
                table: "mandates",
                column: "EndsOn");

            migrationBuilder.CreateIndex(
                name: "IX_mandates_PersonId",
                table: "mandates",
                column: "PersonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "digital_helps");

            migrationBuilder.DropTable(
                name: "mandate_actions");

            migrationBuilder.DropTable(
                name: "mandate_authorisations");

            migrationBuilder.DropTable(
                name: "mandates");
        }
    }
}
