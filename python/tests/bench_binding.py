"""The Python binding's cost per call (not a test: `python3 python/tests/bench_binding.py`, with
PYTHONPATH=build/bench/python). The same feature call is timed from Python (`Network.run`: dict in,
dicts out, errors checked) and in C++ inside the same process (`_caravan.codec_seconds`: the call
through the codec with no Python between calls), in alternating batches so that drift of the
machine falls on both alike; the binding's cost is the median of the paired differences
(docs/performance.md)."""
import statistics
import sys
import time

import caravan
from caravan import _caravan

net = caravan.Network()
CALLS = [
    ("scenarios", {}, "a cheap call (the scenario list)"),
    ("locate", {"q": "Aktau", "limit": 1}, "a small answer"),
    ("route", {"from": "Stepnogorsk", "to": "Yokohama", "tonnes": 1000}, "a route (a large answer)"),
]
batches = int(sys.argv[1]) if len(sys.argv) > 1 else 40
for feature, request, what in CALLS:
    per_batch = {"scenarios": 2000, "locate": 200}.get(feature, 50)
    for _ in range(per_batch):  # warm
        net.run(feature, request)
    py, cpp, diff = [], [], []
    for _ in range(batches):
        t0 = time.perf_counter()
        for _ in range(per_batch):
            net.run(feature, request)
        p = (time.perf_counter() - t0) / per_batch
        c = _caravan.codec_seconds(net._handle, feature, request, per_batch)
        py.append(p * 1e6)
        cpp.append(c * 1e6)
        diff.append((p - c) * 1e6)
    q = statistics.quantiles(diff, n=4)
    print(f"{feature} ({what}): Python {statistics.median(py):.1f} us, C++ {statistics.median(cpp):.1f} us, "
          f"binding {statistics.median(diff):.2f} us a call (quartiles {q[0]:.2f} .. {q[2]:.2f}; "
          f"{batches} batches of {per_batch})")
