#!/usr/bin/env bash
# A batch against single runs through one worker, side by side (docs/benchmarks.md, Batches): alternates the CLI's
# `bench` of a 1,000-item batch of a trivial function with its `bench` of single runs of it, so both see the same
# machine, and prints one line per pair with items/s, runs/s and the ratio. Each pair also benches the same batches
# with --warm: a warm batch starts on the warm engine the previous one handed back (docs/runtime.md, "Batches").
#
#   scripts/batch-vs-single.sh [PAIRS] [BATCHES] [RUNS]     defaults: 3 pairs, 50 batches (1 in flight), 5000 runs (64 in flight)
#
# WORKER_GC_GEN0=0x4000000 starts the worker with DOTNET_GCgen0size (a 64 MB gen0 budget), to weigh that setting side
# by side with the runtime's own budget (unset, the default). Each line also shows how much of a batch's answer time
# was spent inside the sandbox (the answer's durationMs): the rest is the broker, the worker and the result store.
#
# Needs the Release builds (`dotnet build -c Release src/Cli` and `src/Worker`) and the services of `scripts/services.sh up`,
# with no other worker on them: the bench uses the workers' default queue.
set -euo pipefail
cd "$(dirname "$0")/.."

pairs="${1:-3}" batches="${2:-50}" runs="${3:-5000}"
eval "$(scripts/services.sh env | sed 's/^/export /')"
cli=(dotnet src/Cli/bin/Release/net10.0/isolated-runtime.dll)
logs="$(mktemp -d)"
python3 -c 'import json; print(json.dumps([[i, 1] for i in range(1000)]))' >"$logs/batch.json"

cleanup() {
  [ -n "${worker:-}" ] && kill "$worker" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

gen0="${WORKER_GC_GEN0:-}"
health_port=$(( 20000 + $$ % 5000 ))
env ${gen0:+DOTNET_GCgen0size="$gen0"} IsolatedRuntime__CodeBase="$PWD/examples" IsolatedRuntime__WorkerId=bench IsolatedRuntime__Health__Port=$health_port \
  IsolatedRuntime__ResultStore__KeyPrefix="bench-$$:" Logging__LogLevel__Default=Warning \
  dotnet src/Worker/bin/Release/net10.0/IsolatedRuntime.Worker.dll >"$logs/worker.log" 2>&1 &
worker=$!
# Ready means its queue is declared and consumed: a bench started before would be refused "routed to no queue".
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$health_port/health/ready" >/dev/null 2>&1 && break
  sleep 1
done
curl -sf "http://127.0.0.1:$health_port/health/ready" >/dev/null || { echo "the worker did not become ready in 120 s: $logs/worker.log" >&2; exit 1; }

bench() { # IN_FLIGHT COUNT WARMUP ARGUMENT...
  local in_flight=$1 count=$2 warmup=$3
  shift 3
  "${cli[@]}" bench --broker "$ConnectionStrings__RabbitMq" --redis "$ConnectionStrings__Redis" \
    --root hello --file index.js --func add "$@" --concurrency "$in_flight" --count "$count" --warmup "$warmup" --json 2>>"$logs/cli.log" |
    grep '^{' | tail -n 1
}

field() { # JSON NAME
  grep -o "\"$2\":[0-9.]*" <<<"$1" | head -n 1 | cut -d: -f2
}

echo "batches of 1,000 items (1 in flight) vs single runs (64 in flight), through one worker (DOTNET_GCgen0size=${gen0:-unset})"
for i in $(seq 1 "$pairs"); do
  batch=$(bench 1 "$batches" $(( batches / 5 )) --args-batch "@$logs/batch.json")
  warm=$(bench 1 "$batches" $(( batches / 5 )) --args-batch "@$logs/batch.json" --warm)
  single=$(bench 64 "$runs" $(( runs / 5 )) --args '[2,3]')
  awk -v label="pair $i" -v items="$(field "$batch" itemsPerSecond)" -v p50="$(field "$batch" p50Ms)" \
    -v inside="$(field "$batch" durationP50Ms)" -v warm="$(field "$warm" itemsPerSecond)" -v warmp50="$(field "$warm" p50Ms)" \
    -v warminside="$(field "$warm" durationP50Ms)" -v runs="$(field "$single" runsPerSecond)" -v load="$(cut -d' ' -f1 /proc/loadavg)" \
    'BEGIN { printf "%-7s batch %6.0f items/s (p50 %.1f ms, %.1f in the sandbox) | warm batch %6.0f items/s (p50 %.1f ms, %.1f in the sandbox) | single %5.0f runs/s | %.1fx, warm %.1fx | load %s\n", label, items, p50, inside, warm, warmp50, warminside, runs, items / runs, warm / runs, load }'
done
echo "logs: $logs"
