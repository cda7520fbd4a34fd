#!/usr/bin/env bash
# M/M/1 with 1,000,000 customers: Caravan's simulator against SimPy (Debian python3-simpy), in
# the same run. Usage: bench/mm1_compare.sh build/bench/bench/caravan_bench_sim
set -euo pipefail
bin="$1"; n="${2:-1000000}"
here="$(cd "$(dirname "$0")" && pwd)"
dpkg -s python3-simpy >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq python3-simpy; }
caravan_ms=$("$bin" --benchmark_filter="BM_MM1Customers/$n" --benchmark_format=json 2>/dev/null |
  python3 -c 'import json,sys; b=json.load(sys.stdin)["benchmarks"][0]; print(b["real_time"], b["mean_wait"])')
read -r simpy_n simpy_wq simpy_s < <(/usr/bin/python3 "$here/mm1_simpy.py" "$n")
read -r c_ms c_wq <<<"$caravan_ms"
python3 - "$c_ms" "$c_wq" "$simpy_s" "$simpy_wq" "$n" <<'PY'
import sys
c_ms, c_wq, s_s, s_wq, n = map(float, sys.argv[1:])
print(f"M/M/1, {int(n):,} customers (theory: mean wait 1.0 h)")
print(f"  caravan: {c_ms/1000:.3f} s, mean wait {c_wq:.4f}")
print(f"  simpy:   {s_s:.3f} s, mean wait {s_wq:.4f}")
print(f"  speed-up: {s_s/(c_ms/1000):.1f}x")
PY
