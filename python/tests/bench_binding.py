"""The Python binding's cost per call (not a test: `python3 python/tests/bench_binding.py`,
with PYTHONPATH=build/bench/python). Compare with caravan_bench_sweep's BM_LocateThroughCodec, the
same call in C++ through the codec, in the same session: docs/performance.md."""
import timeit

import caravan

net = caravan.Network()
n = 20000
t = timeit.timeit(lambda: net.run("locate", {"q": "Aktau", "limit": 1}), number=n)
print(f"locate from Python: {t / n * 1e6:.1f} us a call ({n} calls)")
