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
dotnet test Sejahtera.sln -c Release --no-build -nologo -v q --logger "console;verbosity=normal" \
  | tee /tmp/sejahtera-test.log | grep -vE "^\s+Passed " || true
status=${PIPESTATUS[0]}

# A test that is skipped here means an install step is missing: treat it as a failure.
if grep -qE "^\s+Skipped " /tmp/sejahtera-test.log; then
  echo "test.sh: some tests were skipped; everything must run here" >&2
  grep -E "^\s+Skipped " /tmp/sejahtera-test.log >&2
  exit 1
fi
passed=$(grep -oE "Passed:\s+[0-9]+" /tmp/sejahtera-test.log | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE "Failed:\s+[0-9]+" /tmp/sejahtera-test.log | awk '{s+=$2} END {print s+0}')
echo "$passed passed, $failed failed"
exit "$status"
