using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Discret.Migrations.Postgres
{
    /// <summary>
    /// The journal partitioned by month of its entries' time (issue 20 §2; docs/journal-at-scale.md). Retention drops a
    /// month that is wholly past it (no mass delete, no bloat, no vacuum); a search over a period reads only the months
    /// it spans. <c>discret_journal_partition</c> makes a month's partition (the maintenance job makes this month's and
    /// the next ahead of time); an entry whose month has none yet — a clock far off — waits in the default partition
    /// and is moved into its month when that month's partition is made.
    /// <para>
    /// The partitioned table has no primary key: PostgreSQL would want the month in it (a key on (Seq, At) proves
    /// nothing), and <c>pg_restore --clean</c> cannot drop the key a partition inherits — the backup drill failed. The
    /// chain is read through an index on Seq; a sequence number is still given once — only the chain inserts, under
    /// the head row's lock — and a duplicate would break the chain (the verifier reports it).
    /// </para>
    /// </summary>
    public partial class JournalMonthlyPartitions : Migration
    {
        /// <summary>The journal's secondary indexes, as the model defines them (JournalEntryConfiguration), and its append-only triggers.</summary>
        private const string IndexesAndTriggers = """
            CREATE INDEX "IX_journal_entries_At" ON journal_entries ("At");
            CREATE INDEX "IX_journal_entries_AccountId_At" ON journal_entries ("AccountId", "At");
            CREATE INDEX "IX_journal_entries_AccountId_Action_At" ON journal_entries ("AccountId", "Action", "At");
            CREATE INDEX "IX_journal_entries_Action_At" ON journal_entries ("Action", "At");
            CREATE INDEX "IX_journal_entries_PersonId_At" ON journal_entries ("PersonId", "At");
            CREATE TRIGGER journal_entries_append_only BEFORE UPDATE OR DELETE ON journal_entries
                FOR EACH ROW EXECUTE FUNCTION discret_journal_append_only();
            CREATE TRIGGER journal_entries_no_truncate BEFORE TRUNCATE ON journal_entries
                FOR EACH STATEMENT EXECUTE FUNCTION discret_journal_append_only();
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                -- Nothing is chained while the journal moves.
                SELECT 1 FROM journal_head WHERE "Id" = 1 FOR UPDATE;

                CREATE TABLE journal_entries_partitioned (LIKE journal_entries INCLUDING DEFAULTS INCLUDING CONSTRAINTS)
                    PARTITION BY RANGE ("At");
                CREATE TABLE journal_entries_default PARTITION OF journal_entries_partitioned DEFAULT;
                CREATE TRIGGER journal_entries_no_truncate BEFORE TRUNCATE ON journal_entries_default
                    FOR EACH STATEMENT EXECUTE FUNCTION discret_journal_append_only();
                ALTER TABLE journal_entries RENAME TO journal_entries_unpartitioned;
                ALTER TABLE journal_entries_partitioned RENAME TO journal_entries;

                -- Every month is reached through journal_entries alone: the privileges granted on the journal are checked
                -- there (an insert, a search), and a month itself grants nothing to anyone but its owner — else a role
                -- refused DELETE on the journal (README, « Journal ») could delete from one of its months, or be given
                -- it by default privileges on each new month.
                CREATE FUNCTION discret_journal_partition_privileges() RETURNS void LANGUAGE plpgsql
                    SECURITY DEFINER SET search_path = public, pg_temp AS $$
                DECLARE
                    r record;
                BEGIN
                    FOR r IN
                        SELECT DISTINCT c.oid::regclass AS month, a.grantee
                        FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                        CROSS JOIN LATERAL aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) a
                        WHERE i.inhparent = 'public.journal_entries'::regclass AND a.grantee <> c.relowner
                    LOOP
                        IF r.grantee = 0 THEN
                            EXECUTE format('REVOKE ALL ON %s FROM PUBLIC', r.month);
                        ELSE
                            EXECUTE format('REVOKE ALL ON %s FROM %I', r.month, pg_get_userbyid(r.grantee));
                        END IF;
                    END LOOP;
                END $$;

                -- The partition of the month (UTC) of p_at, made when missing, and its name. The entries of that month
                -- kept meanwhile by the default partition move into it. Taken under the head row's lock: the chain, the
                -- only writer, waits the few milliseconds it takes. Run with its owner's rights, so that the application's
                -- role (README, « Journal ») makes the months without owning the journal.
                CREATE FUNCTION discret_journal_partition(p_at timestamptz) RETURNS text LANGUAGE plpgsql
                    SECURITY DEFINER SET search_path = public, pg_temp AS $$
                DECLARE
                    v_month timestamp := date_trunc('month', p_at AT TIME ZONE 'UTC');
                    v_from timestamptz := v_month AT TIME ZONE 'UTC';
                    v_to timestamptz := (v_month + interval '1 month') AT TIME ZONE 'UTC';
                    v_name text := 'journal_entries_' || to_char(v_month, 'YYYY_MM');
                BEGIN
                    IF to_regclass(v_name) IS NOT NULL THEN
                        RETURN v_name;
                    END IF;
                    PERFORM 1 FROM journal_head WHERE "Id" = 1 FOR UPDATE;
                    IF to_regclass(v_name) IS NOT NULL THEN
                        RETURN v_name;
                    END IF;
                    EXECUTE format('CREATE TABLE %I (LIKE journal_entries INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', v_name);
                    PERFORM set_config('discret.journal_purge', 'on', true);
                    EXECUTE format('WITH moved AS (DELETE FROM journal_entries_default WHERE "At" >= $1 AND "At" < $2 RETURNING *) '
                        || 'INSERT INTO %I SELECT * FROM moved', v_name) USING v_from, v_to;
                    PERFORM set_config('discret.journal_purge', 'off', true);
                    EXECUTE format('ALTER TABLE journal_entries ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', v_name, v_from, v_to);
                    EXECUTE format('CREATE TRIGGER journal_entries_no_truncate BEFORE TRUNCATE ON %I '
                        || 'FOR EACH STATEMENT EXECUTE FUNCTION discret_journal_append_only()', v_name);
                    PERFORM discret_journal_partition_privileges();
                    RETURN v_name;
                END $$;

                -- A month for every month the journal spans, and for this one and the next.
                SELECT discret_journal_partition(m)
                FROM generate_series(
                    date_trunc('month', least(now(), (SELECT min("At") FROM journal_entries_unpartitioned)) AT TIME ZONE 'UTC') AT TIME ZONE 'UTC',
                    greatest(now(), (SELECT max("At") FROM journal_entries_unpartitioned)) + interval '1 month',
                    interval '1 month') AS m;

                INSERT INTO journal_entries SELECT * FROM journal_entries_unpartitioned;
                DROP TABLE journal_entries_unpartitioned;
                CREATE INDEX "IX_journal_entries_Seq" ON journal_entries ("Seq");
                SELECT discret_journal_partition_privileges();
                """ + IndexesAndTriggers);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                SELECT 1 FROM journal_head WHERE "Id" = 1 FOR UPDATE;
                ALTER TABLE journal_entries RENAME TO journal_entries_partitioned;
                CREATE TABLE journal_entries (LIKE journal_entries_partitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
                INSERT INTO journal_entries SELECT * FROM journal_entries_partitioned ORDER BY "Seq";
                DROP TABLE journal_entries_partitioned;
                DROP FUNCTION discret_journal_partition(timestamptz);
                DROP FUNCTION discret_journal_partition_privileges();
                ALTER TABLE journal_entries ADD CONSTRAINT "PK_journal_entries" PRIMARY KEY ("Seq");
                """ + IndexesAndTriggers);
        }
    }
}
