#!/usr/bin/env python3
"""Whole-process cold start: `liquidstake keccak hello` (Native AOT, and the JIT build for reference) against
Foundry's `cast keccak hello`, from process start to exit. Runs are paired: each round starts every command once,
in a rotating order, so a slow moment of the machine hits all of them; the result is the median of the per-round
ratios. Rewrites the table between the COLDSTART markers in bench/README.md.
Usage: coldstart.py NATIVE_LIQUIDSTAKE JIT_DLL CAST [ROUNDS]"""
import datetime, os, platform, re, statistics, subprocess, sys, time

native, jit_dll, cast = sys.argv[1:4]
rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 61
commands = {
    "liquidstake (Native AOT)": [native, "keccak", "hello"],
    "liquidstake (JIT, dotnet liquidstake.dll)": ["dotnet", jit_dll, "keccak", "hello"],
    "cast 1.7.1": [cast, "keccak", "hello"],
}
expected = "0x1c8aff950685c2ed4bc3174f3472287b56d9517b9c948127319a09a7a36deac8"

def run(argv):
    start = time.perf_counter_ns()
    done = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=True)
    elapsed = time.perf_counter_ns() - start
    if done.stdout.decode().strip() != expected:
        sys.exit(f"{argv[0]} printed {done.stdout!r}, not the Keccak-256 of 'hello'")
    return elapsed

names = list(commands)
for name in names:  # warm the page cache; these runs are not counted
    for _ in range(3): run(commands[name])
times = {name: [] for name in names}
for i in range(rounds):
    order = names[i % len(names):] + names[:i % len(names)]
    for name in order: times[name].append(run(commands[name]))

cast_name = "cast 1.7.1"
rows = []
for name in names:
    median_ms = statistics.median(times[name]) / 1e6
    ratios = [t / c for t, c in zip(times[name], times[cast_name])]
    rows.append(f"| {name} | {median_ms:.1f} | {min(times[name]) / 1e6:.1f} | {statistics.median(ratios):.2f}x |")
native_ratio = statistics.median([t / c for t, c in zip(times[names[0]], times[cast_name])])
verdict = "met" if native_ratio <= 1.3 else "NOT met"
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
table = "\n".join([
    f"Run {datetime.date.today()} on {cpu} ({os.cpu_count()} cores), {rounds} paired rounds after 3 warm-up runs each. "
    f"Goal: native liquidstake at most 1.3x cast's median time per round; {verdict} ({native_ratio:.2f}x).",
    "",
    "| Command (`… keccak hello`) | median ms | fastest ms | median ratio to cast (paired) |",
    "|---|---:|---:|---:|",
    *rows,
])
readme_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "README.md")
readme = open(readme_path).read()
block = f"<!-- COLDSTART -->\n{table}\n<!-- /COLDSTART -->"
if "<!-- COLDSTART -->" in readme:
    readme = re.sub(r"<!-- COLDSTART -->.*<!-- /COLDSTART -->", block, readme, flags=re.S)
else:
    readme += "\n" + block + "\n"
open(readme_path, "w").write(readme)
print(table)
