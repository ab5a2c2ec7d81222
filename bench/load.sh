#!/usr/bin/env bash
# The load scenario (issue 20 §3): a département's morning on the bench data set, in steps of increasing rate until
# saturation; writes bench/results/<date>-load-<label>.md. Stops by itself; exit 1 when any answer was a 500.
#
#   bench/load.sh --connection "<npgsql>" [driver options]
#       on a database made by `Discret.Bench generate … --bench-credentials` (or `credentials` afterwards)
#   bench/load.sh [--persons 300000] [driver options]
#       starts a throwaway PostgreSQL cluster (fsync on, pg_stat_statements) in $LOAD_PGDIR (default /tmp/discret-load-pg)
#       on port $LOAD_PGPORT (default 55600), generates the data set with --bench-credentials, runs, stops the cluster
#       (the folder is kept: run again with --connection after starting it, or delete it)
#
# Driver options (bench/Discret.Bench.Load): --label 3M --rates 50,100,200,300,400,600,800 --step 60 --warmup 20
#   --workers 400 --reception 40 --max-p95 1000 --retention-step 2 --profile-seconds 40 --seed <n>
# dotnet-counters and dotnet-trace are used from $LOAD_TOOLS (default /work/tools/dotnet-tools) or the PATH; install with
#   dotnet tool install --tool-path /work/tools/dotnet-tools dotnet-counters --version 10.0.750501   (and dotnet-trace)
set -euo pipefail
cd "$(dirname "$0")/.."
connection=""
persons=300000
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --connection) connection="$2"; shift 2 ;;
    --persons) persons="$2"; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done

dotnet build -c Release src/Discret.Web --nologo -v q -clp:ErrorsOnly
dotnet build -c Release bench/Discret.Bench.Load --nologo -v q -clp:ErrorsOnly

if [ -z "$connection" ]; then
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || { echo "PostgreSQL is not installed (apt-get install postgresql)"; exit 1; }
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  dir=${LOAD_PGDIR:-/tmp/discret-load-pg}
  port=${LOAD_PGPORT:-55600}
  as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  mkdir -p "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
  common="-c listen_addresses=127.0.0.1 -p $port -k $dir -c shared_buffers=3GB -c work_mem=64MB -c maintenance_work_mem=1GB -c max_wal_size=8GB -c checkpoint_timeout=30min -c max_connections=300 -c shared_preload_libraries=pg_stat_statements"
  connection="Host=127.0.0.1;Port=$port;Username=postgres;Database=discret_load"
  if [ ! -d "$dir/data" ]; then
    as_pg "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 >/dev/null
    # Loading: no WAL for the COPY into fresh tables and the index builds.
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "$common -c wal_level=minimal -c max_wal_senders=0" start
    dotnet build -c Release bench/Discret.Bench --nologo -v q -clp:ErrorsOnly
    dotnet run -c Release --no-build --project bench/Discret.Bench -- generate --connection "$connection" --persons "$persons" --bench-credentials
    as_pg "$bin/pg_ctl" -D "$dir/data" -w stop
  fi
  # Timing: fsync and synchronous commit on (the defaults), WAL as production runs it.
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "$common" start
  trap 'as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop' EXIT
fi
dotnet run -c Release --no-build --project bench/Discret.Bench.Load -- --connection "$connection" ${LOAD_TOOLS:+--tools "$LOAD_TOOLS"} "${args[@]}"
