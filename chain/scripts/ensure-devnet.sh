#!/usr/bin/env bash
# Builds the devnet state snapshot (chain/out/devnet-state.json) when it is missing or older than the replicas.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f scripts/build-devnet.mjs ]; then echo "no devnet build script yet"; exit 0; fi
state=out/devnet-state.json
if [ -f "$state" ] && [ -z "$(find contracts deploy scripts -newer "$state" -type f 2>/dev/null | head -1)" ]; then
  echo "devnet state is up to date"
  exit 0
fi
node scripts/build-devnet.mjs
