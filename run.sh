#!/usr/bin/env bash
# Runs the Cairn archive in the foreground: device dcm4chee-arc, AE DCM4CHEE on DICOM port 11112, REST and web UI on
# http://localhost:8080, index in ./data/index.sqlite and objects under ./data/storage. Options (./run.sh --help) and
# CAIRN_* environment variables change any of it; Ctrl-C or SIGTERM stops it gracefully.
# It builds the archive (Release) first, and the command-line tools in bin/ (storescu, storescp, ianscp, ...).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
artifacts="${CAIRN_ARTIFACTS:-$PWD/artifacts}"
if ! out=$(dotnet build src/Cairn.Server/Cairn.Server.csproj -c Release --nologo -v q -clp:ErrorsOnly "-p:ArtifactsPath=$artifacts" 2>&1); then
  echo "$out" >&2
  echo "run.sh: the archive did not build" >&2
  exit 1
fi
bin/build-tools >/dev/null
exec dotnet "$artifacts/bin/Cairn.Server/release/cairn-archive.dll" "$@"
