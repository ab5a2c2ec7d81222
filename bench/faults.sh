#!/usr/bin/env bash
# Faults under load (issue 20 §3): builds Discret, installs what the scenarios need when absent (PostgreSQL, faketime),
# then runs bench/Discret.Bench.Faults — each scenario stops by itself and writes bench/results/<date>-faults-<name>.md.
#   bench/faults.sh [kill|postgres-restart|disk-full|clock-jump|all] [--kills 25] [--clients 6] [--keep]
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
compgen -G "/usr/lib/*/faketime/libfaketime.so.1" >/dev/null || missing+=(faketime)
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || { echo "Run as root, or install: ${missing[*]}"; exit 1; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
dotnet build -c Release src/Discret.Web --nologo -v q -clp:ErrorsOnly
dotnet run -c Release --project bench/Discret.Bench.Faults -- "$@"
