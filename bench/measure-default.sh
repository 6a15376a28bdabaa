#!/usr/bin/env bash
# Measures what a load tester gets from `./acqsim` with its shipped configuration (transaction log
# on), its journal filled to the default retention first, against the bare echo server in the same
# run: acqsim on core 0, echo on core 0 (one at a time under load), the generator on core 1.
#
#   bench/measure-default.sh [OUT_DIR]        # about 20 minutes; REPS=1 WARMUP=5s for a quick look
#
# Prints a summary table (medians of REPS runs) and leaves every load report, acqsim's log and its
# GC and safepoint log in OUT_DIR (default bench/target/measure). The JVM writes that log from a
# thread of its own (-Xlog:async): written at the end of a pause, a line that waits for a busy disk
# (the transaction log fills acqsim.log with gigabytes) would otherwise hold every thread stopped.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mkdir -p "${1:-$home/bench/target/measure}" && cd "${1:-$home/bench/target/measure}" && pwd)"
reps="${REPS:-3}"
warmup="${WARMUP:-15s}"
duration="${DURATION:-10s}"
prefill="${PREFILL:-1000000}"
port=8584
admin=http://127.0.0.1:8580
cd "$home"

mvn -B -q -DskipTests package >"$out/build.log" 2>&1
bench_jar="$home/bench/target/acqsim-bench.jar"

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

taskset -c 0 java -jar "$bench_jar" echo --port 9584 >"$out/echo.log" 2>&1 &
pids+=($!)
ACQSIM_JAVA_OPTS="-Xlog:gc,safepoint:file=$out/gc.log -Xlog:async ${ACQSIM_JAVA_OPTS:-}" taskset -c 0 ./acqsim >"$out/acqsim.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do
  curl -sf "$admin/health" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -sf "$admin/health" >/dev/null

load() { taskset -c 1 java -jar "$bench_jar" load --target 127.0.0.1:$port --admin "$admin" --quiet "$@"; }

if [ "$prefill" -gt 0 ]; then
  echo "prefill: $prefill sales"
  load --prefill "$prefill" -c 1 -n 1 -w 0s -d 1s --out "$out/prefill" --name prefill >"$out/prefill.txt"
  grep '^prefill:' "$out/prefill.txt"
fi

ratio() { grep -o 'acqsim throughput [0-9]* tx/s = [0-9.]* x echo ([0-9]* tx/s)' "$1" | head -1; }
p99() { grep -o 'p99 [0-9.]* us vs echo [0-9.]* us (x [0-9.]*)' "$1" | head -1; }

run_shape() {  # name, load options...
  local name="$1"; shift
  for r in $(seq 1 "$reps"); do
    load --baseline 127.0.0.1:9584 -w "$warmup" -d "$duration" --out "$out/$name-$r" "$@" >"$out/$name-$r.txt"
    echo "$name run $r: $(ratio "$out/$name-$r.txt"); $(p99 "$out/$name-$r.txt")"
  done
}

run_shape c64n1 -c 64 -n 1
run_shape c8n16 -c 8 -n 16
run_shape open10k -c 64 -n 1 -r 10000

# /metrics scraped every 100 ms during a 64 x 1 run, by the generator (one kept-alive connection, as a
# Prometheus server scrapes): REPS pairs of acqsim-only runs, without and with the scrape, one after
# the other, so each pair sees the same machine; the cost is the median of with / without.
for r in $(seq 1 "$reps"); do
  load -w "$warmup" -d "$duration" -c 64 -n 1 --out "$out/noscrape-$r" >"$out/noscrape-$r.txt"
  load -w "$warmup" -d "$duration" -c 64 -n 1 --scrape-metrics 100ms --out "$out/scrape-$r" >"$out/scrape-$r.txt"
  a=$(grep -o '^throughput [0-9]*' "$out/noscrape-$r.txt" | awk '{print $2}')
  b=$(grep -o '^throughput [0-9]*' "$out/scrape-$r.txt" | awk '{print $2}')
  echo "c64n1 without / with /metrics every 100 ms, pair $r: $a / $b tx/s = $(awk -v a="$a" -v b="$b" 'BEGIN {printf "%+.1f %%", (b / a - 1) * 100}'); $(grep -o 'metrics: .*' "$out/scrape-$r.txt")"
done

# open loop at half of acqsim's own 64 x 1 maximum, 60 s, GC pauses from -Xlog:gc
max=$(for r in $(seq 1 "$reps"); do ratio "$out/c64n1-$r.txt" | awk '{print $3}'; done | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
half=$(( max / 2 ))
gc_from=$(wc -l <"$out/gc.log")
load --baseline 127.0.0.1:9584 -w "$warmup" -d "${HALF_DURATION:-60s}" -c 64 -n 1 -r "$half" --out "$out/openhalf" >"$out/openhalf.txt"
tail -n +"$((gc_from + 1))" "$out/gc.log" >"$out/gc-openhalf.log"
worst=$( (grep 'Pause' "$out/gc-openhalf.log" || true) | grep -o '[0-9.]*ms$' | sed 's/ms//' | sort -n | tail -1)
stopped=$( (grep -o 'Total: [0-9]* ns' "$out/gc-openhalf.log" || true) | awk '{print $2}' | sort -n | tail -1)
echo "open loop at $half tx/s (half of $max) for ${HALF_DURATION:-60s}: $(p99 "$out/openhalf.txt"); worst GC pause ${worst:-none} ms, longest safepoint $(awk -v n="${stopped:-0}" 'BEGIN {printf "%.2f", n / 1e6}') ms (logs from the start of that run, warm-up included)"
grep -o 'acqsim.txlog.dropped[^ ]* [0-9.E]*\|acqsim_txlog_dropped_total [0-9.E]*' <(curl -s "$admin/metrics") || true
