#!/usr/bin/env bash
# Starts a local chain for LiquidStake and prints its RPC URL.
#
#   ./anvil-fork.sh                      the devnet: chain id 1, protocol replicas at their mainnet addresses
#   ETH_RPC_URL=https://… ./anvil-fork.sh  a real mainnet fork (pinned to FORK_BLOCK when set)
#   ./anvil-fork.sh --fork-devnet [URL]  a fork of a running devnet (default http://127.0.0.1:8545): exercises the
#                                        fork path offline
#
# Options: --port N (default $PORT or 8545; a busy port falls back to a free one), --log FILE, --no-wait (start in
# the background, print the URL and the PID, and exit). The standard test mnemonic's 10 accounts are funded with
# 10,000 ETH each in every mode. Ctrl-C stops the chain cleanly.
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
chain="$root/chain"
port="${PORT:-8545}"
mode=devnet
fork_url=""
log=""
wait_mode=1
mnemonic="test test test test test test test test test test test junk"

while [ $# -gt 0 ]; do
  case "$1" in
    --fork-devnet) mode=fork-devnet; if [ $# -gt 1 ] && [[ "$2" == http* ]]; then fork_url="$2"; shift; else fork_url="http://127.0.0.1:8545"; fi ;;
    --port) port="$2"; shift ;;
    --log) log="$2"; shift ;;
    --no-wait) wait_mode=0 ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
if [ "$mode" = devnet ] && [ -n "${ETH_RPC_URL:-}" ]; then mode=mainnet-fork; fork_url="$ETH_RPC_URL"; fi

bash "$chain/scripts/ensure-tools.sh" >/dev/null
# The platform package's native binary: stopping the npm wrapper (a node script) would leave the real anvil running.
anvil="$chain/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"
[ -x "$anvil" ] || anvil="$chain/node_modules/.bin/anvil"

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if port_busy "$port"; then
  port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
fi
mkdir -p "$chain/out/logs"
log="${log:-$chain/out/logs/anvil-fork-$port.log}"

args=(--host 127.0.0.1 --port "$port" --mnemonic "$mnemonic" --accounts 10 --balance 10000)
case "$mode" in
  devnet)
    bash "$chain/scripts/ensure-devnet.sh" >/dev/null
    args+=(--chain-id 1 --hardfork prague --load-state "$chain/out/devnet-state.json") ;;
  mainnet-fork)
    args+=(--fork-url "$fork_url")
    [ -n "${FORK_BLOCK:-}" ] && args+=(--fork-block-number "$FORK_BLOCK") ;;
  fork-devnet)
    args+=(--fork-url "$fork_url") ;;
esac

started=$(date +%s%N)
"$anvil" "${args[@]}" >"$log" 2>&1 &
pid=$!
stop() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
trap 'stop; exit 130' INT TERM

url="http://127.0.0.1:$port"
for _ in $(seq 1 600); do
  if curl -s -m 1 -H 'content-type: application/json' -d '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' "$url" 2>/dev/null | grep -q result; then
    ready=1; break
  fi
  kill -0 "$pid" 2>/dev/null || { echo "anvil exited; see $log" >&2; tail -5 "$log" >&2; exit 1; }
  sleep 0.05
done
[ "${ready:-0}" = 1 ] || { echo "anvil did not become ready; see $log" >&2; stop; exit 1; }
ms=$(( ($(date +%s%N) - started) / 1000000 ))
echo "LiquidStake $mode ready in ${ms} ms"
echo "RPC URL: $url"
echo "log: $log"
if [ "$wait_mode" = 0 ]; then echo "pid: $pid"; trap - INT TERM; exit 0; fi
echo "Ctrl-C to stop."
wait "$pid"
