#!/usr/bin/env bash
# Runs every test project of the solution and ends with one line: "N passed, N failed".
# Exits non-zero when a test failed, a test host crashed, or nothing ran at all.
# Extra arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Modules").
set -uo pipefail
cd "$(dirname "$0")/.."

results="${TEST_RESULTS_DIR:-TestResults}"
rm -rf "$results"

dotnet test IsolatedRuntime.sln --nologo --logger "trx;LogFilePrefix=results" --results-directory "$results" "$@"
status=$?

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
