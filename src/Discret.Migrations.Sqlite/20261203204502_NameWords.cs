using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Discret.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NameWords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_persons_BirthNameKey_BirthDate",
                table: "persons");

            migrationBuilder.DropIndex(
                name: "IX_persons_CirconscriptionId_BirthNameKey",
                table: "persons");

            migrationBuilder.DropIndex(
                name: "IX_persons_CirconscriptionId_BirthNameSound",
                table: "persons");

            migrationBuilder.DropIndex(
                name: "IX_persons_CirconscriptionId_UsageNameKey",
                table: "persons");

            migrationBuilder.DropIndex(
                name: "IX_persons_CirconscriptionId_UsageNameSound",
                table: "persons");

            migrationBuilder.DropIndex(
                name: "IX_persons_UsageNameKey_BirthDate",
                table: "persons");

            migrationBuilder.AddColumn<string>(
                name: "FirstNamesKey",
                table: "persons",
                type: "TEXT",
                maxLength: 150,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "person_name_words",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Word = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    CirconscriptionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sound = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_person_name_words", x => new { x.PersonId, x.Word });
                    table.ForeignKey(
                        name: "FK_person_name_words_circonscriptions_CirconscriptionId",
                        column: x => x.CirconscriptionId,
                        principalTable: "circonscriptions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_person_name_words_persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_persons_FirstNamesKey_pending",
                table: "persons",
                column: "Id",
                filter: "\"FirstNamesKey\" = ''");

            migrationBuilder.CreateIndex(
                name: "IX_persons_SearchOrder",
                table: "persons",
                columns: new[] { "CirconscriptionId", "BirthNameKey", "FirstNamesKey", "BirthDate", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_follow_ups_Open_Id_PersonId",
                table: "follow_ups",
                columns: new[] { "Id", "PersonId" },
                filter: "\"Status\" = 'Ouvert'");

            migrationBuilder.CreateIndex(
                name: "IX_person_name_words_CirconscriptionId_Sound",
                table: "person_name_words",
                columns: new[] { "CirconscriptionId", "Sound" });

            migrationBuilder.CreateIndex(
                name: "IX_person_name_words_CirconscriptionId_Word",
                table: "person_name_words",
                columns: new[] { "CirconscriptionId", "Word" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "person_name_words");

            migrationBuilder.DropIndex(
                name: "IX_persons_FirstNamesKey_pending",
                table: "persons");

            migrationBuilder.DropIndex(
                name: "IX_persons_SearchOrder",
                table: "persons");

            migrationBuilder.DropIndex(
                name: "IX_follow_ups_Open_Id_PersonId",
                table: "follow_ups");

            migrationBuilder.DropColumn(
                name: "FirstNamesKey",
                table: "persons");

            migrationBuilder.CreateIndex(
                name: "IX_persons_BirthNameKey_BirthDate",
                table: "persons",
                columns: new[] { "BirthNameKey", "BirthDate" });

            migrationBuilder.CreateIndex(
                name: "IX_persons_CirconscriptionId_BirthNameKey",
                table: "persons",
                columns: new[] { "CirconscriptionId", "BirthNameKey" });

            migrationBuilder.CreateIndex(
                name: "IX_persons_CirconscriptionId_BirthNameSound",
                table: "persons",
                columns: new[] { "CirconscriptionId", "BirthNameSound" });

            migrationBuilder.CreateIndex(
                name: "IX_persons_CirconscriptionId_UsageNameKey",
                table: "persons",
                columns: new[] { "CirconscriptionId", "UsageNameKey" });

            migrationBuilder.CreateIndex(
                name: "IX_persons_CirconscriptionId_UsageNameSound",
                table: "persons",
                columns: new[] { "CirconscriptionId", "UsageNameSound" });

            migrationBuilder.CreateIndex(
                name: "IX_persons_UsageNameKey_BirthDate",
                table: "persons",
                columns: new[] { "UsageNameKey", "BirthDate" });
        }
    }
}
