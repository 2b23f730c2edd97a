#!/usr/bin/env bash
# Runs every LiquidStake test: installs the pinned chain tools when missing, builds with warnings as errors,
# runs the .NET test projects and the replica tests, publishes the CLI with Native AOT (and runs the CLI tests on
# that binary), packs the libraries and builds a consumer from the packages, and ends with one line "N passed, N failed[, N skipped]".
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
out="$root/.test-output"
rm -rf "$out"; mkdir -p "$out"

step() { printf '\n== %s ==\n' "$*"; }

step "chain tools (npm ci when missing)"
bash chain/scripts/ensure-tools.sh || { echo "0 passed, 1 failed"; exit 1; }

step "StakeWise SDK check (npm ci when missing; tests/StakeWiseSdk, used by the StakeWise comparison tests)"
bash tests/StakeWiseSdk/ensure-deps.sh || { echo "0 passed, 1 failed"; exit 1; }

step "build (warnings are errors)"
if ! dotnet build LiquidStake.Sdk.sln -c Release -warnaserror -nologo -v:minimal 2>&1 | tee "$out/build.log" | grep -E "error|Warn|Elapsed" ; then :; fi
if [ "${PIPESTATUS[0]}" -ne 0 ] || grep -qE " error [A-Z]+[0-9]+" "$out/build.log"; then
  echo "build failed"; echo "0 passed, 1 failed"; exit 1
fi

passed=0; failed=0; skipped=0; status=0

step "devnet state"
bash chain/scripts/ensure-devnet.sh || status=1

step "replica tests (node --test)"
if ls chain/test/*.test.mjs >/dev/null 2>&1; then
  (cd chain && node --test --test-concurrency=1 test/*.test.mjs 2>&1) | tee "$out/chain-tests.log"
  p=$(grep -E "^# pass " "$out/chain-tests.log" | awk '{print $3}' | tail -1)
  f=$(grep -E "^# fail " "$out/chain-tests.log" | awk '{print $3}' | tail -1)
  s=$(grep -E "^# skipped " "$out/chain-tests.log" | awk '{print $3}' | tail -1)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${s:-0}))
  [ -z "$p" ] && { echo "replica tests printed no summary"; failed=$((failed + 1)); }
fi

# Each entry: project[:chain]. The integration suite runs twice: on the devnet, then on a fork of the devnet
# (LIQUIDSTAKE_TEST_CHAIN=fork-devnet), so every protocol is also checked through Anvil's forking backend, which is
# how a real mainnet fork (ETH_RPC_URL) serves state.
# With ETH_RPC_URL set, a third pass runs it on a real mainnet fork (replica-only tests skip there, saying why).
suites="tests/Unit tests/Integration:devnet tests/Integration:fork-devnet"
[ -n "${ETH_RPC_URL:-}" ] && suites="$suites tests/Integration:mainnet-fork"
suites="$suites tests/Cli:devnet"
# The durable withdrawal ledger and worker (SQLite, crash tests with child processes, PostgreSQL started by the tests).
suites="$suites tests/Ledger:devnet"
# Runs one .NET test project and adds its counts. Extra arguments are VAR=value pairs for the test process.
run_suite() {
  local proj=$1 chain=$2 label=$3; shift 3
  step ".NET tests: $proj on $chain$label"
  local log="$out/$(basename "$proj")-$chain${label:+-native}.log"
  env "$@" LIQUIDSTAKE_TEST_CHAIN=$chain dotnet test "$proj" -c Release --no-build --nologo 2>&1 | tee "$log"
  local line f p s
  line=$(grep -E "(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+" "$log" | tail -1)
  if [ -z "$line" ]; then
    echo "no test summary from $proj"; failed=$((failed + 1)); return
  fi
  f=$(sed -E 's/.*Failed: +([0-9]+).*/\1/' <<<"$line")
  p=$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$line")
  s=$(sed -E 's/.*Skipped: +([0-9]+).*/\1/' <<<"$line")
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
}
# One check that is not a test project (a pack, a publish, a consumer run): counted as one pass or one failure.
check() { if [ "$1" -eq 0 ]; then passed=$((passed + 1)); else echo "FAILED: $2"; failed=$((failed + 1)); fi; }

for entry in $suites; do
  proj=${entry%%:*}
  chain=${entry#*:}; [ "$chain" = "$entry" ] && chain=devnet
  run_suite "$proj" "$chain" ""
done

step "Native AOT publish of the CLI (linux-x64; any IL2xxx/IL3xxx trim or AOT warning fails)"
native="$out/native"
dotnet publish src/Cli -r linux-x64 -c Release -o "$native" -nologo -v:minimal 2>&1 | tee "$out/aot-publish.log"
rc=${PIPESTATUS[0]}
if grep -qE "(warning|error) IL[23][0-9]{3}" "$out/aot-publish.log"; then echo "trim/AOT warnings in the publish"; rc=1; fi
[ -x "$native/liquidstake" ] || { echo "no native liquidstake in $native"; rc=1; }
check "$rc" "Native AOT publish"
# The CLI suite again, every in-process run replaced by the native binary (tests/Cli/CliHarness.cs).
if [ -x "$native/liquidstake" ]; then
  run_suite tests/Cli devnet " (native binary)" LIQUIDSTAKE_CLI_BINARY="$native/liquidstake"
fi

step "NuGet packages: pack every library into a local feed, check each .nuspec, build and run a consumer"
feed="$out/feed"
version="0.1.0-ci.$(date +%s)"   # unique, so the consumer never restores a stale copy from the NuGet cache
rc=0
for lib in src/*/; do
  lib=${lib%/}
  case "$lib" in src/Cli|src/Generators|src/Abis) continue ;; esac
  dotnet pack "$lib" -c Release --no-build -o "$feed" -p:Version="$version" -nologo -v:quiet 2>&1 | tee -a "$out/pack.log" || rc=1
done
check "$rc" "dotnet pack of the libraries"
run_suite tests/Packaging devnet "" LIQUIDSTAKE_PACKAGE_FEED="$feed" LIQUIDSTAKE_PACKAGE_VERSION="$version"
# The consumer is in no solution and has no ProjectReference: it restores LiquidStake.* from the feed only.
rc=0
dotnet build tests/PackageConsumer -c Release -nologo -v:minimal -p:LiquidStakeVersion="$version" 2>&1 | tee "$out/consumer-build.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
if [ "$rc" -eq 0 ]; then
  dotnet tests/PackageConsumer/bin/Release/net10.0/PackageConsumer.dll 2>&1 | tee "$out/consumer-run.log"
  [ "${PIPESTATUS[0]}" -eq 0 ] && grep -q "^stake ok" "$out/consumer-run.log" || rc=1
fi
check "$rc" "package consumer: build from the feed and stake on the devnet"

[ "$status" -ne 0 ] && failed=$((failed + 1))
echo
if [ "$skipped" -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"; else echo "$passed passed, $failed failed"; fi
[ "$failed" -eq 0 ]
