#!/usr/bin/env bash
# Runs every test of Cairn. Installs what the tests need when it is missing (Debian's dcmtk for the interop
# and oracle tests, python3-pydicom for the second oracle, gcc for the native link of the tools), builds, runs the
# test projects, and ends with one line "Tests: N passed, M failed".
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

need=()
command -v dcm2json >/dev/null 2>&1 || need+=(dcmtk)
/usr/bin/python3 -c "import pydicom" >/dev/null 2>&1 || need+=(python3-pydicom)
# bin/build-tools compiles the tools ahead of time; the native link runs clang or gcc.
command -v clang >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1 || need+=(gcc)
if [ ${#need[@]} -gt 0 ]; then
  echo "test.sh: installing ${need[*]} (Debian packages the tests use)"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
fi

dotnet build Cairn.slnx --nologo -v q -clp:ErrorsOnly
# The tools the tests run as processes (bin/dcmdump, bin/dcm2json) are built as bin/ builds them.
bin/build-tools >/dev/null

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test Cairn.slnx --no-build --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "Tests: ${passed} passed, ${failed} failed"
exit "$status"
