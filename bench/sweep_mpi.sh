#!/usr/bin/env bash
# Sweep throughput across processes: the same cells with mpirun -np 1 and -np 2 (one thread a
# rank), and in one process with 1 and 2 threads, in one run; cells a second from the sweep's own
# clock (this_run.seconds: dealing, running and saving in the SQLite store; not the processes'
# start nor the network's loading). Goal: 2 processes at least 1.8x one.
#   bash bench/sweep_mpi.sh build/release/caravan [repeats]
set -eu
bin="$(realpath "$1")"; repeats="${2:-3}"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
cfg() {  # 4 origins x 5 destinations x 12 months x 3 quantities = 720 cells
  printf '{"origins": ["Stepnogorsk", "Almaty", "Karaganda", "Aktau"],
  "destinations": ["Yokohama", "Hamburg", "Busan", "Shanghai", "Istanbul"],
  "months": [1,2,3,4,5,6,7,8,9,10,11,12], "tonnes": [500, 1000, 5000],
  "reliability_samples": %d, "seed": 3}' "$1" > "$tmp/c$1.json"
}
rate() { python3 -c "import json,sys; t=json.load(open(sys.argv[1]))['sweep']['this_run']; print(t['ran']/t['seconds'])" "$1"; }
echo "cells,how,run,cells_per_second"
for samples in 0 200; do
  cfg $samples
  for r in $(seq 1 "$repeats"); do
    for how in "threads 1" "threads 2" "mpi 1" "mpi 2"; do
      set -- $how; rm -f "$tmp/s.sqlite"
      if [ "$1" = threads ]; then
        "$bin" sweep --config "$tmp/c$samples.json" --store "$tmp/s.sqlite" --threads "$2" --json --quiet > "$tmp/o.json"
      else
        mpirun -np "$2" "$bin" sweep --config "$tmp/c$samples.json" --store "$tmp/s.sqlite" --threads 1 --json --quiet > "$tmp/o.json"
      fi
      echo "$([ $samples = 0 ] && echo route || echo route+mc$samples),$1 $2,$r,$(rate "$tmp/o.json")"
    done
  done
done
