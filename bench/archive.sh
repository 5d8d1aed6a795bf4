#!/usr/bin/env bash
# Whole-process ingest benchmark of the archive: DCMTK storescu -> Cairn archive (index + storage), with its default
# dcmStorageFsync true and with dcmStorageFsync false, against DCMTK storescp (files only, no index) and Orthanc, the
# same files in the same run. See bench/README.md ("Archive ingest benchmark"). Knobs (environment):
#   BENCH_RUNS=3                 timed runs per case and set (the median is reported)
#   BENCH_SMALL=1000:140x140     small set, COUNT:ROWSxCOLUMNS (about 40 KB a file)
#   BENCH_LARGE=200:512x512      large set (about 0.5 MB a file)
#   BENCH_CONCURRENT=10          storescu processes at once on the small set (each sends its share)
#   BENCH_ARCHIVE_PORT=12400     first of the ports used (12400-12409)
#   BENCH_FILES=/tmp/cairn-bench-files   where generated sets are kept between runs
#   BENCH_WORK=/tmp              where the servers' data folders are made (see bench/README.md: a folder where other
#                                processes delete many files makes every file creation slower, for every server)
#   BENCH_CASES="dcmtk cairn cairn-nofsync orthanc"   which servers to measure
#   BENCH_SETS="small large concurrent"           which sets to send
#   CAIRN_ARTIFACTS              build output (default: the worktree's artifacts/)
#   BENCH_BASELINE_DLL           another build's cairn-archive.dll (e.g. an older commit): adds the cases "base" and
#                                "base-nofsync", run interleaved with the others (ports 12408-12411)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${BENCH_RUNS:-3}"
small="${BENCH_SMALL:-1000:140x140}"
large="${BENCH_LARGE:-200:512x512}"
concurrent="${BENCH_CONCURRENT:-10}"
port="${BENCH_ARCHIVE_PORT:-12400}"
cache="${BENCH_FILES:-/tmp/cairn-bench-files}"
artifacts="${CAIRN_ARTIFACTS:-$root/artifacts}"
read -r -a cases <<< "${BENCH_CASES:-dcmtk cairn cairn-nofsync orthanc}"
read -r -a sets <<< "${BENCH_SETS:-small large concurrent}"

die() { echo "bench/archive.sh: $*" >&2; exit 1; }

declare -A dicom_port=([cairn]=$port [cairn-nofsync]=$((port + 2)) [dcmtk]=$((port + 4)) [orthanc]=$((port + 6)) [base]=$((port + 8)) [base-nofsync]=$((port + 10)))
declare -A http_port=([cairn]=$((port + 1)) [cairn-nofsync]=$((port + 3)) [orthanc]=$((port + 7)) [base]=$((port + 9)) [base-nofsync]=$((port + 11)))
declare -A label=([dcmtk]="DCMTK storescp" [cairn]="Cairn" [cairn-nofsync]="Cairn no fsync" [orthanc]="Orthanc" [base]="baseline" [base-nofsync]="baseline nofsync")
declare -A called=([dcmtk]=STORESCP [cairn]=DCM4CHEE [cairn-nofsync]=DCM4CHEE [orthanc]=ORTHANC [base]=DCM4CHEE [base-nofsync]=DCM4CHEE)
baseline_dll="${BENCH_BASELINE_DLL:-}"
if [ -n "$baseline_dll" ]; then
  [ -f "$baseline_dll" ] || die "BENCH_BASELINE_DLL: $baseline_dll does not exist"
  [[ " ${cases[*]} " == *" base "* ]] || cases+=(base base-nofsync)
fi

if [[ " ${cases[*]} " == *" orthanc "* ]] && ! command -v Orthanc > /dev/null; then
  echo "installing Debian's orthanc..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq orthanc > /dev/null || die "cannot install orthanc (apt-get update first?)"
fi
for tool in dotnet storescu storescp curl ss awk sha256sum; do
  command -v "$tool" > /dev/null || die "$tool is not installed (DCMTK: apt-get install -y dcmtk)"
done
for c in "${cases[@]}"; do
  [ -n "${label[$c]:-}" ] || die "unknown case '$c' in BENCH_CASES"
  for p in "${dicom_port[$c]}" "${http_port[$c]:-}"; do
    [ -z "$p" ] || [ -z "$(ss -Hltn "sport = :$p")" ] || die "port $p is in use; set BENCH_ARCHIVE_PORT"
  done
done

# --- build: the archive and the file generator (as bench/run.sh makes them) ----------------------------------------
echo "building the archive..." >&2
dotnet build "$root/src/Cairn.Server/Cairn.Server.csproj" -c Release --nologo -v q -clp:ErrorsOnly "-p:ArtifactsPath=$artifacts" >&2 \
  || die "the archive did not build"
archive_dll="$artifacts/bin/Cairn.Server/release/cairn-archive.dll"
[ -f "$archive_dll" ] || die "$archive_dll is missing after the build"
gen_dll="$artifacts/bin/Cairn.BenchFiles/release/Cairn.BenchFiles.dll"
gen_key=$(cat "$root/bench/Cairn.BenchFiles/Program.cs" "$root/bench/Cairn.BenchFiles/Cairn.BenchFiles.csproj" | sha256sum | cut -c1-12)

file_set() { # COUNT:ROWSxCOLUMNS -> prints the folder, generating it on first use (same cache as bench/run.sh)
  local spec=$1 count rows columns dir
  count=${spec%%:*}
  rows=${spec#*:}
  rows=${rows%%x*}
  columns=${spec##*x}
  [[ $count =~ ^[0-9]+$ && $rows =~ ^[0-9]+$ && $columns =~ ^[0-9]+$ ]] || die "$spec: expected COUNT:ROWSxCOLUMNS"
  dir="$cache/ct-$count-${rows}x$columns-$gen_key"
  if [ ! -d "$dir" ]; then
    if [ ! -f "$gen_dll" ]; then
      echo "building the file generator..." >&2
      dotnet build "$root/bench/Cairn.BenchFiles/Cairn.BenchFiles.csproj" -c Release --nologo -v q -clp:ErrorsOnly "-p:ArtifactsPath=$artifacts" >&2 \
        || die "the file generator did not build"
    fi
    rm -rf "$dir.tmp"
    mkdir -p "$cache"
    dotnet "$gen_dll" "$dir.tmp" "$count" "$rows" "$columns" >&2 || die "the file generator failed"
    mv "$dir.tmp" "$dir"
  fi
  echo "$dir"
}

declare -A set_dir
set_dir[small]=$(file_set "$small")
set_dir[large]=$(file_set "$large")
set_dir[warmup]=$(file_set "20:140x140")
mapfile -t small_files < <(find "${set_dir[small]}" -type f | sort)

work=$(mktemp -d "${BENCH_WORK:-/tmp}/cairn-archive-bench.XXXXXX")
server_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2> /dev/null || true
    wait "$server_pid" 2> /dev/null || true
    server_pid=""
  fi
}
cleanup() {
  stop_server
  rm -rf "$work"
}
trap cleanup EXIT

wait_port() { # PORT LOG
  for _ in $(seq 300); do
    [ -n "$(ss -Hltn "sport = :$1")" ] && return 0
    kill -0 "$server_pid" 2> /dev/null || die "the server exited; see $2: $(tail -5 "$2")"
    sleep 0.1
  done
  die "nothing listens on port $1 after 30 s; see $2"
}

# The seed for "Cairn no fsync": the default device with dcmStorageFsync false, as REST shows it.
nofsync_config="$work/nofsync.json"
if [[ " ${cases[*]} " == *"-nofsync "* ]]; then
  dotnet "$archive_dll" --data "$work/seed-data" --bind 127.0.0.1 --dicom-port "${dicom_port[cairn]}" --http-port "${http_port[cairn]}" > "$work/seed.log" 2>&1 &
  server_pid=$!
  wait_port "${http_port[cairn]}" "$work/seed.log"
  curl -sf "http://127.0.0.1:${http_port[cairn]}/dcm4chee-arc/devices/dcm4chee-arc" | sed 's/"dcmStorageFsync": *true/"dcmStorageFsync": false/' > "$nofsync_config"
  stop_server
  grep -q '"dcmStorageFsync": *false' "$nofsync_config" || die "cannot make the no-fsync seed: no dcmStorageFsync in the device JSON"
  rm -rf "$work/seed-data"
fi

# Each timed run gets a new server on a new, empty data folder (see bench/README.md: emptying a folder right before
# a run slows ext4 down), warmed up with one association of 20 files first, as a running archive would be.
serial=0
start_server() { # CASE -> sets server_pid, data
  local c=$1
  serial=$((serial + 1))
  data="$work/run-$serial"
  mkdir -p "$data"
  case $c in
    cairn) dotnet "$archive_dll" --data "$data" --bind 127.0.0.1 --dicom-port "${dicom_port[$c]}" --http-port "${http_port[$c]}" --log-level warning > "$data.log" 2>&1 & ;;
    cairn-nofsync) dotnet "$archive_dll" --data "$data" --config "$nofsync_config" --bind 127.0.0.1 --dicom-port "${dicom_port[$c]}" --http-port "${http_port[$c]}" --log-level warning > "$data.log" 2>&1 & ;;
    base) dotnet "$baseline_dll" --data "$data" --bind 127.0.0.1 --dicom-port "${dicom_port[$c]}" --http-port "${http_port[$c]}" --log-level warning > "$data.log" 2>&1 & ;;
    base-nofsync) dotnet "$baseline_dll" --data "$data" --config "$nofsync_config" --bind 127.0.0.1 --dicom-port "${dicom_port[$c]}" --http-port "${http_port[$c]}" --log-level warning > "$data.log" 2>&1 & ;;
    dcmtk) TCP_NODELAY=1 storescp -od "$data" "${dicom_port[$c]}" > "$data.log" 2>&1 & ;;
    orthanc)
      mkdir -p "$data/storage" "$data/index"
      cat > "$data.json" << EOF
{
  "Name": "cairn-bench",
  "DicomAet": "ORTHANC",
  "DicomPort": ${dicom_port[$c]},
  "HttpPort": ${http_port[$c]},
  "RemoteAccessAllowed": false,
  "AuthenticationEnabled": false,
  "StorageDirectory": "$data/storage",
  "IndexDirectory": "$data/index",
  "Plugins": []
}
EOF
      TCP_NODELAY=1 Orthanc "$data.json" > "$data.log" 2>&1 & ;;
  esac
  server_pid=$!
  wait_port "${dicom_port[$c]}" "$data.log"
  [ -z "${http_port[$c]:-}" ] || wait_port "${http_port[$c]}" "$data.log"
  scu "$c" "${set_dir[warmup]}" > "$data-warmup.log" 2>&1 || die "$c: the warm-up failed; see $data-warmup.log"
}

scu() { # CASE FILE|DIR...
  local c=$1
  shift
  TCP_NODELAY=1 storescu -aec "${called[$c]}" -aet BENCHSCU +sd 127.0.0.1 "${dicom_port[$c]}" "$@"
}

arrived() { # CASE -> instances the server holds now (warm-up included)
  case $1 in
    cairn | cairn-nofsync | base | base-nofsync) curl -sf "http://127.0.0.1:${http_port[$1]}/metrics" | awk '$1 == "cairn_instances_received_total" { print $2 }' ;;
    dcmtk) find "$data" -type f | wc -l ;;
    orthanc) curl -sf "http://127.0.0.1:${http_port[$1]}/statistics" | tr -d ' \n' | sed 's/.*"CountInstances":\([0-9]*\).*/\1/' ;;
  esac
}

rss_mb() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
ticks=$(getconf CLK_TCK)
cpu_of() { awk -v t="$ticks" '{ sub(/^.*\) /, ""); print ($12 + $13) / t }' "/proc/$1/stat"; }

declare -A walls cpus rss_before rss_after
one_run() { # CASE SET RUN
  local c=$1 set=$2 run=$3 expected start end before after wall got cpu0 cpu1 pids=() i
  start_server "$c"
  sync
  before=$(arrived "$c")
  cpu0=$(cpu_of "$server_pid")
  rss_before[$c-$set]+="$(rss_mb "$server_pid") "
  start=$(date +%s.%N)
  if [ "$set" = concurrent ]; then
    local share=$(( (${#small_files[@]} + concurrent - 1) / concurrent ))
    for ((i = 0; i < concurrent; i++)); do
      scu "$c" "${small_files[@]:i*share:share}" > "$data-scu-$i.log" 2>&1 &
      pids+=($!)
    done
    for i in "${!pids[@]}"; do
      wait "${pids[$i]}" || die "$c: storescu $i of $concurrent failed in the concurrent run $run; see $data-scu-$i.log"
    done
    expected=${#small_files[@]}
  else
    scu "$c" "${set_dir[$set]}" > "$data-scu.log" 2>&1 || die "$c: storescu failed on the $set set; see $data-scu.log"
    expected=$(find "${set_dir[$set]}" -type f | wc -l)
  fi
  end=$(date +%s.%N)
  cpu1=$(cpu_of "$server_pid")
  rss_after[$c-$set]+="$(rss_mb "$server_pid") "
  after=$(arrived "$c")
  got=$((after - before))
  [ "$got" -eq "$expected" ] || die "$c: $got of $expected instances arrived in the $set set's run $run"
  grep -qiE 'error|fail' "$data-scu"*.log && die "$c: storescu reported a failure in the $set set's run $run; see $data-scu*.log"
  wall=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
  walls[$c-$set]+="$wall "
  cpus[$c-$set]+="$(awk -v a="$cpu0" -v b="$cpu1" 'BEGIN { printf "%.2f", b - a }') "
  stop_server
  printf '  %-15s %-10s run %d: %s s\n' "${label[$c]}" "$set" "$run" "$wall" >&2
}

# Interleaved (one run of each case, then the next) so that drift on a shared machine touches every case alike.
for run in $(seq "$runs"); do
  for set in "${sets[@]}"; do
    for c in "${cases[@]}"; do
      one_run "$c" "$set" "$run"
    done
  done
done

# --- report -------------------------------------------------------------------------------------------------------
median() { tr ' ' '\n' | grep . | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
commit=$(git -C "$root" rev-parse --short HEAD 2> /dev/null || echo '?')
git -C "$root" diff --quiet HEAD -- src 2> /dev/null || commit+=" + uncommitted changes in src/"
echo
echo "Cairn archive $commit; $(storescu --version 2> /dev/null | head -1 | tr -d '$' | sed 's/ *$//'); Orthanc $(Orthanc --version 2> /dev/null | head -1 | awk '{ print $2 }'); $(nproc) cores; median of $runs runs"
echo
printf '| %-28s | %-15s | %7s | %-14s | %10s | %8s | %8s | %10s |\n' "set" "server" "wall s" "throughput" "server CPU" "vs DCMTK" "vs Orth." "RSS MB"
printf '| %-28s | %-15s | %7s | %-14s | %10s | %8s | %8s | %10s |\n' "----------------------------" "---------------" "------:" "--------------" "---------:" "-------:" "-------:" "---------:"
for set in "${sets[@]}"; do
  dir=${set_dir[$set]:-${set_dir[small]}}
  count=$(find "$dir" -type f | wc -l)
  bytes=$(find "$dir" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
  title="$set: $count files, $(awk -v b="$bytes" 'BEGIN { printf "%.1f MB", b / 1e6 }')"
  [ "$set" = concurrent ] && title="small, $concurrent storescu at once"
  dcmtk_wall=$( [ -n "${walls[dcmtk-$set]:-}" ] && echo "${walls[dcmtk-$set]}" | median || echo 0)
  orthanc_wall=$( [ -n "${walls[orthanc-$set]:-}" ] && echo "${walls[orthanc-$set]}" | median || echo 0)
  for c in "${cases[@]}"; do
    rss="-"
    [ "$c" != dcmtk ] && [ "$c" != orthanc ] && rss="$(echo "${rss_before[$c-$set]}" | median)→$(echo "${rss_after[$c-$set]}" | median)"
    awk -v set="$set" -v n="$count" -v b="$bytes" -v w="$(echo "${walls[$c-$set]}" | median)" -v d="$dcmtk_wall" -v o="$orthanc_wall" \
        -v cpu="$(echo "${cpus[$c-$set]}" | median)" -v name="${label[$c]}" -v title="$title" -v rss="$rss" 'BEGIN {
      rate = set == "large" ? sprintf("%7.1f MB/s", b / 1e6 / w) : sprintf("%7.0f inst/s", n / w)
      dv = d > 0 ? sprintf("%7.2fx", d / w) : "-"
      ov = o > 0 ? sprintf("%7.2fx", o / w) : "-"
      printf "| %-28s | %-15s | %7.3f | %-14s | %10.2f | %8s | %8s | %10s |\n", title, name, w, rate, cpu, dv, ov, rss
    }'
  done
done
echo
echo "wall: from the first storescu's start to the last one's exit (DCMTK storescu, TCP_NODELAY=1), the server already"
echo "listening and warmed up by 20 files; server CPU: what the server process used meanwhile; vs DCMTK / vs Orth.:"
echo "their median wall time / this one's (a throughput ratio); RSS: the server's resident memory before -> after. All runs (s):"
for set in "${sets[@]}"; do
  for c in "${cases[@]}"; do
    printf '  %-10s %-15s %s  (RSS MB after: %s)\n' "$set" "${label[$c]}" "${walls[$c-$set]}" "${rss_after[$c-$set]:-}"
  done
done
