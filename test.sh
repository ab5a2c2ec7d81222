#!/usr/bin/env bash
# Discret — runs every test suite and ends with the line "N passed, N failed".
#   1. installs what a fresh Debian machine lacks (Chromium, PostgreSQL, fonts, npm) from apt;
#   2. fetches axe-core for the browser suite and Spectral for the OpenAPI lint (ApiLintTests) from the npm registry (package-lock.json);
#   3. starts a throwaway PostgreSQL on 127.0.0.1 (temp folder, free port, removed at exit even on failure);
#   4. runs the unit + integration suite on SQLite and on PostgreSQL at the same time (DISCRET_TEST_SERIAL=1: one after
#      the other), then the browser suite (system Chromium). docs/testing.md says how the suite stays fast.
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { printf '\n== %s\n' "$*"; }

# --- 1. system packages -------------------------------------------------------------------------
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  say "Installing ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then echo "Run as root, or install: ${missing[*]}"; echo "0 passed, 1 failed"; exit 1; fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-upgrade --no-install-recommends "${missing[@]}" >/dev/null \
    || { echo "apt-get install failed"; echo "0 passed, 1 failed"; exit 1; }
fi

# --- 2. axe-core and Spectral --------------------------------------------------------------------------------
if [ -f tests/Discret.BrowserTests/package-lock.json ]; then
  say "npm ci (axe-core)"
  (cd tests/Discret.BrowserTests && npm ci --no-audit --no-fund --loglevel=error) || { echo "npm ci failed"; echo "0 passed, 1 failed"; exit 1; }
fi

if [ -f tests/api-lint/package-lock.json ]; then
  say "npm ci (Spectral, the OpenAPI lint)"
  (cd tests/api-lint && npm ci --no-audit --no-fund --loglevel=error) || { echo "npm ci failed"; echo "0 passed, 1 failed"; exit 1; }
fi

# --- 3. throwaway PostgreSQL --------------------------------------------------------------------
pgbin=$(compgen -G "/usr/lib/postgresql/*/bin" | sort -V | tail -n 1)
pgdir=$(mktemp -d /tmp/discret-pg.XXXXXX)
as_pg=()
if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$pgdir"; as_pg=(runuser -u postgres --); fi
port=""
for candidate in $(shuf -i 54000-58999 -n 50); do
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
done
cleanup() {
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$pgdir"
}
trap cleanup EXIT
say "PostgreSQL on 127.0.0.1:$port"
"${as_pg[@]}" "$pgbin/initdb" -D "$pgdir/data" -A trust -U postgres -E UTF8 --no-sync >"$pgdir/initdb.log" 2>&1 \
  && "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w -t 60 \
       -o "-c listen_addresses=127.0.0.1 -p $port -k $pgdir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null \
  || { cat "$pgdir"/*.log; echo "PostgreSQL did not start"; echo "0 passed, 1 failed"; exit 1; }
export DISCRET_TEST_PG="Host=127.0.0.1;Port=$port;Username=postgres;Include Error Detail=false"

# --- 4. build once, run every suite -------------------------------------------------------------
say "Build"
dotnet tool restore >/dev/null
if ! dotnet build Discret.slnx --nologo -v quiet -clp:ErrorsOnly; then echo "Build failed"; echo "0 passed, 1 failed"; exit 1; fi

passed=0; failed=0; skipped=0
# count_suite LABEL LOG CODE: adds the suite's "Passed!/Failed!" line to the totals.
count_suite() {
  local label=$1 log=$2 code=$3
  local line; line=$(grep -E '^(Passed|Failed)!' "$log" | tail -n 1)
  local f p s
  f=$(sed -nE 's/.*Failed: *([0-9]+).*/\1/p' <<<"$line"); p=$(sed -nE 's/.*Passed: *([0-9]+).*/\1/p' <<<"$line"); s=$(sed -nE 's/.*Skipped: *([0-9]+).*/\1/p' <<<"$line")
  f=${f:-0}; p=${p:-0}; s=${s:-0}
  if [ "$code" -ne 0 ] && [ "$f" -eq 0 ]; then echo "!! $label ended with exit code $code and no failed test: counted as a failure"; f=1; fi
  if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then echo "!! $label ran no test: counted as a failure"; f=1; fi
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
}
run_suite() {
  local label=$1; shift
  say "$label"
  local log; log=$(mktemp)
  "$@" --no-build --nologo 2>&1 | tee "$log"
  count_suite "$label" "$log" "${PIPESTATUS[0]}"
  rm -f "$log"
}

# The SQLite and PostgreSQL runs overlap (each waits on its database much of the time); their output is printed one
# after the other. DISCRET_TEST_SERIAL=1 runs them one after the other instead.
sqlite_label="Unit + integration tests on SQLite"
postgres_label="Unit + integration tests on PostgreSQL"
if [ "${DISCRET_TEST_SERIAL:-0}" = "1" ]; then
  DISCRET_TEST_DB=sqlite run_suite "$sqlite_label" dotnet test tests/Discret.Tests
  DISCRET_TEST_DB=postgres run_suite "$postgres_label" dotnet test tests/Discret.Tests
else
  say "$sqlite_label, and on PostgreSQL at the same time"
  sqlite_log=$(mktemp); postgres_log=$(mktemp)
  DISCRET_TEST_DB=sqlite dotnet test tests/Discret.Tests --no-build --nologo >"$sqlite_log" 2>&1 & sqlite_pid=$!
  DISCRET_TEST_DB=postgres dotnet test tests/Discret.Tests --no-build --nologo >"$postgres_log" 2>&1 & postgres_pid=$!
  wait "$sqlite_pid"; sqlite_code=$?
  wait "$postgres_pid"; postgres_code=$?
  say "$sqlite_label"; cat "$sqlite_log"; count_suite "$sqlite_label" "$sqlite_log" "$sqlite_code"
  say "$postgres_label"; cat "$postgres_log"; count_suite "$postgres_label" "$postgres_log" "$postgres_code"
  rm -f "$sqlite_log" "$postgres_log"
fi
if [ -d tests/Discret.BrowserTests ]; then
  run_suite "Browser tests (Chromium $(chromium --version 2>/dev/null | awk '{print $2}'), axe-core)" dotnet test tests/Discret.BrowserTests
fi

echo
if [ "$skipped" -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"; else echo "$passed passed, $failed failed"; fi
[ "$failed" -eq 0 ]
