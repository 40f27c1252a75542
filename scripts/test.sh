#!/usr/bin/env bash
# Runs every test project of the solution and ends with one line: "N passed, N failed".
# Exits non-zero when a test failed, a test host crashed, or nothing ran at all.
#
# Two phases: first every test but the fault drills (the test projects in parallel), then the drills
# (tests/Fleet.Tests, category Drill) alone, because drill 7 measures how two worker processes share the machine's
# cores and must not share them with the other test projects (docs/reliability.md).
# Extra arguments go to `dotnet test` and replace the phases with one run (e.g. --filter "FullyQualifiedName~Modules").
set -uo pipefail
cd "$(dirname "$0")/.."

results="${TEST_RESULTS_DIR:-TestResults}"
rm -rf "$results"

run() {
  dotnet test "$@" --nologo --logger "trx;LogFilePrefix=results" --results-directory "$results"
}

status=0
if [ $# -gt 0 ]; then
  run IsolatedRuntime.sln "$@" || status=$?
else
  run IsolatedRuntime.sln --filter "Category!=Drill" || status=$?
  run tests/Fleet.Tests --no-build --filter "Category=Drill" || status=$?
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
