#!/usr/bin/env bash
# Study browser benchmark: seeds an index with BENCH_STUDIES studies (direct SQL, one series each) and times the
# /studies pages through the whole archive over HTTP (median and min of 5 after one warm-up), on SQLite and, when
# BENCH_POSTGRES names a server (e.g. Host=127.0.0.1;Port=5433;Username=postgres), on PostgreSQL too.
#   BENCH_STUDIES=100000   BENCH_PORT=13480 (uses PORT..PORT+5)   CAIRN_ARTIFACTS (default: the worktree's artifacts/)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
studies="${BENCH_STUDIES:-100000}"
port="${BENCH_PORT:-13480}"
artifacts="${CAIRN_ARTIFACTS:-$root/artifacts}"
dotnet build "$root/bench/Cairn.BenchStudies/Cairn.BenchStudies.csproj" -c Release --nologo -v q -clp:ErrorsOnly "-p:ArtifactsPath=$artifacts" >&2
bench="$artifacts/bin/Cairn.BenchStudies/release/Cairn.BenchStudies.dll"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$bench" sqlite "$studies" "$port"
if [ -n "${BENCH_POSTGRES:-}" ]; then
  dotnet "$bench" postgres "$studies" $((port + 4)) "$BENCH_POSTGRES"
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
