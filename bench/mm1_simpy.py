#!/usr/bin/env python3
"""The M/M/1 model of bench/sim_bench.cpp (lambda 0.5, mu 1, N customers) in SimPy, timed.

Debian 12 ships SimPy 2.3 (python3-simpy), whose API is SimPy.Simulation; SimPy 3+ (import simpy)
is used when present instead. Prints: customers, mean wait in queue, seconds.
"""
import random
import sys
import time


def run_simpy3(n, rng):
    import simpy
    env = simpy.Environment()
    server = simpy.Resource(env, capacity=1)
    waits = []

    def customer(env):
        arrived = env.now
        with server.request() as req:
            yield req
            waits.append(env.now - arrived)
            yield env.timeout(rng.expovariate(1.0))

    def source(env):
        for _ in range(n):
            env.process(customer(env))
            yield env.timeout(rng.expovariate(0.5))

    env.process(source(env))
    env.run()
    return waits


def run_simpy2(n, rng):
    from SimPy.Simulation import Process, Resource, activate, hold, initialize, now, release, request, simulate
    waits = []

    class Customer(Process):
        def visit(self, server):
            arrived = now()
            yield request, self, server
            waits.append(now() - arrived)
            yield hold, self, rng.expovariate(1.0)
            yield release, self, server

    class Source(Process):
        def generate(self, server):
            for _ in range(n):
                c = Customer()
                activate(c, c.visit(server))
                yield hold, self, rng.expovariate(0.5)

    initialize()
    server = Resource(capacity=1)
    s = Source()
    activate(s, s.generate(server))
    simulate(until=1e15)
    return waits


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
    rng = random.Random(1)
    t0 = time.perf_counter()
    try:
        import simpy  # noqa: F401
        waits = run_simpy3(n, rng)
    except ImportError:
        waits = run_simpy2(n, rng)
    print(f"{n} {sum(waits) / len(waits):.4f} {time.perf_counter() - t0:.3f}")
