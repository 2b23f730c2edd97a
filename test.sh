#!/usr/bin/env bash
# Runs every LiquidStake test: installs the pinned chain tools when missing, builds with warnings as errors,
# runs the .NET test projects and the replica tests, and ends with one line "N passed, N failed[, N skipped]".
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
out="$root/.test-output"
rm -rf "$out"; mkdir -p "$out"

step() { printf '\n== %s ==\n' "$*"; }

step "chain tools (npm ci when missing)"
bash chain/scripts/ensure-tools.sh || { echo "0 passed, 1 failed"; exit 1; }

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
for entry in $suites; do
  proj=${entry%%:*}
  chain=${entry#*:}; [ "$chain" = "$entry" ] && chain=devnet
  step ".NET tests: $proj on $chain"
  log="$out/$(basename "$proj")-$chain.log"
  LIQUIDSTAKE_TEST_CHAIN=$chain dotnet test "$proj" -c Release --no-build --nologo 2>&1 | tee "$log"
  line=$(grep -E "(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+" "$log" | tail -1)
  if [ -z "$line" ]; then
    echo "no test summary from $proj"; failed=$((failed + 1)); continue
  fi
  f=$(sed -E 's/.*Failed: +([0-9]+).*/\1/' <<<"$line")
  p=$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$line")
  s=$(sed -E 's/.*Skipped: +([0-9]+).*/\1/' <<<"$line")
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
done

[ "$status" -ne 0 ] && failed=$((failed + 1))
echo
if [ "$skipped" -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"; else echo "$passed passed, $failed failed"; fi
[ "$failed" -eq 0 ]
