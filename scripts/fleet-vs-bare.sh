#!/usr/bin/env bash
# The fleet against bare MassTransit request/response, side by side on one broker (docs/benchmarks.md, Fleet).
# Starts a fresh worker and the bare consumer (benchmarks/Fleet.Baseline), then alternates the CLI's `bench` and the
# bare bench, so both see the same machine, and prints one line per pair with the ratio and the worker's CPU per run.
#
#   scripts/fleet-vs-bare.sh [PAIRS] [COUNT] [WARMUP]     defaults: 3 pairs, 10000 runs, 2000 warm-up runs, 64 in flight
#   then one sequential pair (1 in flight, COUNT/5 runs, WARMUP/4 warm-up runs).
#
# Needs the Release builds (`dotnet build -c Release src/Cli benchmarks/Fleet.Baseline`) and the services of
# `scripts/services.sh up`, with no other worker on them: the fleet bench uses the workers' default queue.
# Worker settings can be passed in the environment (IsolatedRuntime__…). The bare consumer's queue has the worker's
# queue type (quorum unless IsolatedRuntime__QueueType=Classic), so both pay the same broker; BARE_QUEUE_TYPE=classic
# or quorum overrides that.
set -euo pipefail
cd "$(dirname "$0")/.."

pairs="${1:-3}" count="${2:-10000}" warmup="${3:-2000}"
concurrency="${CONCURRENCY:-64}"
eval "$(scripts/services.sh env | sed 's/^/export /')"
cli=(dotnet src/Cli/bin/Release/net10.0/isolated-runtime.dll)
bare=(dotnet benchmarks/Fleet.Baseline/bin/Release/net10.0/fleet-baseline.dll)
queue="bench-$$" # the stored outcomes' key prefix and the bare consumer's queue
logs="$(mktemp -d)"
bare_queue_type="${BARE_QUEUE_TYPE:-$([ "${IsolatedRuntime__QueueType:-Auto}" = Classic ] && echo classic || echo quorum)}"
bare_serve=()
[ "$bare_queue_type" = quorum ] && bare_serve=(--quorum)

cleanup() {
  for pid in ${worker:-} ${server:-}; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

cpu_seconds() { # utime + stime of one process, in seconds
  awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$1/stat"
}

health_port=$(( 20000 + $$ % 5000 ))
IsolatedRuntime__CodeBase="$PWD/examples" IsolatedRuntime__WorkerId=bench IsolatedRuntime__Health__Port=$health_port \
  IsolatedRuntime__ResultStore__KeyPrefix="$queue:" Logging__LogLevel__Default=Warning \
  dotnet src/Worker/bin/Release/net10.0/IsolatedRuntime.Worker.dll >"$logs/worker.log" 2>&1 &
worker=$!
"${bare[@]}" serve "$ConnectionStrings__RabbitMq" "$queue" "${bare_serve[@]}" >"$logs/bare.log" 2>&1 &
server=$!
# Ready means its queue is declared and consumed: a bench started before would be refused "routed to no queue".
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$health_port/health/ready" >/dev/null 2>&1 && break
  sleep 1
done
curl -sf "http://127.0.0.1:$health_port/health/ready" >/dev/null || { echo "the worker did not become ready in 120 s: $logs/worker.log" >&2; exit 1; }
sleep 2 # the bare consumer starts beside it and is as quick

broker_pid=$(cat .services/rabbitmq/pid)
redis_pid=$(cat .services/redis/pid)

fleet_bench() { # IN_FLIGHT COUNT WARMUP
  "${cli[@]}" bench --broker "$ConnectionStrings__RabbitMq" --redis "$ConnectionStrings__Redis" \
    --root hello --file index.js --func add --args '[2,3]' --concurrency "$1" --count "$2" --warmup "$3" --json 2>>"$logs/cli.log"
}

bare_bench() { # IN_FLIGHT COUNT WARMUP
  "${bare[@]}" bench "$ConnectionStrings__RabbitMq" "$2" "$1" "$3" "$queue"
}

# One bench with the CPU seconds it cost each process: prints "JSON server client broker redis".
measured() { # SERVER_PID BENCH_FUNCTION IN_FLIGHT COUNT WARMUP
  local s0 b0 r0 s1 b1 r1 out
  s0=$(cpu_seconds "$1") b0=$(cpu_seconds "$broker_pid") r0=$(cpu_seconds "$redis_pid")
  out=$("$2" "$3" "$4" "$5"; times)
  s1=$(cpu_seconds "$1") b1=$(cpu_seconds "$broker_pid") r1=$(cpu_seconds "$redis_pid")
  echo "$(grep '^{' <<<"$out" | tail -n 1) $(awk -v a="$s0" -v b="$s1" 'BEGIN { print b - a }') \
$(tail -n 1 <<<"$out" | sed 's/[ms]/ /g' | awk '{ print $1 * 60 + $2 + $3 * 60 + $4 }') $(awk -v a="$b0" -v b="$b1" 'BEGIN { print b - a }') \
$(awk -v a="$r0" -v b="$r1" 'BEGIN { print b - a }')"
}

report() { # LABEL RUNS FLEET_LINE BARE_LINE
  awk -v label="$1" -v runs="$2" -v fleet="$3" -v bare="$4" -v load="$(cut -d' ' -f1 /proc/loadavg)" '
    function field(line, name,   m) { return match(line, "\"" name "\":[0-9.]+") ? substr(line, RSTART + length(name) + 3, RLENGTH - length(name) - 3) + 0 : 0 }
    BEGIN {
      split(fleet, f, " "); split(bare, b, " ")
      fr = field(f[1], "runsPerSecond"); br = field(b[1], "runsPerSecond")
      fp = field(f[1], "p50Ms"); bp = field(b[1], "p50Ms")
      printf "%-10s fleet %7.1f runs/s p50 %6.2f ms | bare %7.1f runs/s p50 %6.2f ms | ratio %.2f, p50 %.2fx | load %s\n", label, fr, fp, br, bp, fr / br, fp / bp, load
      printf "%-10s CPU us/run (warm-up incl.): fleet worker %4.0f client %4.0f broker %4.0f redis %3.0f | bare server %4.0f client %4.0f broker %4.0f redis %3.0f\n", "", \
        f[2] / runs * 1e6, f[3] / runs * 1e6, f[4] / runs * 1e6, f[5] / runs * 1e6, b[2] / runs * 1e6, b[3] / runs * 1e6, b[4] / runs * 1e6, b[5] / runs * 1e6
    }'
}

pair() { # LABEL IN_FLIGHT COUNT WARMUP
  local fleet_line bare_line
  fleet_line=$(measured "$worker" fleet_bench "$2" "$3" "$4")
  bare_line=$(measured "$server" bare_bench "$2" "$3" "$4")
  report "$1" $(( $3 + $4 )) "$fleet_line" "$bare_line"
}

echo "fleet vs bare MassTransit: $pairs pairs of $count runs ($warmup warm-up), $concurrency in flight; worker queue type ${IsolatedRuntime__QueueType:-Auto}, bare queue $bare_queue_type"
for i in $(seq 1 "$pairs"); do
  pair "pair $i" "$concurrency" "$count" "$warmup"
done
pair sequential 1 $(( count / 5 )) $(( warmup / 4 ))
echo "logs: $logs"
