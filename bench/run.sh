#!/usr/bin/env bash
# Runs the BenchmarkDotNet suite and the viem peer script in the same run, then rewrites the results table in
# bench/README.md (between the RESULTS markers), then the CLI cold-start comparison with cast (COLDSTART markers).
# Usage: bench/run.sh [--quick]   |   bench/run.sh --coldstart (only the cold start)
set -euo pipefail
cd "$(dirname "$0")"

# Cold start of the whole process: native liquidstake (and the JIT build) vs Foundry's native cast binary (not the
# npm .bin wrapper, which would add a node start to cast's time).
coldstart() {
  (cd .. && bash chain/scripts/ensure-tools.sh >/dev/null \
    && dotnet build src/Cli -c Release -nologo -v:q >/dev/null \
    && dotnet publish src/Cli -r linux-x64 -c Release -o bench/.native -nologo -v:q >/dev/null)
  python3 coldstart.py .native/liquidstake ../src/Cli/bin/Release/net10.0/liquidstake.dll \
    ../chain/node_modules/@foundry-rs/cast-linux-amd64/bin/cast
}
if [ "${1:-}" = "--coldstart" ]; then coldstart; exit 0; fi
job=(--job short)
[ "${1:-}" = "--quick" ] && job=(--job short --warmupCount 2 --iterationCount 5)
out=$(mktemp -d)
(cd peer && { [ -d node_modules/viem ] || npm ci --no-audit --no-fund --loglevel=error; } && node workloads.mjs)
dotnet build LiquidStake.Benchmarks -c Release -nologo -v:q >/dev/null
(cd LiquidStake.Benchmarks && dotnet run -c Release --no-build -- --filter '*CoreBenchmarks*' "${job[@]}" --exporters json --artifacts "$out/bdn" >"$out/bdn.log" 2>&1)
node peer/viem-bench.mjs >"$out/viem.json"
python3 - "$out" <<'PY'
import json, glob, sys, re, platform, subprocess, datetime
out = sys.argv[1]
bdn = json.load(open(glob.glob(f"{out}/bdn/results/*CoreBenchmarks*full-compressed.json")[0]))
viem = json.load(open(f"{out}/viem.json"))
cpu = bdn.get("HostEnvironmentInfo", {}).get("ProcessorName", platform.processor())
rt = bdn.get("HostEnvironmentInfo", {}).get("RuntimeVersion", "")
rows = []
for b in bdn["Benchmarks"]:
    name = b["MethodTitle"].strip("'")
    ns = b["Statistics"]["Median"]
    alloc = (b.get("Memory") or {}).get("BytesAllocatedPerOperation")
    v = viem["results"].get(name)
    ratio = v["nsPerOp"] / ns if v else None
    rows.append(f"| {name} | {ns:,.0f} | {1e9/ns:,.0f} | {alloc if alloc is not None else '?'} | {v['nsPerOp']:,} | {v['opsPerSec']:,} | **{ratio:.1f}x** |" if v else f"| {name} | {ns:,.0f} | {1e9/ns:,.0f} | {alloc} | – | – | – |")
table = "\n".join([
    f"Run {datetime.date.today()} on {cpu} (2 cores), .NET {rt}, {viem['runtime']}, viem {viem['viem']}. Median ns per operation; ratio = viem time / LiquidStake time (higher is better for LiquidStake).",
    "",
    "| Operation | LiquidStake ns/op | LiquidStake ops/s | allocated B/op | viem ns/op | viem ops/s | LiquidStake vs viem |",
    "|---|---:|---:|---:|---:|---:|---:|",
    *rows,
])
readme = open("README.md").read()
readme = re.sub(r"<!-- RESULTS -->.*<!-- /RESULTS -->", f"<!-- RESULTS -->\n{table}\n<!-- /RESULTS -->", readme, flags=re.S)
open("README.md", "w").write(readme)
print(table)
PY
rm -rf "$out"
coldstart
