#!/usr/bin/env bash
# Installs the pinned @stakewise/v3-sdk and its peer dependency (package-lock.json) for read-positions.mjs when missing.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -d node_modules/@stakewise/v3-sdk ] || [ ! -d node_modules/ethers ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "installing the StakeWise SDK check (npm ci)"
  npm ci --prefer-offline --no-audit --no-fund --loglevel=error
fi
