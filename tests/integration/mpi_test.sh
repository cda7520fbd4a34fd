#!/usr/bin/env bash
# Sweeps under MPI (mpirun -np N caravan sweep): the same rows for 1, 2 and 4 ranks as for threads;
# a rank killed mid-sweep: with --enable-recovery the others finish and the lost rank's cells are
# reported missing (exit 9), without it Open MPI ends the job; never a hang, and either way a rerun
# does only the missing cells and the rows come out the same. Skipped (77) without mpirun.
set -u
bin="$(realpath "$1")"
command -v mpirun >/dev/null || { echo "skip: no mpirun (Debian openmpi-bin)"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
ok() { if eval "$2"; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL: $1"; fi; }
# Open MPI refuses root unless told; the tests run as root in CI. -np 4 on 2 cores: oversubscribe.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
mpi() { timeout 300 mpirun --oversubscribe "$@"; }
# 24 cells: 2 origins x 3 destinations x 2 months x 2 scenarios, a Monte Carlo in each.
cp "$(dirname "$0")/fixtures/sweep_small.json" "$tmp/sweep.json"
"$bin" sweep --config "$tmp/sweep.json" --store "$tmp/t.sqlite" --threads 2 --csv --quiet > "$tmp/threads.csv"
ok "24 cells by threads" '[ "$(cut -d, -f1 "$tmp/threads.csv" | sort -u | wc -l)" -eq 25 ]'
for n in 1 2 4; do
  mpi -np $n "$bin" sweep --config "$tmp/sweep.json" --store "$tmp/m$n.sqlite" --csv --quiet > "$tmp/m$n.csv" 2> "$tmp/m$n.err"; rc=$?
  ok "$n ranks: exit 0 and the same rows as threads" '[ $rc -eq 0 ] && cmp -s "$tmp/threads.csv" "$tmp/m$n.csv"'
done
mpi -np 4 "$bin" sweep --config "$tmp/sweep.json" --store "$tmp/j.sqlite" --json --quiet > "$tmp/j.json"
ok "4 ranks: every rank ran cells, all 24 counted" 'python3 -c "
import json,sys; m=json.load(open(sys.argv[1]))[\"sweep\"]
by=m[\"mpi\"][\"cells_by_rank\"]; sys.exit(not (m[\"mpi\"][\"ranks\"]==4 and len(by)==4 and sum(by)==24 and m[\"this_run\"][\"missing\"]==[]))" "$tmp/j.json"'
# A rank lost: rank 2 is killed one second in, while it holds a cell of a slow sweep.
cat > "$tmp/slow.json" <<'JSON'
{"origins": ["Stepnogorsk", "Almaty", "Tashkent"], "destinations": ["Yokohama", "Hamburg", "Busan", "Istanbul"],
 "commodities": ["rare-earth-oxide"], "tonnes": [500], "months": [1,2,3,4,5,6,7,8,9,10,11,12],
 "reliability_samples": 100000, "seed": 5}
JSON
cat > "$tmp/die.sh" <<'SH'
#!/bin/bash
if [ "${OMPI_COMM_WORLD_RANK:-}" = 2 ]; then "$@" & pid=$!; sleep 1; kill -9 $pid; exit 137; fi
exec "$@"
SH
chmod +x "$tmp/die.sh"
"$bin" sweep --config "$tmp/slow.json" --store "$tmp/s.sqlite" --threads 2 --csv --quiet > "$tmp/slow.csv"
start=$(date +%s)
mpi --enable-recovery -np 3 "$tmp/die.sh" "$bin" sweep --config "$tmp/slow.json" --store "$tmp/r.sqlite" \
  --rank-timeout 3 --json > "$tmp/r.json" 2> "$tmp/r.err"
took=$(( $(date +%s) - start ))
ok "lost rank (recovery): the others finished, rank 2 reported lost with its cells missing, the rest saved" 'python3 -c "
import json,sys; m=json.load(open(sys.argv[1]))[\"sweep\"]; t=m[\"this_run\"]
sys.exit(not (m[\"mpi\"][\"lost_ranks\"]==[2] and 1<=len(t[\"missing\"])<=2 and t[\"ran\"]+len(t[\"missing\"])==144))" "$tmp/r.json"'
ok "and said so on stderr" 'grep -q "rank 2 silent for 3 s: lost" "$tmp/r.err" && grep -q "cells missing (lost ranks \[2\])" "$tmp/r.err"'
ok "no hang: done in $took s" '[ $took -lt 120 ]'
mpi -np 2 "$bin" sweep --config "$tmp/slow.json" --store "$tmp/r.sqlite" --json --quiet > "$tmp/r2.json"
ok "the rerun does only the missing cells" 'python3 -c "
import json,sys; a=json.load(open(sys.argv[1]))[\"sweep\"][\"this_run\"]; b=json.load(open(sys.argv[2]))[\"sweep\"][\"this_run\"]
sys.exit(not (b[\"ran\"]==len(a[\"missing\"]) and b[\"skipped\"]==a[\"ran\"]))" "$tmp/r.json" "$tmp/r2.json"'
"$bin" sweep --config "$tmp/slow.json" --store "$tmp/r.sqlite" --csv --quiet > "$tmp/r.csv"
ok "and the rows equal those of an undisturbed run" 'cmp -s "$tmp/slow.csv" "$tmp/r.csv"'
# A rank lost at launch, before MPI has started: the others end with an error, not a hang.
sed 's/sleep 1;/sleep 0.05;/' "$tmp/die.sh" > "$tmp/die_early.sh"; chmod +x "$tmp/die_early.sh"
start=$(date +%s)
mpi --enable-recovery -np 3 "$tmp/die_early.sh" "$bin" sweep --config "$tmp/slow.json" --store "$tmp/e.sqlite" \
  --rank-timeout 3 --json > "$tmp/e.json" 2> "$tmp/e.err"
took=$(( $(date +%s) - start ))
ok "a rank lost at launch: no hang ($took s), an error saying MPI did not start, or the sweep with rank 2 lost" '[ $took -lt 120 ] && { grep -q "MPI did not start within 3 s" "$tmp/e.err" || grep -q "lost ranks \[2\]" "$tmp/e.err"; }'
# Without --enable-recovery Open MPI ends the job when a rank dies: no hang, whole cells kept.
mpi -np 3 "$tmp/die.sh" "$bin" sweep --config "$tmp/slow.json" --store "$tmp/a.sqlite" --quiet > /dev/null 2>&1; rc=$?
ok "lost rank (no recovery): the job ends with an error" '[ $rc -ne 0 ] && [ $rc -ne 124 ]'
"$bin" sweep --config "$tmp/slow.json" --store "$tmp/a.sqlite" --csv --quiet > "$tmp/a.csv"
ok "and a rerun completes it with the same rows" 'cmp -s "$tmp/slow.csv" "$tmp/a.csv"'
# Shares and ranks do not mix.
err=$(mpi -np 1 "$bin" sweep --config "$tmp/sweep.json" --store "$tmp/p.sqlite" --part 0 --ways 2 2>&1); rc=$?
ok "--part under mpirun: exit 2 naming part" '[ $rc -ne 0 ] && [[ "$err" == *"part"* ]]'
echo "mpi: $pass passed, $fail failed"
[ $fail -eq 0 ]
