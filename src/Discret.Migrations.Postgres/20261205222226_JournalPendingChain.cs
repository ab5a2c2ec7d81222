using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Discret.Migrations.Postgres
{
    /// <summary>
    /// The journal's writes no longer wait on its single head (issue 20 §2; docs/journal-at-scale.md). An entry is first
    /// committed in <c>journal_pending</c>, with the change it records or on its own for a read — no lock, so concurrent
    /// requests commit together; then <c>discret_journal_drain</c>, one chainer at a time, moves the pending entries into
    /// <c>journal_entries</c> in order, a batch of at most <c>p_max</c> per transaction, chained exactly as before (same
    /// encoding, same gapless sequence): the head is held only inside the database, never across a round trip of the
    /// application. The request that committed the entry drains before it answers; a background loop catches what a
    /// crash between the two left pending.
    /// </summary>
    public partial class JournalPendingChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE journal_pending (
                    "Id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    "At" timestamp with time zone NOT NULL,
                    "AccountId" uuid, "Role" character varying(40), "PersonId" uuid, "Action" character varying(40) NOT NULL,
                    "Detail" character varying(200), "Purpose" character varying(120), "Reference" uuid, "Address" character varying(45));
                -- A queue: every row is deleted a few milliseconds after its insert. Vacuumed often, so that finding the
                -- next entries never wades through the dead ones.
                ALTER TABLE journal_pending SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000,
                    autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 2000, autovacuum_vacuum_cost_delay = 0);

                -- Pending entries are append-only too: deleted only by the chain, which moves them (discret.journal_chain).
                CREATE FUNCTION discret_journal_pending_guard() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' AND current_setting('discret.journal_chain', true) = 'on' THEN
                        RETURN OLD;
                    END IF;
                    RAISE EXCEPTION 'Le journal des accès de Discret ne peut être que complété (% refusé).', TG_OP
                        USING ERRCODE = 'insufficient_privilege';
                END $$;
                CREATE TRIGGER journal_pending_append_only BEFORE UPDATE OR DELETE ON journal_pending
                    FOR EACH ROW EXECUTE FUNCTION discret_journal_pending_guard();
                CREATE TRIGGER journal_pending_no_truncate BEFORE TRUNCATE ON journal_pending
                    FOR EACH STATEMENT EXECUTE FUNCTION discret_journal_pending_guard();

                -- Chains up to p_max pending entries, oldest first, and returns how many; -1 when another chainer is at
                -- work (an advisory lock, tried, never waited for: that chainer looks again once it has let go, see
                -- discret_journal_drain). The encoding is JournalChain.ComputeHash's, byte for byte (as
                -- discret_journal_append's was). Its commit does not wait for the disk: lost in a crash, it leaves its
                -- entries pending, chained again at restart — the entries themselves were committed durably before.
                CREATE FUNCTION discret_journal_chain(p_max integer) RETURNS integer LANGUAGE plpgsql AS $$
                DECLARE
                    v_seq bigint;
                    v_hash bytea;
                    v_previous bytea;
                    v_ids bigint[] := '{}';
                    r record;
                BEGIN
                    IF NOT pg_try_advisory_xact_lock(7262020) THEN
                        RETURN -1;
                    END IF;
                    IF NOT EXISTS (SELECT 1 FROM journal_pending ORDER BY "Id" LIMIT 1) THEN
                        RETURN 0;
                    END IF;
                    SELECT "Seq", "Hash" INTO v_seq, v_hash FROM journal_head WHERE "Id" = 1 FOR UPDATE;
                    FOR r IN SELECT * FROM journal_pending ORDER BY "Id" LIMIT p_max LOOP
                        v_seq := v_seq + 1;
                        v_previous := v_hash;
                        v_hash := sha256(
                            discret_journal_text('discret-journal/1')
                            || int8send(v_seq)
                            || int8send((extract(epoch FROM r."At") * 1000000)::bigint * 10 + 621355968000000000)
                            || discret_journal_text(replace(r."AccountId"::text, '-', ''))
                            || discret_journal_text(r."Role")
                            || discret_journal_text(replace(r."PersonId"::text, '-', ''))
                            || discret_journal_text(r."Action")
                            || discret_journal_text(r."Detail")
                            || discret_journal_text(r."Purpose")
                            || discret_journal_text(replace(r."Reference"::text, '-', ''))
                            || discret_journal_text(r."Address")
                            || int4send(octet_length(v_previous)) || v_previous);
                        INSERT INTO journal_entries ("Seq", "At", "AccountId", "Role", "PersonId", "Action", "Detail", "Purpose", "Reference", "Address", "PreviousHash", "Hash")
                            VALUES (v_seq, r."At", r."AccountId", r."Role", r."PersonId", r."Action", r."Detail", r."Purpose", r."Reference", r."Address", v_previous, v_hash);
                        v_ids := v_ids || r."Id";
                    END LOOP;
                    PERFORM set_config('discret.journal_chain', 'on', true);
                    PERFORM set_config('synchronous_commit', 'off', true);
                    DELETE FROM journal_pending WHERE "Id" = ANY (v_ids);
                    PERFORM set_config('discret.journal_chain', 'off', true);
                    UPDATE journal_head SET "Seq" = v_seq, "Hash" = v_hash WHERE "Id" = 1;
                    RETURN cardinality(v_ids);
                END $$;

                -- Chains everything pending, a batch (one transaction) at a time, unless another chainer is at work. A
                -- chainer looks again after each commit, once its lock is released: an entry committed while it held the
                -- lock (whose writer found the lock taken and left) is seen then, so none stays behind. Outside a
                -- transaction only (it commits).
                CREATE PROCEDURE discret_journal_drain(p_max integer) LANGUAGE plpgsql AS $$
                DECLARE
                    v_chained integer;
                BEGIN
                    LOOP
                        v_chained := discret_journal_chain(p_max);
                        IF v_chained = -1 THEN
                            RETURN;
                        END IF;
                        COMMIT;
                        IF v_chained < p_max AND NOT EXISTS (SELECT 1 FROM journal_pending ORDER BY "Id" LIMIT 1) THEN
                            RETURN;
                        END IF;
                    END LOOP;
                END $$;

                -- A read, a search, a refusal, a sign-in: the entry committed on its own (durably), then the pending
                -- entries chained, in one round trip. Outside a transaction only (it commits).
                CREATE PROCEDURE discret_journal_record(p_at timestamptz, p_account uuid, p_role text, p_person uuid, p_action text,
                    p_detail text, p_purpose text, p_reference uuid, p_address text, p_max integer) LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO journal_pending ("At", "AccountId", "Role", "PersonId", "Action", "Detail", "Purpose", "Reference", "Address")
                        VALUES (p_at, p_account, p_role, p_person, p_action, p_detail, p_purpose, p_reference, p_address);
                    COMMIT;
                    CALL discret_journal_drain(p_max);
                END $$;

                -- Replaced by discret_journal_record (it held the head through its commit: one disk write at a time).
                DROP FUNCTION discret_journal_append(timestamptz, uuid, text, uuid, text, text, text, uuid, text);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP PROCEDURE discret_journal_record(timestamptz, uuid, text, uuid, text, text, text, uuid, text, integer);
                DROP PROCEDURE discret_journal_drain(integer);
                DROP FUNCTION discret_journal_chain(integer);
                DROP TABLE journal_pending;
                DROP FUNCTION discret_journal_pending_guard();
                """);
        }
    }
}
