#!/usr/bin/env bash
# The fan-out kit (../shared/bench: wsload, the original FastAPI stack) with OpsDeck's server started by the launcher
# as a user starts it, WITHOUT and WITH its start-up cache (JDK 25), beside the original, interleaved in one run:
# per repeat and rate, the original, `OPSDECK_AOT=off ./opsdeck serve`, `./opsdeck serve` (its cache, trained first
# by the launcher's own training run for serve in a folder of this run: not timed). Each server is fresh on a free
# loopback port and stopped by its PID. stdout: wsload's JSON line of each measurement, then one summary line per
# rate (medians and each run: CPU µs per delivery and the ratio to the original's, p50/p99); stderr: progress.
#   server-bridge/beside-original.sh KIT_DIR [REPEATS]      KIT_DIR: a writable copy of the kit, set up as its README says
#   env: RATES="10" (injects/s; 0 = a burst), INJECTS=200 (200 at 10/s: the kit's 20 s run; 2000 with LIMIT=260: 200 s),
#        CLIENTS=100, LIMIT=60 (s, cap on each measured phase)
set -euo pipefail
kit="$(cd "${1:?usage: beside-original.sh KIT_DIR [REPEATS]}" && pwd)"
repeats="${2:-3}"
checkout="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rates="${RATES:-10}" injects="${INJECTS:-200}" clients="${CLIENTS:-100}" limit="${LIMIT:-60}"
py=/usr/bin/python3   # Debian's python, where apt puts FastAPI and uvicorn
scratch="$(mktemp -d /tmp/opsdeck-beside.XXXXXX)"
results="$scratch/results.jsonl"
say() { echo "beside-original: $*" >&2; }

$py -c 'import fastapi, uvicorn, websockets' 2>/dev/null || {
  say "the kit's stack is missing: apt-get install -y python3-fastapi python3-uvicorn python3-websockets python3-uvloop python3-httptools"
  exit 2; }
[ -d "$kit/node_modules/ws" ] || { say "run npm install in $kit first (the kit's README)"; exit 2; }

pid=
stop() {  # the server we started, by its PID: TERM, up to 5 s, then KILL
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pid=
}
trap 'stop; rm -rf "$scratch"' EXIT

"$kit/bench_world.py" "$checkout" $((injects + 10)) >"$scratch/world.json"
export OPSDECK_AOT_DIR="$scratch/aot"
say "load before: $(cat /proc/loadavg)"
say "making serve's start-up cache (the launcher's training run for serve; not timed)"
OPSDECK_AOT_TRAIN_ONLY=1 "$checkout/opsdeck" serve >&2
[ -f "$OPSDECK_AOT_DIR/serve.key" ] || { say "no start-up cache for serve was made (a JDK 25 is needed); see $OPSDECK_AOT_DIR"; exit 2; }

start_original() {
  (cd "$kit/anchor_fastapi" && exec $py -m uvicorn server:app --host 127.0.0.1 --port "$port" --loop auto) \
    >>"$scratch/servers.log" 2>&1 &
  pid=$!
}
start_opsdeck() {  # $1: off | on (the start-up cache); the kit's own start_opsdeck options otherwise
  local data
  data="$(mktemp -d "$scratch/data.XXXXXX")"
  OPSDECK_AOT="$1" "$checkout/opsdeck" serve --port "$port" --data-dir "$data" --world "$scratch/world.json" \
    --max-flows 100000 --debounce 1ms --pace 0 >>"$scratch/servers.log" 2>&1 &
  pid=$!
}

measure() {  # measure LABEL RATE START_COMMAND...
  local label="$1" rate="$2"
  shift 2
  port="$($py -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  "$@"
  for _ in $(seq 300); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
  node "$kit/wsload.mjs" --label "$label" --url "ws://127.0.0.1:$port/ws" --clients "$clients" --injects "$injects" \
    --rate "$rate" --time-limit "$limit" --server-pid "$pid" --answer-hitl \
    --inject '{"type":"inject","incident":"bench_{i}"}' | tee -a "$results" || say "wsload exit $? ($label, rate $rate)"
  stop
}

for r in $(seq "$repeats"); do
  for rate in $rates; do
    say "repeat $r/$repeats, rate $rate: the original, OpsDeck without its cache, OpsDeck with it"
    measure original "$rate" start_original
    measure opsdeck_without_cache "$rate" start_opsdeck off
    measure opsdeck_with_cache "$rate" start_opsdeck on
  done
done
say "load after: $(cat /proc/loadavg)"

# One line per rate: each side's CPU µs per delivery and its ratio to the original's in the same repeat.
$py - "$results" "$repeats" "$(nproc)" <<'SUMMARY'
import json, statistics, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.startswith('{')]
by_rate = {}
for l in lines:
    by_rate.setdefault(l.get('rate'), []).append(l)
for rate, runs in by_rate.items():
    out = {'bench': 'fanout-beside-original', 'rate': rate, 'repeats': int(sys.argv[2]), 'cores': int(sys.argv[3])}
    originals = [l for l in runs if l['label'] == 'original']
    for side in ('original', 'opsdeck_without_cache', 'opsdeck_with_cache'):
        mine = [l for l in runs if l['label'] == side]
        us = [l.get('server_cpu_us_per_event') for l in mine]
        out[side] = {'cpu_us_per_delivery': round(statistics.median(us), 2) if us else None, 'runs_us': us,
                     'p50_ms': [l.get('p50_ms') for l in mine], 'p99_ms': [l.get('p99_ms') for l in mine],
                     'lost': [l.get('lost') for l in mine]}
        if side != 'original':
            ratios = [round(m['server_cpu_us_per_event'] / o['server_cpu_us_per_event'], 3)
                      for m, o in zip(mine, originals)]
            out[side]['ratio_to_original'] = round(statistics.median(ratios), 3) if ratios else None
            out[side]['runs_ratio'] = ratios
    print(json.dumps(out))
SUMMARY
