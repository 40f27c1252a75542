#!/usr/bin/env bash
# Proves the packages, not assumes them: packs every package of the solution (one version, new for each run so that no
# cached copy is used) into a local folder, then
#   1. builds and runs examples/dotnet-producer from that folder against the embedded fleet;
#   2. installs the CLI as a .NET tool from that folder (`dotnet tool install isolated-runtime`) and runs a function.
# Writes its two results as a TRX summary into the results folder, so scripts/test.sh counts them in its last line.
# Usage: scripts/package-test.sh [RESULTS_DIR]   (after a Debug build of the solution, as the tests make: packs it with
# --no-build; PACK_CONFIGURATION=Release after a Release build)
set -uo pipefail
cd "$(dirname "$0")/.."

results="${1:-${TEST_RESULTS_DIR:-TestResults}}"
mkdir -p "$results"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version="0.1.0-local.$(date +%Y%m%d%H%M%S).$$"
packages="$work/packages"
passed=0 failed=0

check() { # name, command...
  local name=$1; shift
  echo "package test: $name"
  if "$@"; then passed=$((passed + 1)); echo "package test: $name passed"; else failed=$((failed + 1)); echo "package test: $name FAILED"; fi
}

pack() {
  # The configuration the tests just built (pack alone would look for a Release build that a fresh clone lacks).
  dotnet pack IsolatedRuntime.sln --no-build -c "${PACK_CONFIGURATION:-Debug}" --nologo -v quiet -o "$packages" -p:Version="$version" &&
    ls "$packages"/IsolatedRuntime.{Contracts,Protocol,Sandbox,Client,Worker,Embedded}."$version".nupkg "$packages/isolated-runtime.$version.nupkg"
}

producer() {
  # Built outside the repository, as a user's project is: no Directory.Build.* or central versions of this repository.
  cp -r examples/dotnet-producer "$work/producer" &&
    dotnet build "$work/producer" --nologo -v quiet -p:IsolatedRuntimeVersion="$version" -p:RestoreAdditionalProjectSources="$packages" &&
    dotnet "$work/producer/bin/Debug/net10.0/dotnet-producer.dll" "$PWD/examples"
}

tool() {
  dotnet tool install isolated-runtime --tool-path "$work/tools" --add-source "$packages" --version "$version" &&
    [ "$("$work/tools/isolated-runtime" run --root examples/hello --file index.js --func add --args '[2, 3]')" = 5 ]
}

if check "pack" pack; then
  check "dotnet producer sample from the packages (examples/dotnet-producer)" producer
  check "dotnet tool install isolated-runtime from the packages" tool
fi

cat > "$results/package-test.trx" <<TRX
<?xml version="1.0" encoding="utf-8"?>
<TestRun name="package-test" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
  <ResultSummary outcome="$([ "$failed" -eq 0 ] && echo Completed || echo Failed)">
    <Counters total="$((passed + failed))" executed="$((passed + failed))" passed="$passed" failed="$failed" notExecuted="0" />
  </ResultSummary>
</TestRun>
TRX
echo "package tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
