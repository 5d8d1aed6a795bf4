#!/usr/bin/env bash
# Runs Cairn. Until the archive process lands, this builds everything and shows how to use the tools in bin/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
dotnet build Cairn.slnx --nologo -v q -clp:ErrorsOnly
bin/build-tools >/dev/null
cat <<'TEXT'
Cairn is built. The archive process (DICOM AE DCM4CHEE on port 11112, web UI and REST on 8080) is not there yet;
the DICOM toolkit and its tools are (each explains itself with --help):

  bin/dcmdump FILE...                      every element, one per line: (0008,0056) CS [ONLINE] InstanceAvailability
  bin/dcm2json FILE                        the data set as DICOM JSON (PS3.18 Annex F)
  bin/storescp -b STORESCP:11115           a storage SCP that stores what it receives (--directory)
  bin/ianscp -b IANSCP:11117               an IAN SCP that stores the notifications it receives (--directory)
  bin/storescu -c AET@host:port FILE|DIR   sends DICOM files over one association
  bin/ianscu -c AET@host:port FILE|DIR     sends IANs, or builds one per study from the files given
  bin/echoscu -c AET@host:port             C-ECHO

Try:  bin/dcmdump ../shared/corpus/pydicom/test_files/CT_small.dcm
TEXT
