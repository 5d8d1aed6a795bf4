#!/usr/bin/env bash
# Runs Cairn. Until the archive itself lands, this builds everything and shows how to use the tools in bin/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
dotnet build Cairn.slnx --nologo -v q -clp:ErrorsOnly
bin/build-tools >/dev/null
cat <<'TEXT'
Cairn is built. The archive process (DICOM AE DCM4CHEE on port 11112, web UI and REST on 8080) is not there yet;
the DICOM toolkit and its tools are:

  bin/dcmdump FILE...      every element of DICOM files, one per line:  (0008,0056) CS [ONLINE] InstanceAvailability
  bin/dcm2json FILE        the data set as DICOM JSON (PS3.18 Annex F) on standard output

Each prints --help. Try:  bin/dcmdump ../shared/corpus/pydicom/test_files/CT_small.dcm
TEXT
