#!/usr/bin/env python3
"""Caravan's sea routes against Eurostat's searoute (the Python package searoute-py, the same
marnet lineage) on the same port pairs, in one run: distance agreement and time per query.

Usage: bench/sea_vs_searoute.py BUILD_BENCH_DIR SEAROUTE_PY_DIR
  BUILD_BENCH_DIR  where `make bench` put caravan_bench_sea (build/bench/bench)
  SEAROUTE_PY_DIR  a checkout of github.com/genthalili/searoute-py (it needs Debian's
                   python3-networkx and python3-geojson); it is not part of Caravan.
The pairs are the unconstrained rows of tests/validation/sea_distances.csv; each is also run with
`caravan sea-route --json` for Caravan's distance (the benchmark times the query alone: snap both
ends and search, the network loaded once, as searoute's own graph is).
"""
import csv
import json
import os
import statistics
import subprocess
import sys
import time

bench_dir, searoute_dir = sys.argv[1], sys.argv[2]
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, searoute_dir)
import searoute  # noqa: E402

rows = [r for r in csv.DictReader(l for l in open(os.path.join(root, 'tests/validation/sea_distances.csv'))
                                  if not l.startswith('#')) if not r['avoid']]
pairs = [((float(r['from_lat']), float(r['from_lon'])), (float(r['to_lat']), float(r['to_lon']))) for r in rows]

# Caravan: query time from its benchmark (same pairs), distances from the CLI.
out = subprocess.run([os.path.join(bench_dir, 'caravan_bench_sea'), '--benchmark_filter=ValidationPairs',
                      '--benchmark_format=json', '--benchmark_min_time=1'], capture_output=True, text=True, check=True)
caravan_us = json.loads(out.stdout)['benchmarks'][0]['real_time']
caravan_bin = os.path.join(os.path.dirname(os.path.dirname(bench_dir)), 'ci', 'caravan')
if not os.path.exists(caravan_bin):
    caravan_bin = os.path.join(os.path.dirname(bench_dir), 'caravan')
caravan_km = []
for (a, b) in pairs:
    j = json.loads(subprocess.run([caravan_bin, 'sea-route', '--from', f'{a[0]},{a[1]}', '--to', f'{b[0]},{b[1]}', '--json'],
                                  capture_output=True, text=True, check=True).stdout)
    caravan_km.append(j['route']['km'])

# searoute: its graphs load on the first call; then each pair is timed over repeated calls.
searoute.searoute([0, 0], [1, 1])
sr_km, times = [], []
for (a, b) in pairs:
    r = searoute.searoute([a[1], a[0]], [b[1], b[0]])
    sr_km.append(r.properties['length'])
reps = 3
t0 = time.perf_counter()
for _ in range(reps):
    for (a, b) in pairs:
        searoute.searoute([a[1], a[0]], [b[1], b[0]])
searoute_us = (time.perf_counter() - t0) / (reps * len(pairs)) * 1e6

def err(model, r):
    pub = float(r['distance_nm']) * 1.852
    return (model - pub) / pub * 100

ce = [abs(err(c, r)) for c, r in zip(caravan_km, rows)]
se = [abs(err(s, r)) for s, r in zip(sr_km, rows)]
diff = [abs(c - s) / s * 100 for c, s in zip(caravan_km, sr_km)]
print(f'{len(pairs)} port pairs (the unconstrained rows of tests/validation/sea_distances.csv)')
print(f'time per query: Caravan {caravan_us:.0f} us, searoute {searoute_us:.0f} us, ratio {searoute_us / caravan_us:.1f}x')
print(f'median |error| vs published: Caravan {statistics.median(ce):.1f}%, searoute {statistics.median(se):.1f}%')
print(f'within 5% of published: Caravan {sum(e <= 5 for e in ce)}, searoute {sum(e <= 5 for e in se)}')
print(f'Caravan vs searoute: median difference {statistics.median(diff):.1f}%, max {max(diff):.1f}%')
