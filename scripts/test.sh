#!/usr/bin/env bash
# Runs every test with nothing skipped: installs what is missing from Debian packages
# (PostgreSQL, Chromium), starts PostgreSQL on loopback, then runs the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  echo "test.sh: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi

# PostgreSQL on loopback, with a role the tests use to create and drop their own databases.
pg_version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pg_version" ]; then
  echo "test.sh: no PostgreSQL cluster found after install" >&2
  exit 1
fi
pg_ctlcluster "$pg_version" main start 2>/dev/null || true
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 && break
  sleep 1
done
pg_isready -h 127.0.0.1
su postgres -c "psql -q -tc \"SELECT 1 FROM pg_roles WHERE rolname = 'sejahtera'\"" | grep -q 1 \
  || su postgres -c "psql -q -c \"CREATE ROLE sejahtera LOGIN CREATEDB PASSWORD 'sejahtera'\""

export SEJAHTERA_TEST_POSTGRES="Host=127.0.0.1;Port=5432;Username=sejahtera;Password=sejahtera;Database=postgres"
export SEJAHTERA_TEST_CHROMIUM=/usr/bin/chromium
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

dotnet build Sejahtera.sln -c Release -nologo -v q
log=$(mktemp)
set +e
dotnet test Sejahtera.sln -c Release --no-build -nologo -v q --logger "console;verbosity=normal" > "$log" 2>&1
status=$?
set -e
grep -vE "^\s+Passed |^\s*(info|warn|dbug): |^\s{6}" "$log" || true

passed=$({ grep -oE "^\s+Passed:\s+[0-9]+" "$log" || true; } | awk '{s+=$2} END {print s+0}')
failed=$({ grep -oE "^\s+Failed:\s+[0-9]+" "$log" || true; } | awk '{s+=$2} END {print s+0}')
skipped=$(grep -cE "^\s+Skipped " "$log" || true)
# A test skipped here means an install step is missing: that counts as a failure.
if [ "$skipped" -gt 0 ]; then
  echo "test.sh: $skipped tests were skipped; everything must run here" >&2
  grep -E "^\s+Skipped " "$log" >&2
  status=1
fi
rm -f "$log"
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
