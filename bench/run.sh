#!/usr/bin/env bash
# Whole-process storage benchmark: Cairn storescu -> Cairn storescp against DCMTK storescu -> DCMTK storescp, the
# same files in the same run. See bench/README.md. Knobs (environment):
#   BENCH_RUNS=3                 timed runs per case (the median is reported)
#   BENCH_SMALL=1000:140x140     small set, COUNT:ROWSxCOLUMNS (16-bit pixels; 140x140 is about 40 KB a file)
#   BENCH_LARGE=200:512x512      large set (512x512 is about 0.5 MB a file)
#   BENCH_PORT=11460             first of the ports used (Cairn, Cairn -q, DCMTK, baseline)
#   BENCH_FILES=/tmp/cairn-bench-files   where generated sets are kept between runs
#   CAIRN_SCU_ARGS, CAIRN_SCP_ARGS       extra options for Cairn's tools in both Cairn cases (e.g. "--max-pdulen 0")
#   DCMTK_SCU_ARGS, DCMTK_SCP_ARGS       extra options for DCMTK's tools
#   CAIRN_ARTIFACTS              build output of the tools (as for bin/build-tools)
#   BENCH_ARTIFACTS              build output of the file generator (default: CAIRN_ARTIFACTS, else artifacts/)
#   BENCH_BASELINE               another build of the tools (e.g. of the last commit), run as a fourth case with
#                                Cairn's default options: before/after figures from one run. Its native executable
#                                cairn, or a cairn.dll (run with `dotnet`); BENCH_BASELINE_DLL is the older name
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${BENCH_RUNS:-3}"
small="${BENCH_SMALL:-1000:140x140}"
large="${BENCH_LARGE:-200:512x512}"
port="${BENCH_PORT:-11460}"
cache="${BENCH_FILES:-/tmp/cairn-bench-files}"
read -r -a cairn_scu_args <<< "${CAIRN_SCU_ARGS:-}"
read -r -a cairn_scp_args <<< "${CAIRN_SCP_ARGS:-}"
read -r -a dcmtk_scu_args <<< "${DCMTK_SCU_ARGS:-}"
read -r -a dcmtk_scp_args <<< "${DCMTK_SCP_ARGS:-}"

die() { echo "bench/run.sh: $*" >&2; exit 1; }

# The cases: DCMTK with its defaults; Cairn with its defaults (every message logged at INFO, as dcm4che does);
# Cairn with -q on both sides, which logs as little as DCMTK's defaults do.
impls=(dcmtk cairn cairnq)
declare -A impl_port=([cairn]=$port [cairnq]=$((port + 1)) [dcmtk]=$((port + 2)) [base]=$((port + 3)))
declare -A impl_label=([dcmtk]="DCMTK" [cairn]="Cairn" [cairnq]="Cairn -q" [base]="baseline")
baseline="${BENCH_BASELINE:-${BENCH_BASELINE_DLL:-}}"
baseline_cmd=()
if [ -n "$baseline" ]; then
  [ -f "$baseline" ] || die "BENCH_BASELINE: $baseline does not exist"
  case $baseline in
    *.dll) baseline_cmd=(dotnet "$baseline") ;;
    *) baseline_cmd=("$baseline") ;;
  esac
  impls+=(base)
fi

for tool in dotnet storescu storescp ss awk sha256sum; do
  command -v "$tool" > /dev/null || die "$tool is not installed (DCMTK: apt-get install -y dcmtk)"
done
for impl in "${impls[@]}"; do
  [ -z "$(ss -Hltn "sport = :${impl_port[$impl]}")" ] || die "port ${impl_port[$impl]} is in use; set BENCH_PORT"
done

# --- build ------------------------------------------------------------------------------------------------------
# The tools are built once here and then run as `cairn TOOL` (the native executable), which is what bin/storescu
# and bin/storescp exec after their up-to-date check: a source file touched while this runs cannot start a rebuild
# inside a timed run.
echo "building the tools..." >&2
cairn=$("$root/bin/build-tools")
gen_artifacts="${BENCH_ARTIFACTS:-${CAIRN_ARTIFACTS:-$root/artifacts}}"
gen_dll="$gen_artifacts/bin/Cairn.BenchFiles/release/Cairn.BenchFiles.dll"
gen_key=$(cat "$root/bench/Cairn.BenchFiles/Program.cs" "$root/bench/Cairn.BenchFiles/Cairn.BenchFiles.csproj" | sha256sum | cut -c1-12)

# --- input files (written by Cairn's toolkit, kept in $cache) ---------------------------------------------------
# Prints the folder of COUNT:ROWSxCOLUMNS, generating it on first use.
file_set() {
  local spec=$1 count rows columns dir
  count=${spec%%:*}
  rows=${spec#*:}
  rows=${rows%%x*}
  columns=${spec##*x}
  [[ $count =~ ^[0-9]+$ && $rows =~ ^[0-9]+$ && $columns =~ ^[0-9]+$ ]] || die "$spec: expected COUNT:ROWSxCOLUMNS"
  dir="$cache/ct-$count-${rows}x$columns-$gen_key"
  if [ ! -d "$dir" ]; then
    if [ ! -f "$gen_dll" ] || [ -n "$(find "$root/bench/Cairn.BenchFiles" "$root/src/Cairn.Dicom" -newer "$gen_dll" \( -name '*.cs' -o -name '*.csproj' \) -print -quit)" ]; then
      echo "building the file generator..." >&2
      dotnet build "$root/bench/Cairn.BenchFiles/Cairn.BenchFiles.csproj" -c Release --nologo -v q -clp:ErrorsOnly "-p:ArtifactsPath=$gen_artifacts" >&2 \
        || die "the file generator did not build"
      touch "$gen_dll"
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

# --- the SCPs -----------------------------------------------------------------------------------------------------
# Each SCP runs for the whole benchmark and writes into $work/<impl>-out, a symbolic link pointed at a new, empty
# folder before every run. Received files are deleted only at the end: deleting a run's files just before the next
# run makes ext4 search past thousands of just-freed inodes for every file created (recently_deleted() in the
# kernel), which costs up to ~0.5 s per 1,000 files and varies from run to run.
work=$(mktemp -d /tmp/cairn-bench-run.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2> /dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2> /dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

serial=0
fresh_output() { # IMPL: points $work/IMPL-out at a new empty folder
  serial=$((serial + 1))
  mkdir "$work/run-$serial"
  ln -sfn "$work/run-$serial" "$work/$1-out"
}

declare -A scp_pid
for impl in "${impls[@]}"; do
  fresh_output "$impl"
  case $impl in
    cairn) "$cairn" storescp -b "STORESCP@127.0.0.1:${impl_port[$impl]}" --directory "$work/$impl-out" "${cairn_scp_args[@]}" > "$work/$impl-scp.log" 2>&1 & ;;
    cairnq) "$cairn" storescp -q -b "STORESCP@127.0.0.1:${impl_port[$impl]}" --directory "$work/$impl-out" "${cairn_scp_args[@]}" > "$work/$impl-scp.log" 2>&1 & ;;
    dcmtk) TCP_NODELAY=1 storescp "${dcmtk_scp_args[@]}" -od "$work/$impl-out" "${impl_port[$impl]}" > "$work/$impl-scp.log" 2>&1 & ;;
    base) "${baseline_cmd[@]}" storescp -b "STORESCP@127.0.0.1:${impl_port[$impl]}" --directory "$work/$impl-out" "${cairn_scp_args[@]}" > "$work/$impl-scp.log" 2>&1 & ;;
  esac
  scp_pid[$impl]=$!
  pids+=($!)
done
for impl in "${impls[@]}"; do
  for _ in $(seq 100); do
    [ -n "$(ss -Hltn "sport = :${impl_port[$impl]}")" ] && break
    sleep 0.1
  done
  [ -n "$(ss -Hltn "sport = :${impl_port[$impl]}")" ] || die "$impl's SCP is not listening on port ${impl_port[$impl]}; see $work/$impl-scp.log"
done

# storescu of each case, for a folder or files. DCMTK 3.6.7 leaves Nagle's algorithm on unless TCP_NODELAY is set,
# and would then wait ~40 ms for a delayed ACK on every C-STORE.
scu() { # IMPL FILE|DIR...
  local impl=$1
  shift
  case $impl in
    cairn) "$cairn" storescu -c "STORESCP@127.0.0.1:${impl_port[$impl]}" "${cairn_scu_args[@]}" "$@" ;;
    cairnq) "$cairn" storescu -q -c "STORESCP@127.0.0.1:${impl_port[$impl]}" "${cairn_scu_args[@]}" "$@" ;;
    dcmtk) TCP_NODELAY=1 storescu "${dcmtk_scu_args[@]}" -aec STORESCP +sd 127.0.0.1 "${impl_port[$impl]}" "$@" ;;
    base) "${baseline_cmd[@]}" storescu -c "STORESCP@127.0.0.1:${impl_port[$impl]}" "${cairn_scu_args[@]}" "$@" ;;
  esac
}

# Warm-up, not timed: each SCP serves one association of 20 files first, as a running archive would have.
mapfile -t warmup < <(find "${set_dir[small]}" -type f | sort | head -20)
for impl in "${impls[@]}"; do
  scu "$impl" "${warmup[@]}" > "$work/warmup-$impl.log" 2>&1 || die "$impl: the warm-up failed; see $work/warmup-$impl.log"
  fresh_output "$impl"
done

# --- timed runs ---------------------------------------------------------------------------------------------------
ticks=$(getconf CLK_TCK)
scp_cpu() { awk -v t="$ticks" '{ sub(/^.*\) /, ""); print ($12 + $13) / t }' "/proc/$1/stat"; }

declare -A walls cpus
one_run() { # IMPL SET RUN
  local impl=$1 set=$2 run=$3 dir=${set_dir[$2]} expected got before after wall user system TIMEFORMAT
  expected=$(find "$dir" -type f | wc -l)
  sync
  before=$(scp_cpu "${scp_pid[$impl]}")
  TIMEFORMAT='%3R %3U %3S'
  { time scu "$impl" "$dir" > "$work/scu.log" 2>&1; } 2> "$work/time" || { cat "$work/scu.log" >&2; die "$impl: storescu failed on the $set set"; }
  after=$(scp_cpu "${scp_pid[$impl]}")
  read -r wall user system < "$work/time"
  got=$(find -L "$work/$impl-out" -type f ! -name '.*' | wc -l)
  [ "$got" -eq "$expected" ] || die "$impl: $got of $expected files arrived in the $set set's run $run"
  fresh_output "$impl"
  walls[$impl-$set]+="$wall "
  cpus[$impl-$set]+="$(awk -v u="$user" -v s="$system" -v a="$before" -v b="$after" 'BEGIN { printf "%.2f", u + s + b - a }') "
  printf '  %-8s %-5s run %d: %s s\n' "${impl_label[$impl]}" "$set" "$run" "$wall" >&2
}

# Interleaved (DCMTK, Cairn, Cairn -q, DCMTK, ...) so that drift on a shared machine touches every case alike.
for run in $(seq "$runs"); do
  for set in small large; do
    for impl in "${impls[@]}"; do
      one_run "$impl" "$set" "$run"
    done
  done
done

# --- report -------------------------------------------------------------------------------------------------------
median() { tr ' ' '\n' | grep . | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

commit=$(git -C "$root" rev-parse --short HEAD 2> /dev/null || echo '?')
git -C "$root" diff --quiet HEAD -- src 2> /dev/null || commit+=" + uncommitted changes in src/"
echo
echo "Cairn $commit vs $(storescu --version 2> /dev/null | head -1 | tr -d '$' | sed 's/ *$//'); $(nproc) cores; median of $runs runs"
[ -n "${CAIRN_SCU_ARGS:-}${CAIRN_SCP_ARGS:-}" ] && echo "Cairn options: storescu ${CAIRN_SCU_ARGS:-} / storescp ${CAIRN_SCP_ARGS:-}"
[ -n "${DCMTK_SCU_ARGS:-}${DCMTK_SCP_ARGS:-}" ] && echo "DCMTK options: storescu ${DCMTK_SCU_ARGS:-} / storescp ${DCMTK_SCP_ARGS:-}"
[ -n "$baseline" ] && echo "baseline: $baseline, Cairn's default options"
echo
printf '| %-30s | %-8s | %7s | %-14s | %11s | %9s |\n' "set" "case" "wall s" "throughput" "CPU s (all)" "vs DCMTK"
printf '| %-30s | %-8s | %7s | %-14s | %11s | %9s |\n' "------------------------------" "--------" "------:" "--------------" "----------:" "--------:"
for set in small large; do
  dir=${set_dir[$set]}
  count=$(find "$dir" -type f | wc -l)
  bytes=$(find "$dir" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
  reference=$(echo "${walls[dcmtk-$set]}" | median)
  for impl in "${impls[@]}"; do
    awk -v set="$set" -v n="$count" -v b="$bytes" -v w="$(echo "${walls[$impl-$set]}" | median)" -v r="$reference" \
        -v cpu="$(echo "${cpus[$impl-$set]}" | median)" -v label="${impl_label[$impl]}" 'BEGIN {
      title = sprintf("%s: %d files, %.1f MB", set, n, b / 1e6)
      rate = set == "small" ? sprintf("%7.0f inst/s", n / w) : sprintf("%7.1f MB/s", b / 1e6 / w)
      printf "| %-30s | %-8s | %7.3f | %-14s | %11.2f | %8.2fx |\n", title, label, w, rate, cpu, r / w
    }'
  done
done
echo
echo "wall: the storescu process, start to exit, with its SCP already listening; CPU: that storescu process plus"
echo "what its SCP used meanwhile; vs DCMTK: DCMTK's median wall time / this case's (throughput ratio). All runs (s):"
for set in small large; do
  for impl in "${impls[@]}"; do
    printf '  %-5s %-8s %s\n' "$set" "${impl_label[$impl]}" "${walls[$impl-$set]}"
  done
done
