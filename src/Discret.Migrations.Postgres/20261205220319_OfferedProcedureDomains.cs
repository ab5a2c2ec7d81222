using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Discret.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OfferedProcedureDomains : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OfferedProcedureDomains",
                table: "departement_settings",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "Papiers,Famille,Social,Travail,Logement,Transports,Argent,Justice,Etranger,Loisirs");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OfferedProcedureDomains",
                table: "departement_settings");
        }
    }
}
