using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Discret.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class JournalAppendFunction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // One round trip for an entry that comes with no other change (a read, a search, a refusal, a sign-in):
            // lock the head, chain, insert, move the head — in one statement, committed on its own. The encoding
            // below is JournalChain.ComputeHash's, byte for byte; JournalVerifier (C#) recomputes every hash, so a
            // difference would show as a broken chain (JournalIntegrityTests run on PostgreSQL).
            migrationBuilder.Sql("""
                CREATE FUNCTION discret_journal_text(value text) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
                    SELECT CASE WHEN value IS NULL THEN int4send(-1)
                                ELSE int4send(octet_length(convert_to(value, 'UTF8'))) || convert_to(value, 'UTF8') END
                $$;
                CREATE FUNCTION discret_journal_append(p_at timestamptz, p_account uuid, p_role text, p_person uuid, p_action text,
                    p_detail text, p_purpose text, p_reference uuid, p_address text) RETURNS bigint LANGUAGE plpgsql AS $$
                DECLARE
                    v_seq bigint;
                    v_previous bytea;
                    v_hash bytea;
                BEGIN
                    SELECT "Seq" + 1, "Hash" INTO v_seq, v_previous FROM journal_head WHERE "Id" = 1 FOR UPDATE;
                    v_hash := sha256(
                        discret_journal_text('discret-journal/1')
                        || int8send(v_seq)
                        || int8send((extract(epoch FROM p_at) * 1000000)::bigint * 10 + 621355968000000000)
                        || discret_journal_text(replace(p_account::text, '-', ''))
                        || discret_journal_text(p_role)
                        || discret_journal_text(replace(p_person::text, '-', ''))
                        || discret_journal_text(p_action)
                        || discret_journal_text(p_detail)
                        || discret_journal_text(p_purpose)
                        || discret_journal_text(replace(p_reference::text, '-', ''))
                        || discret_journal_text(p_address)
                        || int4send(octet_length(v_previous)) || v_previous);
                    INSERT INTO journal_entries ("Seq", "At", "AccountId", "Role", "PersonId", "Action", "Detail", "Purpose", "Reference", "Address", "PreviousHash", "Hash")
                        VALUES (v_seq, p_at, p_account, p_role, p_person, p_action, p_detail, p_purpose, p_reference, p_address, v_previous, v_hash);
                    UPDATE journal_head SET "Seq" = v_seq, "Hash" = v_hash WHERE "Id" = 1;
                    RETURN v_seq;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION discret_journal_append(timestamptz, uuid, text, uuid, text, text, text, uuid, text); DROP FUNCTION discret_journal_text(text);");
        }
    }
}
