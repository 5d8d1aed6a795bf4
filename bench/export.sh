#!/usr/bin/env bash
# Whole-process export benchmark of the archive (see bench/README.md, "Export, IAN and queue benchmark"):
#   export  the archive holding the small (and large) set exports the study by REST to DCMTK storescp, against
#           DCMTK storescu -> DCMTK storescp of the same files and against Orthanc exporting the same study to the
#           same storescp by REST (POST /modalities/STORESCP/store);
#   ian     export COMPLETED -> IAN COMPLETED at Cairn's ianscp, over one-instance studies exported one by one;
#   queue   1,000,000 rows in the task table (SQLite and PostgreSQL): a filtered page, a count, a bulk reschedule;
#           and the monitoring pages (Queues, Export, a task's page) over them.
# Knobs (environment):
#   BENCH_RUNS=3                 timed runs per case (the median is reported)
#   BENCH_SMALL=1000:140x140     small set; BENCH_LARGE=200:512x512 large set
#   BENCH_SETS="small large"     which sets the export part sends
#   BENCH_PARTS="export ian queue"   which parts to run
#   BENCH_IAN_STUDIES=100        one-instance studies in the IAN part
#   BENCH_TASKS=1000000          rows in the queue part; BENCH_QUEUE_DBS="sqlite postgresql"
#   BENCH_POSTGRES="Host=127.0.0.1;Port=12543;Username=postgres"   server for the PostgreSQL queue case (a database
#                                cairn_bench_queue_<pid> is made there and dropped at the end)
#   BENCH_EXPORT_CASES="cairn dcmtk orthanc"   which senders the export part times
#   BENCH_WARMUPS=2              untimed exports of every set by each sender before the timed runs
#   BENCH_EXPORT_PORT=12500      first of the ports used (12500-12506)
#   BENCH_ARCHIVE_DLL            a cairn-archive.dll built elsewhere (e.g. an older commit) instead of building this one
#   BENCH_FILES=/tmp/cairn-bench-files   where generated sets are kept between runs
#   CAIRN_ARTIFACTS              build output (default: the worktree's artifacts/)
#   BENCH_KEEP=1                 keep the work folder (logs, task JSON) instead of deleting it
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${BENCH_RUNS:-3}"
small="${BENCH_SMALL:-1000:140x140}"
large="${BENCH_LARGE:-200:512x512}"
port="${BENCH_EXPORT_PORT:-12500}"
cache="${BENCH_FILES:-/tmp/cairn-bench-files}"
artifacts="${CAIRN_ARTIFACTS:-$root/artifacts}"
studies="${BENCH_IAN_STUDIES:-100}"
tasks="${BENCH_TASKS:-1000000}"
postgres="${BENCH_POSTGRES:-Host=127.0.0.1;Port=12543;Username=postgres}"
read -r -a sets <<< "${BENCH_SETS:-small large}"
read -r -a parts <<< "${BENCH_PARTS:-export ian queue}"
read -r -a dbs <<< "${BENCH_QUEUE_DBS:-sqlite postgresql}"
read -r -a export_cases <<< "${BENCH_EXPORT_CASES:-cairn dcmtk orthanc}"
warmups="${BENCH_WARMUPS:-2}"

dicom_port=$port http_port=$((port + 1)) scp_port=$((port + 2)) ian_port=$((port + 3)) base_port=$((port + 4))
orthanc_dicom_port=$((port + 5)) orthanc_http_port=$((port + 6))
orthanc_base="http://127.0.0.1:$orthanc_http_port"
base="http://127.0.0.1:$http_port/dcm4chee-arc"

die() { echo "bench/export.sh: $*" >&2; exit 1; }

for tool in dotnet storescu storescp dcmodify dcmdump curl jq ss awk sha256sum sqlite3 psql; do
  command -v "$tool" > /dev/null || die "$tool is not installed"
done
if [[ " ${parts[*]} " == *" export "* && " ${export_cases[*]} " == *" orthanc "* ]] && ! command -v Orthanc > /dev/null; then
  echo "installing Debian's orthanc..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq orthanc > /dev/null || die "cannot install orthanc (apt-get update first?)"
fi
for p in "$dicom_port" "$http_port" "$scp_port" "$ian_port" "$base_port" "$orthanc_dicom_port" "$orthanc_http_port"; do
  [ -z "$(ss -Hltn "sport = :$p")" ] || die "port $p is in use; set BENCH_EXPORT_PORT"
done

# --- build: the archive, ianscp and the file generator (as bench/archive.sh) ---------------------------------------
archive_dll="${BENCH_ARCHIVE_DLL:-$artifacts/bin/Cairn.Server/release/cairn-archive.dll}"
if [ -z "${BENCH_ARCHIVE_DLL:-}" ]; then
  echo "building the archive..." >&2
  dotnet build "$root/src/Cairn.Server/Cairn.Server.csproj" -c Release --nologo -v q -clp:ErrorsOnly "-p:ArtifactsPath=$artifacts" >&2 \
    || die "the archive did not build"
fi
[ -f "$archive_dll" ] || die "$archive_dll is missing after the build"
cairn=""
if [[ " ${parts[*]} " == *" ian "* ]]; then
  echo "building the tools..." >&2
  cairn=$("$root/bin/build-tools")
fi
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

study_of() { dcmdump +P StudyInstanceUID "$(find "$1" -type f | sort | sed -n 1p)" | sed 's/.*\[\(.*\)\].*/\1/'; }

work=$(mktemp -d /tmp/cairn-export-bench.XXXXXX)
pids=()
server_pid=""
pg_db="cairn_bench_queue_$$"
pg_made=""
psql_args() { # the libpq form of $postgres (Host=..;Port=..;Username=..;Password=..)
  local kv key value out=()
  IFS=';' read -r -a kv <<< "$1"
  for item in "${kv[@]}"; do
    key=${item%%=*} value=${item#*=}
    case ${key,,} in
      host) out+=("host=$value") ;;
      port) out+=("port=$value") ;;
      username) out+=("user=$value") ;;
      password) out+=("password=$value") ;;
    esac
  done
  echo "${out[*]}"
}
pg() { psql -X -q -v ON_ERROR_STOP=1 "$(psql_args "$postgres") dbname=${1}" "${@:2}"; }
stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2> /dev/null || true
    wait "$server_pid" 2> /dev/null || true
    server_pid=""
  fi
}
orthanc_pid=""
stop_orthanc() {
  if [ -n "$orthanc_pid" ]; then
    kill "$orthanc_pid" 2> /dev/null || true
    wait "$orthanc_pid" 2> /dev/null || true
    orthanc_pid=""
  fi
}
cleanup() {
  stop_server
  stop_orthanc
  for pid in "${pids[@]}"; do
    kill "$pid" 2> /dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2> /dev/null || true
  done
  [ -z "$pg_made" ] || pg postgres -c "DROP DATABASE IF EXISTS $pg_db" > /dev/null 2>&1 || true
  [ -n "${BENCH_KEEP:-}" ] && echo "kept $work" >&2 || rm -rf "$work"
}
trap cleanup EXIT

wait_port() { # PORT LOG PID
  for _ in $(seq 300); do
    [ -n "$(ss -Hltn "sport = :$1")" ] && return 0
    kill -0 "$3" 2> /dev/null || die "the process for port $1 exited; see $2: $(tail -5 "$2")"
    sleep 0.1
  done
  die "nothing listens on port $1 after 30 s; see $2"
}

# The seed: the default device, as REST shows it, with STORESCP and IANSCP pointed at this benchmark's ports and
# dcmStorageFsync false (the load phase is not what is measured).
seed="$work/seed.json"
dotnet "$archive_dll" --data "$work/seed-data" --bind 127.0.0.1 --dicom-port "$dicom_port" --http-port "$http_port" > "$work/seed.log" 2>&1 &
server_pid=$!
wait_port "$http_port" "$work/seed.log" "$server_pid"
curl -sf "$base/devices/dcm4chee-arc" > "$work/default.json" || die "cannot read the default device"
stop_server
rm -rf "$work/seed-data"
jq --argjson scp "$scp_port" --argjson ian "$ian_port" '
  (.. | objects | select(has("dcmStorageFsync")) | .dcmStorageFsync) = false
  | (.. | objects | select(.dicomAETitle? == "STORESCP") | .. | objects | select(has("dicomPort")) | .dicomPort) = $scp
  | (.. | objects | select(.dicomAETitle? == "IANSCP") | .. | objects | select(has("dicomPort")) | .dicomPort) = $ian
' "$work/default.json" > "$seed"
grep -q "\"dicomPort\": *$scp_port" "$seed" || die "cannot point STORESCP at port $scp_port in the seed; see $work/default.json"

serial=0
start_archive() { # [extra archive options...] -> sets server_pid, data
  serial=$((serial + 1))
  data="$work/archive-$serial"
  mkdir -p "$data"
  dotnet "$archive_dll" --data "$data" --config "$seed" --bind 127.0.0.1 --dicom-port "$dicom_port" --http-port "$http_port" \
    --log-level warning "$@" > "$data.log" 2>&1 &
  server_pid=$!
  wait_port "$dicom_port" "$data.log" "$server_pid"
  wait_port "$http_port" "$data.log" "$server_pid"
}

load() { # FILE|DIR... into the archive, untimed
  TCP_NODELAY=1 storescu -aec DCM4CHEE -aet BENCHSCU +sd 127.0.0.1 "$dicom_port" "$@" > "$work/load.log" 2>&1 \
    || die "loading into the archive failed; see $work/load.log"
}

# The export side's storescp writes into $work/out, a link pointed at a new empty folder before each run (bench/run.sh
# says why the folders are not emptied in between).
out_serial=0
fresh_output() {
  out_serial=$((out_serial + 1))
  mkdir "$work/out-$out_serial"
  ln -sfn "$work/out-$out_serial" "$work/out"
}
received() { find -L "$work/out" -type f ! -name '.*' | wc -l; }

now() { date +%s.%N; }
median() { tr ' ' '\n' | grep . | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
percentile() { # P: of the numbers on stdin, nearest rank
  sort -g | awk -v p="$1" '{ a[NR] = $1 } END { r = int((p / 100) * NR + 0.999999); if (r < 1) r = 1; print a[r] }'
}
ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) * 1000 }'; }
results=()

commit=$(git -C "$root" rev-parse --short HEAD 2> /dev/null || echo '?')
git -C "$root" diff --quiet HEAD -- src 2> /dev/null || commit+=" + uncommitted changes in src/"
[ -z "${BENCH_ARCHIVE_DLL:-}" ] || commit="$BENCH_ARCHIVE_DLL"

# Orthanc (Debian's package) with its defaults, its own folders and loopback ports, and the benchmark's storescp as
# its modality STORESCP (as bench/archive.sh starts it).
start_orthanc() {
  local dir="$work/orthanc"
  mkdir -p "$dir/storage" "$dir/index"
  cat > "$dir.json" << EOF
{
  "Name": "cairn-export-bench",
  "DicomAet": "ORTHANC",
  "DicomPort": $orthanc_dicom_port,
  "HttpPort": $orthanc_http_port,
  "RemoteAccessAllowed": false,
  "AuthenticationEnabled": false,
  "StorageDirectory": "$dir/storage",
  "IndexDirectory": "$dir/index",
  "DicomModalities": { "STORESCP": [ "STORESCP", "127.0.0.1", $scp_port ] },
  "Plugins": []
}
EOF
  TCP_NODELAY=1 Orthanc "$dir.json" > "$dir.log" 2>&1 &
  orthanc_pid=$!
  wait_port "$orthanc_dicom_port" "$dir.log" "$orthanc_pid"
  wait_port "$orthanc_http_port" "$dir.log" "$orthanc_pid"
}

# --- 1. export throughput ----------------------------------------------------------------------------------------
# jq: an ISO 8601 time with milliseconds and an offset, as the queue JSON has them, in seconds since the epoch.
iso_seconds='def t: sub("(?<f>\\.[0-9]+)?(?<z>Z|[+-][0-9:]+)$"; "Z") as $s | ($s | fromdateiso8601) + ((capture("\\.(?<f>[0-9]+)") | ("0." + .f | tonumber)) // 0);'

export_part() {
  declare -A set_dir walls task_times
  local set dir expected study run got posted t c
  set_dir[warmup]=$(file_set "20:140x140")
  for set in "${sets[@]}"; do
    case $set in small) set_dir[$set]=$(file_set "$small") ;; large) set_dir[$set]=$(file_set "$large") ;; *) die "unknown set '$set'" ;; esac
  done
  fresh_output
  TCP_NODELAY=1 storescp -od "$work/out" "$scp_port" > "$work/storescp.log" 2>&1 &
  pids+=($!)
  wait_port "$scp_port" "$work/storescp.log" "$!"
  start_archive
  load "${set_dir[@]}"
  if [[ " ${export_cases[*]} " == *" orthanc "* ]]; then
    start_orthanc
    TCP_NODELAY=1 storescu -aec ORTHANC -aet BENCHSCU +sd 127.0.0.1 "$orthanc_dicom_port" "${set_dir[@]}" > "$work/load-orthanc.log" 2>&1 \
      || die "loading into Orthanc failed; see $work/load-orthanc.log"
  fi
  posted=0
  cairn_export() { # STUDY EXPECTED -> prints the wall time from the POST to COMPLETED and all files received
    local s e n
    posted=$((posted + 1))
    s=$(now)
    curl -sf -X POST "$base/aets/DCM4CHEE/rs/studies/$1/export/STORESCP" > "$work/post.json" || die "the export POST failed"
    while :; do
      n=$(curl -sf "$base/queue/Export1/count?status=COMPLETED" | jq .count)
      [ "$n" -ge "$posted" ] && [ "$(received)" -ge "$2" ] && break
      [ "$(curl -sf "$base/queue/Export1/count?status=FAILED" | jq .count)" -eq 0 ] || die "an export FAILED: $(curl -sf "$base/queue/Export1?status=FAILED" | head -c 600)"
      sleep 0.02
    done
    e=$(now)
    # The task's own time (processingStartTime to processingEndTime) too: the wall time above also holds the REST
    # round trips and this loop's polling, which neither storescu nor Orthanc's synchronous job pays.
    curl -sf "$base/queue/Export1?status=COMPLETED&orderby=-updatedTime&limit=1" \
      | jq -r "$iso_seconds"' .[0] | ((.processingEndTime | t) - (.processingStartTime | t)) * 1000 | round / 1000' >> "$work/task-times"
    awk -v a="$s" -v b="$e" 'BEGIN { printf "%.3f", b - a }'
  }
  orthanc_export() { # STUDY EXPECTED -> prints the wall time of Orthanc's synchronous store job (and all files received)
    local s e id
    id=$(curl -sf -X POST -d "$1" "$orthanc_base/tools/lookup" | jq -r '.[0].ID') || die "Orthanc does not know study $1"
    s=$(now)
    curl -sf -X POST -d "{\"Resources\": [\"$id\"], \"Synchronous\": true}" "$orthanc_base/modalities/STORESCP/store" > "$work/orthanc-store.json" \
      || die "Orthanc's store to STORESCP failed: $(cat "$work/orthanc-store.json" 2> /dev/null)"
    while [ "$(received)" -lt "$2" ]; do sleep 0.02; done
    e=$(now)
    awk -v a="$s" -v b="$e" 'BEGIN { printf "%.3f", b - a }'
  }
  dcmtk_export() { # DIR -> prints storescu's wall time
    TIMEFORMAT='%3R'
    { time TCP_NODELAY=1 storescu -aec STORESCP +sd 127.0.0.1 "$scp_port" "$1" > "$work/scu.log" 2>&1; } 2> "$work/time" \
      || die "DCMTK storescu failed on $1; see $work/scu.log"
    cat "$work/time"
  }
  # Warm-up, not timed: each sender sends the 20 files and then every set BENCH_WARMUPS times, as a running archive
  # (or Orthanc) would have before; the archive's export path is then compiled by the tiered JIT's optimising tier,
  # which the first exports of a new process are not (bench/README.md).
  local sequence=(warmup)
  for _ in $(seq "$warmups"); do
    sequence+=("${sets[@]}")
  done
  for c in "${export_cases[@]}"; do
    for set in "${sequence[@]}"; do
      dir=${set_dir[$set]}
      case $c in
        cairn) t=$(cairn_export "$(study_of "$dir")" "$(find "$dir" -type f | wc -l)") ;;
        orthanc) t=$(orthanc_export "$(study_of "$dir")" "$(find "$dir" -type f | wc -l)") ;;
        dcmtk) t=$(dcmtk_export "$dir") ;;
        *) die "unknown export case '$c'" ;;
      esac
      printf '  %-8s %-6s warm-up: %s s\n' "$c" "$set" "$t" >&2
      fresh_output
    done
  done
  for run in $(seq "$runs"); do
    for set in "${sets[@]}"; do
      dir=${set_dir[$set]}
      expected=$(find "$dir" -type f | wc -l)
      study=$(study_of "$dir")
      for c in "${export_cases[@]}"; do
        sync
        case $c in
          cairn) t=$(cairn_export "$study" "$expected") ;;
          orthanc) t=$(orthanc_export "$study" "$expected") ;;
          dcmtk) t=$(dcmtk_export "$dir") ;;
        esac
        got=$(received)
        [ "$got" -eq "$expected" ] || die "$c: $got of $expected files arrived in the $set set's run $run"
        walls[$c-$set]+="$t "
        [ "$c" != cairn ] || task_times[$set]+="$(tail -1 "$work/task-times") "
        printf '  %-8s %-6s run %d: %s s (load %s)\n' "$c" "$set" "$run" "$t" "$(cut -d' ' -f1 /proc/loadavg)" >&2
        fresh_output
      done
    done
  done
  stop_server
  stop_orthanc
  for set in "${sets[@]}"; do
    dir=${set_dir[$set]}
    expected=$(find "$dir" -type f | wc -l)
    local cm dm om runs_line=""
    cm=$( [ -n "${walls[cairn-$set]:-}" ] && echo "${walls[cairn-$set]}" | median || echo 0)
    dm=$( [ -n "${walls[dcmtk-$set]:-}" ] && echo "${walls[dcmtk-$set]}" | median || echo 0)
    om=$( [ -n "${walls[orthanc-$set]:-}" ] && echo "${walls[orthanc-$set]}" | median || echo 0)
    results+=("$(awk -v set="$set" -v n="$expected" -v c="$cm" -v d="$dm" -v o="$om" 'BEGIN {
      printf "| export, %-5s set (%4d files) | Cairn %.3f s (%.0f inst/s) | DCMTK storescu %.3f s | Orthanc %.3f s | vs DCMTK %s (>= 0.9x) | vs Orthanc %s (>= 1.5x) |",
        set, n, c, (c > 0 ? n / c : 0), d, o, (c > 0 && d > 0 ? sprintf("%.2fx", d / c) : "-"), (c > 0 && o > 0 ? sprintf("%.2fx", o / c) : "-") }')")
    for c in "${export_cases[@]}"; do
      runs_line+="$c ${walls[$c-$set]}/ "
    done
    results+=("  runs (s): ${runs_line% / }")
    if [ -n "${task_times[$set]:-}" ]; then
      local tm
      tm=$(echo "${task_times[$set]}" | median)
      results+=("$(awk -v n="$expected" -v t="$tm" -v d="$dm" -v o="$om" -v all="${task_times[$set]}" 'BEGIN {
        printf "  the export task alone (processingStartTime to processingEndTime): median %.3f s (%.0f inst/s), vs DCMTK %s, vs Orthanc %s; runs (s): %s",
          t, (t > 0 ? n / t : 0), (t > 0 && d > 0 ? sprintf("%.2fx", d / t) : "-"), (t > 0 && o > 0 ? sprintf("%.2fx", o / t) : "-"), all }')")
    fi
  done
}

# --- 2. IAN latency ----------------------------------------------------------------------------------------------
ian_part() {
  local one i uid dir latencies p50 p99 n s
  one=$(find "$(file_set "$small")" -type f | sort | sed -n 1p)
  dir="$work/ian-studies"
  mkdir -p "$dir"
  for i in $(seq "$studies"); do
    cp "$one" "$dir/$i.dcm"
  done
  # One study each: new Study, Series and SOP Instance UIDs (dcmodify -gst -gse -gin).
  dcmodify -nb -gst -gse -gin "$dir"/*.dcm > "$work/dcmodify.log" 2>&1 || die "dcmodify failed; see $work/dcmodify.log"
  fresh_output
  TCP_NODELAY=1 storescp -od "$work/out" "$scp_port" > "$work/storescp-ian.log" 2>&1 &
  pids+=($!)
  wait_port "$scp_port" "$work/storescp-ian.log" "$!"
  mkdir -p "$work/ian-out"
  "$cairn" ianscp -q -b "IANSCP@127.0.0.1:$ian_port" --directory "$work/ian-out" > "$work/ianscp.log" 2>&1 &
  pids+=($!)
  wait_port "$ian_port" "$work/ianscp.log" "$!"
  start_archive
  load "$dir"
  # Exported one at a time, each after the last one's IAN is COMPLETED: the latency of an idle archive.
  n=0
  for f in "$dir"/*.dcm; do
    uid=$(dcmdump +P StudyInstanceUID "$f" | sed 's/.*\[\(.*\)\].*/\1/')
    n=$((n + 1))
    curl -sf -X POST "$base/aets/DCM4CHEE/rs/studies/$uid/export/STORESCP" > /dev/null || die "the export POST of $uid failed"
    s=$(now)
    while [ "$(curl -sf "$base/queue/IANSCU/count?status=COMPLETED" | jq .count)" -lt "$n" ]; do
      [ "$(awk -v a="$s" -v b="$(now)" 'BEGIN { print (b - a > 30) }')" = 0 ] || die "no IAN COMPLETED for $uid after 30 s"
      sleep 0.02
    done
  done
  curl -sf "$base/queue/Export1?status=COMPLETED&limit=99999" > "$work/exports.json"
  curl -sf "$base/queue/IANSCU?status=COMPLETED&limit=99999" > "$work/ians.json"
  stop_server
  [ "$(find "$work/ian-out" -type f | wc -l)" -ge "$studies" ] || die "ianscp wrote $(find "$work/ian-out" -type f | wc -l) of $studies IANs"
  # IAN task's processingEndTime (the N-CREATE answered) minus its export's processingEndTime, per study, in ms.
  latencies=$(jq -r -n --slurpfile e "$work/exports.json" --slurpfile i "$work/ians.json" '
    '"$iso_seconds"'
    ($e[0] | map({key: .StudyInstanceUID, value: (.processingEndTime | t)}) | from_entries) as $ends
    | $i[0][] | select($ends[.StudyInstanceUID] != null) | ((.processingEndTime | t) - $ends[.StudyInstanceUID]) * 1000')
  [ "$(echo "$latencies" | grep -c .)" -eq "$studies" ] || die "matched $(echo "$latencies" | grep -c .) of $studies export/IAN pairs; see $work/exports.json and $work/ians.json"
  p50=$(echo "$latencies" | percentile 50)
  p99=$(echo "$latencies" | percentile 99)
  results+=("$(awk -v n="$studies" -v a="$p50" -v b="$p99" -v m="$(echo "$latencies" | sort -g | tail -1)" 'BEGIN {
    printf "| IAN latency (%d one-instance studies) | export COMPLETED -> IAN COMPLETED | p50 %.1f ms (< 100) | p99 %.1f ms | max %.1f ms |", n, a, b, m }')")
}

# --- 3. queue operations on 1,000,000 tasks ------------------------------------------------------------------------
# Rows: 10 batches (batch-0..9, 100,000 each, by pk % 10), 100,000 studies; status by pk % 20: 1 FAILED (5%),
# 2 SCHEDULED (10%, due in 2099 so that no worker takes them), 1 CANCELED, 1 WARNING, the rest COMPLETED; times from
# 12 hours ago, one task a millisecond.
insert_sql() { # sqlite|postgresql
  local seq status times epoch
  # One task a millisecond from 12 hours ago: within the queue's purge delay (dcmPurgeQueueMessageCompletedDelay
  # P1D), which would otherwise delete the finished ones at start.
  epoch=$(date -u -d '-12 hours' '+%Y-%m-%d %H:%M:%S')
  status="CASE i % 20 WHEN 0 THEN 'FAILED' WHEN 1 THEN 'SCHEDULED' WHEN 2 THEN 'SCHEDULED' WHEN 3 THEN 'CANCELED' WHEN 4 THEN 'WARNING' ELSE 'COMPLETED' END"
  if [ "$1" = sqlite ]; then
    seq="WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $tasks) "
    times() { echo "strftime('%Y-%m-%dT%H:%M:%fZ', '$epoch', '+' || (($1) / 1000.0) || ' seconds')"; }
  else
    seq=""
    times() { echo "to_char(timestamp '$epoch' + ($1) * interval '1 millisecond', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"; }
  fi
  cat << EOF
${seq}INSERT INTO task (device_name, queue_name, task_type, status, batch_id, failures, created_time, updated_time, scheduled_time,
  proc_start_time, proc_end_time, error_msg, local_aet, remote_aet, study_iuid, series_iuid, sop_iuid, exporter_id, num_instances)
SELECT 'dcm4chee-arc', 'Export1', 'EXPORT', $status, 'batch-' || (i % 10), CASE WHEN i % 20 = 0 THEN 1 ELSE 0 END,
  $(times i), $(times "i + 1"), CASE WHEN i % 20 IN (1, 2) THEN '2099-01-01T00:00:00.000Z' ELSE $(times i) END,
  CASE WHEN i % 20 IN (1, 2) THEN NULL ELSE $(times i) END, CASE WHEN i % 20 IN (1, 2) THEN NULL ELSE $(times "i + 1") END,
  CASE WHEN i % 20 = 0 THEN 'Connection refused' END, 'DCM4CHEE', 'STORESCP', '1.2.826.0.1.3680043.10.1.' || (i % 100000), '*', '*', 'STORESCP', 1
FROM $([ "$1" = sqlite ] && echo n || echo "generate_series(1, $tasks) AS g(i)");
EOF
}

timed_get() { # URL -> seconds for one GET (curl's total time), dies on an error
  curl -sf -o "$work/body" -w '%{time_total}' "$1" || die "GET $1 failed"
}

queue_part() {
  local db args page count resched t body
  for db in "${dbs[@]}"; do
    args=()
    if [ "$db" = postgresql ]; then
      pg postgres -c "CREATE DATABASE $pg_db" > /dev/null || die "cannot create database $pg_db on $postgres"
      pg_made=1
      args=(--db postgresql --db-url "$postgres;Database=$pg_db")
    fi
    # Migrate with the archive, stop it, insert the rows, start it again on them.
    start_archive "${args[@]}"
    stop_server
    local started
    started=$(now)
    if [ "$db" = sqlite ]; then
      insert_sql sqlite | sqlite3 "$data/index.sqlite" || die "the SQLite insert failed"
      sqlite3 "$data/index.sqlite" "ANALYZE;"
    else
      insert_sql postgresql | pg "$pg_db" || die "the PostgreSQL insert failed"
      pg "$pg_db" -c "VACUUM ANALYZE task" > /dev/null
    fi
    echo "  $db: $tasks rows inserted in $(ms "$started" "$(now)") ms" >&2
    serial=$((serial - 1)) # the same data folder again
    start_archive "${args[@]}"
    page="" count="" 
    timed_get "$base/queue/Export1?status=FAILED&limit=20&orderby=-updatedTime" > /dev/null # warm-up
    timed_get "$base/queue/Export1/count?status=SCHEDULED" > /dev/null
    for _ in $(seq 3); do
      t=$(timed_get "$base/queue/Export1?status=FAILED&limit=20&orderby=-updatedTime")
      [ "$(jq length "$work/body")" -eq 20 ] || die "the page has $(jq length "$work/body") tasks, not 20"
      page+="$t "
      t=$(timed_get "$base/queue/Export1/count?status=SCHEDULED")
      [ "$(jq .count "$work/body")" -eq $((tasks / 10)) ] || die "count says $(jq .count "$work/body"), not $((tasks / 10))"
      count+="$t "
    done
    # The monitoring pages over the same rows (server-side rendering included): a queue's first page filtered by
    # status and unfiltered, the Export page (every EXPORT task, any queue), its count, and one task's page.
    local ui_page ui_paths=("/monitoring/queues?queue=Export1&status=FAILED" "/monitoring/queues?queue=Export1"
      "/monitoring/export" "/monitoring/export?status=FAILED&count=1" "/monitoring/tasks/500000")
    for ui_page in "${ui_paths[@]}"; do
      timed_get "http://127.0.0.1:$http_port$ui_page" > /dev/null # warm-up
      t=""
      for _ in $(seq 3); do
        t+="$(timed_get "http://127.0.0.1:$http_port$ui_page") "
      done
      grep -q 'class="status ' "$work/body" || die "$ui_page shows no task"
      results+=("$(awk -v db="$db" -v n="$tasks" -v p="$ui_page" -v m="$(echo "$t" | median)" 'BEGIN {
        printf "| UI page, %d tasks, %-10s | %s | %.1f ms (< 500) | | |", n, db, p, m * 1000 }')")
    done
    # Reschedule batch-3 (100,000 tasks, none SCHEDULED before: pk % 20 in 1,2 lie in batches 1,2) into 2099, so that
    # no worker starts 100,000 exports while the archive stops.
    t=$(curl -sf -X POST -o "$work/body" -w '%{time_total}' "$base/queue/Export1/reschedule?batchID=batch-3&scheduledTime=2099-01-01T00:00:00Z") \
      || die "the bulk reschedule failed: $(cat "$work/body" 2> /dev/null)"
    body=$(cat "$work/body")
    [ "$(jq .count <<< "$body")" -eq $((tasks / 10)) ] || die "the bulk reschedule answered $body"
    resched=$t
    stop_server
    results+=("$(awk -v db="$db" -v n="$tasks" -v p="$(echo "$page" | median)" -v c="$(echo "$count" | median)" -v r="$resched" 'BEGIN {
      printf "| queue, %d tasks, %-10s | page %.1f ms (< 50) | count %.1f ms (< 200) | reschedule %d: %.2f s (< 10) | |", n, db, p * 1000, c * 1000, n / 10, r }')")
    results+=("  runs (s): page $page/ count $count")
  done
}

for part in "${parts[@]}"; do
  case $part in
    export) export_part ;;
    ian) ian_part ;;
    queue) queue_part ;;
    *) die "unknown part '$part' in BENCH_PARTS" ;;
  esac
done

echo
echo "Cairn archive $commit; $(storescu --version 2> /dev/null | head -1 | tr -d '$' | sed 's/ *$//'); $(command -v Orthanc > /dev/null && echo "Orthanc $(Orthanc --version 2> /dev/null | head -1 | awk '{ print $2 }'); ")$(nproc) cores; median of $runs runs; load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
echo
for line in "${results[@]}"; do
  echo "$line"
done
