#!/usr/bin/env bash
# The journal's appends under concurrency (issue 20 §2), measured from outside with pgbench as the app sends them:
#   read   — CALL discret_journal_record(…): the entry committed, then chained, in one round trip;
#   write  — BEGIN; the change; the entry into journal_pending; COMMIT; CALL discret_journal_drain(100);
# against their plain-SQL baselines measured in the same run (the same rows inserted with no chain and no lock), at
# 1, 4, 16 and 64 clients, fsync on. Then the head's hold time: a batch of 100 entries chained, timed alone.
# Fails (exit 1) when a journaled path stays under 2,000 operations/s at 64 clients, when entries are left pending, or
# when the chain has a gap. Needs a PostgreSQL server (fsync on) and pgbench; writes bench/results/<date>-journal-append.md.
#
#   bench/journal-append.sh --host 127.0.0.1 --port 5432 --user postgres [--seconds 15] [--persons 2000]
set -euo pipefail
cd "$(dirname "$0")/.."
host=127.0.0.1 port=5432 user=postgres seconds=15 persons=2000 goal=2000
while [ $# -gt 0 ]; do case "$1" in
  --host) host=$2; shift 2;; --port) port=$2; shift 2;; --user) user=$2; shift 2;;
  --seconds) seconds=$2; shift 2;; --persons) persons=$2; shift 2;; *) echo "unknown option $1"; exit 2;; esac; done
db=discret_bench_append
cs="Host=$host;Port=$port;Username=$user;Database=$db"
psql() { command psql -h "$host" -p "$port" -U "$user" -d "$db" -qAtX "$@"; }
echo "== data set ($persons persons, the app's migrations)"
dotnet run -c Release --project bench/Discret.Bench -- generate --connection "$cs" --persons "$persons" | tail -1
psql -c "CREATE TABLE bench_changes (id bigserial PRIMARY KEY, at timestamptz, person uuid, note text);
         CREATE TABLE bench_plain (id bigserial PRIMARY KEY, \"At\" timestamptz, \"AccountId\" uuid, \"Role\" text, \"PersonId\" uuid,
             \"Action\" text, \"Detail\" text, \"Purpose\" text, \"Reference\" uuid, \"Address\" text);"
fsync=$(psql -c "SHOW fsync"); sync_commit=$(psql -c "SHOW synchronous_commit")
lat() { pgbench -h "$host" -p "$port" -U "$user" -n -f "bench/journal-append/$1.sql" -c "$2" -j 2 -T "$seconds" "$db" 2>&1 \
    | awk '/^tps/ {tps=$3} /latency average/ {lat=$4} END {printf "%.0f %.1f", tps, lat}'; }
date=$(date -u +%Y-%m-%d)
out="bench/results/$date-journal-append.md"
rows=""
fail=0
declare -A at64
for pair in "read baseline" "write baseline-write"; do
  set -- $pair
  for c in 1 4 16 64; do
    read -r tps latency <<<"$(lat "$1" "$c")"
    read -r base baselat <<<"$(lat "$2" "$c")"
    pending=$(psql -c "SELECT count(*) FROM journal_pending")
    ratio=$(awk -v a="$tps" -v b="$base" 'BEGIN {printf "%.2f", b / a}')
    echo "$1 c=$c: $tps/s (mean $latency ms), plain $base/s (mean $baselat ms), plain/journaled ${ratio}×, pending after: $pending"
    rows+="| $1 | $c | $tps | $latency | $base | $baselat | ${ratio}× | $pending |"$'\n'
    [ "$c" = 64 ] && at64[$1]=$tps
    # Left pending at the end of a run: only what the last drains had not reached yet; a second later, nothing.
    sleep 1
    [ "$(psql -c "SELECT count(*) FROM journal_pending")" = 0 ] || { echo "FAIL: entries left pending"; fail=1; }
  done
done
gaps=$(psql -c "SELECT (SELECT \"Seq\" FROM journal_head) - count(*) FROM journal_entries")
[ "$gaps" = 0 ] || { echo "FAIL: the chain has $gaps missing sequence numbers"; fail=1; }
holdms=$(pgbench -h "$host" -p "$port" -U "$user" -n -r -f bench/journal-append/hold.sql -c 1 -T "$seconds" "$db" 2>&1 \
  | awk '/discret_journal_chain/ {printf "%.2f", $1}')
echo "hold: one batch of 50 entries chained in $holdms ms (mean)"
awk -v h="$holdms" 'BEGIN {exit !(h <= 5)}' || { echo "FAIL: a batch holds the head $holdms ms (> 5 ms)"; fail=1; }
for k in read write; do
  [ "${at64[$k]}" -ge "$goal" ] || { echo "FAIL: $k at 64 clients ${at64[$k]}/s < $goal/s"; fail=1; }
done
mkdir -p bench/results
cat > "$out" <<MD
# Journal appends under concurrency — $date

pgbench, $seconds s per run, on $(nproc) cores; PostgreSQL fsync=$fsync, synchronous_commit=$sync_commit; $persons persons.
Journaled paths as the app sends them since issue 20 §2 (entries committed in \`journal_pending\`, chained by
\`discret_journal_drain\`); the plain baselines insert the same rows with no chain and no lock, in the same run.

| path | clients | journaled ops/s | mean ms | plain ops/s | plain mean ms | plain / journaled | pending after |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
$rows
Chain gaps after all runs: $gaps. The head is held only inside \`discret_journal_chain\`: one batch of 50 entries
chained in $holdms ms on average (pgbench -r, alone; goal ≤ 5 ms).

Goal (issue 20): ≥ $goal journaled operations/s at 64 clients for reads and writes — $( [ $fail = 0 ] && echo met || echo "NOT met" ).
MD
echo "written: $out"
[ $fail = 0 ] && echo "journal-append: all checks pass" || { echo "journal-append: FAILED"; exit 1; }
