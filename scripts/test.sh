#!/usr/bin/env bash
# Runs every test project of the solution and ends with one line: "N passed, N failed".
# Exits non-zero when a test failed, a test host crashed, or nothing ran at all.
#
# Three phases:
#   1. every test but the fault drills and the Docker ones, the test projects in parallel; the fleet tests use private
#      RabbitMQ and Redis processes (FLEET_SERVICES=processes, scripts/services.sh); then the packages, packed from
#      that build, proved by a sample producer and the CLI installed as a .NET tool (scripts/package-test.sh);
#   2. the fault drills (tests/Fleet.Tests, category Drill) alone, because drill 7 measures how two worker processes
#      share the machine's cores and must not share them with the other test projects or an image build
#      (docs/reliability.md);
#   3. the Docker phase (category Docker), alone too: the compose drill (images built, `up --scale worker=3`, a bench,
#      a killed worker, a rescale under load, `down -v`; docs/operations.md) and IdempotencyTests and PublishTests again
#      on Testcontainers (FLEET_SERVICES=containers). It runs when a Docker engine answers (DOCKER_HOST, else the
#      engine of scripts/docker-engine.sh, else /var/run/docker.sock); otherwise its tests are reported as skipped,
#      unless ISOLATED_RUNTIME_REQUIRE_DOCKER=1 (CI), where they fail.
# Extra arguments go to `dotnet test` and replace the phases with one run (e.g. --filter "FullyQualifiedName~Modules").
set -uo pipefail
cd "$(dirname "$0")/.."

results="${TEST_RESULTS_DIR:-TestResults}"
rm -rf "$results"

# A test that hangs fails after the bound, named in the output, instead of holding the run until CI gives up on it.
# The Docker phase gets longer: its first test may wait for the fleet's images to be built.
hang_bound=10m
run() {
  dotnet test "$@" --nologo --logger "trx;LogFilePrefix=results" --results-directory "$results" \
    --blame-hang-timeout "$hang_bound" --blame-hang-dump-type none
}

# The engine the Docker phase talks to, when one answers.
if engine=$(bash scripts/docker-engine.sh env 2>/dev/null); then
  eval "$engine"
  docker_answers=true
else
  docker_answers=false
fi

status=0
if [ $# -gt 0 ]; then
  run IsolatedRuntime.sln "$@" || status=$?
else
  FLEET_SERVICES=processes run IsolatedRuntime.sln --filter "Category!=Drill&Category!=Docker" || status=$?
  # The packages, packed from that build: a sample producer and the CLI as a .NET tool, installed from them.
  bash scripts/package-test.sh "$results" || status=$?
  # The drills run alone, so an image build in progress (scripts/docker-images.sh, which CI starts beside the first
  # phase; it holds this lock while it builds) is waited for first.
  images_lock="${TMPDIR:-/tmp}/isolated-runtime-docker-images.lock"
  if [ -e "$images_lock" ] && ! flock -n "$images_lock" true; then
    echo "Drills: waiting for the Docker image build in progress to end first (at most 30 min)"
    flock -w 1800 "$images_lock" true || echo "Drills: the image build still runs after 30 min; starting anyway"
  fi
  run tests/Fleet.Tests --no-build --filter "Category=Drill" || status=$?
  if $docker_answers || [ "${ISOLATED_RUNTIME_REQUIRE_DOCKER:-}" = 1 ]; then
    # The drill's timings and figures are in its output: the detailed console logger prints them.
    hang_bound=30m FLEET_SERVICES=containers run tests/Fleet.Tests --no-build --logger "console;verbosity=detailed" \
      --filter "Category=Docker|FullyQualifiedName~IsolatedRuntime.Fleet.Tests.IdempotencyTests|FullyQualifiedName~IsolatedRuntime.Fleet.Tests.PublishTests" || status=$?
  else
    echo "Docker phase: no Docker engine answers, so its tests are skipped (start one: eval \"\$(scripts/docker-engine.sh up)\")"
    run tests/Fleet.Tests --no-build --filter "Category=Docker" || status=$?
  fi
fi

passed=0 failed=0 skipped=0
counter() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$2"; }
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  passed=$((passed + $(counter passed "$counters")))
  failed=$((failed + $(counter failed "$counters")))
  skipped=$((skipped + $(counter notExecuted "$counters")))
done

echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
