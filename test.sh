#!/usr/bin/env bash
# Runs every test of Cairn. Installs what the tests need when it is missing (Debian's dcmtk for the interop
# and oracle tests, python3-pydicom for the second oracle, gcc for the native link of the tools, postgresql for the
# archive's tests on PostgreSQL, chromium for the UI tests), starts a private PostgreSQL server for the duration, builds, runs the test
# projects, and ends with one line "Tests: N passed, M failed".
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

need=()
command -v dcm2json >/dev/null 2>&1 || need+=(dcmtk)
/usr/bin/python3 -c "import pydicom" >/dev/null 2>&1 || need+=(python3-pydicom)
# bin/build-tools compiles the tools ahead of time; the native link runs clang or gcc.
command -v clang >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1 || need+=(gcc)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
# The UI tests drive Debian's chromium through Playwright; no browser is downloaded.
[ -x /usr/bin/chromium ] || need+=(chromium)
# The interop tests' independent DICOM peer (tests/peers, on dcmjs-dimse) runs on Node.js. Some nodejs builds bring
# their own npm (and conflict with Debian's): ask for npm only when there is none.
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
if [ ${#need[@]} -gt 0 ]; then
  echo "test.sh: installing ${need[*]} (Debian packages the tests use)"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
fi

# The peer's packages, from its lock file, when they are missing or older than it (no install scripts: none is needed).
if [ tests/peers/package-lock.json -nt tests/peers/node_modules/.package-lock.json ]; then
  echo "test.sh: installing tests/peers (npm ci: dcmjs-dimse, the independent DICOM peer)"
  npm ci --prefix tests/peers --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null \
    || { echo "test.sh: npm ci --prefix tests/peers failed; the interop tests cannot run without it" >&2; exit 1; }
fi

# A PostgreSQL server of the tests' own, on a free loopback port, gone when the tests end. PostgreSQL refuses to run
# as root, so as root it runs as the postgres user the package made.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pg_dir=$(mktemp -d /tmp/cairn-test-pg.XXXXXX)
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$pg_dir"
  as_pg=(runuser -u postgres --)
fi
"${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres >/dev/null
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
  -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
export CAIRN_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres"

log=$(mktemp)
cleanup() {
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir" "$log"
}
trap cleanup EXIT

dotnet build Cairn.slnx --nologo -v q -clp:ErrorsOnly
# The tools the tests run as processes (bin/dcmdump, bin/storescu, ...) are built as bin/ builds them.
bin/build-tools >/dev/null

set +e
dotnet test Cairn.slnx --no-build --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "Tests: ${passed} passed, ${failed} failed"
exit "$status"
