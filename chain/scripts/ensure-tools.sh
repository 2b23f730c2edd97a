#!/usr/bin/env bash
# Installs the pinned chain tools (anvil, cast, solc-js, viem) from chain/package-lock.json when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x node_modules/.bin/anvil ] || [ ! -x node_modules/.bin/cast ] || [ ! -d node_modules/solc ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "installing chain tools (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
node_modules/.bin/anvil --version | head -1
