#!/usr/bin/env bash
# Sweeps from the command line: the same rows for 1 and 4 threads and for the whole sweep run in
# two parts; a rerun does only the missing cells; bad configurations name the field.
set -u
bin="$1"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
ok() { if eval "$2"; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL: $1"; fi; }
# 24 cells: 2 origins x 3 destinations x 2 months x 2 scenarios, a Monte Carlo in each.
cp "$(dirname "$0")/fixtures/sweep_small.json" "$tmp/sweep.json"
"$bin" sweep --config "$tmp/sweep.json" --store "$tmp/a.sqlite" --threads 1 --csv --quiet > "$tmp/a.csv"
"$bin" sweep --config "$tmp/sweep.json" --store "$tmp/b.sqlite" --threads 4 --csv --quiet > "$tmp/b.csv"
ok "24 cells, rows for each" '[ "$(cut -d, -f1 "$tmp/a.csv" | sort -u | wc -l)" -eq 25 ]'
ok "1 and 4 threads give the same rows" 'cmp -s "$tmp/a.csv" "$tmp/b.csv"'
# A sweep stopped halfway (the first of two parts), then run whole: only the rest runs.
"$bin" sweep --config "$tmp/sweep.json" --store "$tmp/c.sqlite" --part 0 --ways 2 --quiet --json > "$tmp/c1.json"
"$bin" sweep --config "$tmp/sweep.json" --store "$tmp/c.sqlite" --quiet --json > "$tmp/c2.json"
"$bin" sweep --config "$tmp/sweep.json" --store "$tmp/c.sqlite" --csv --quiet > "$tmp/c.csv"
ok "the first part ran half" 'python3 -c "import json,sys; j=json.load(open(sys.argv[1])); sys.exit(j[\"sweep\"][\"this_run\"][\"ran\"] != 12)" "$tmp/c1.json"'
ok "the resumed run did only the rest" 'python3 -c "import json,sys; t=json.load(open(sys.argv[1]))[\"sweep\"][\"this_run\"]; sys.exit((t[\"ran\"], t[\"skipped\"]) != (12, 12))" "$tmp/c2.json"'
ok "parts and resume give the same rows" 'cmp -s "$tmp/a.csv" "$tmp/c.csv"'
# A cell that fails is recorded, and the others still run.
printf '{"cells": [{"from": "Stepnogorsk", "to": "Yokohama", "tonnes": 10}, {"from": "Stepnogorsk", "to": "Yokohamma", "tonnes": 10}]}' > "$tmp/bad_cell.json"
out=$("$bin" sweep --config "$tmp/bad_cell.json" --store "$tmp/d.sqlite" --csv --quiet)
ok "a failing cell keeps its error" '[[ "$out" == *"unknown location"* ]] && [[ "$out" == *",ok,"* ]]'
# The report: a self-contained HTML page with the charts inline.
"$bin" report --store "$tmp/a.sqlite" > "$tmp/report.html"; rc=$?
ok "report: exit 0, charts and scenarios" '[ $rc -eq 0 ] && grep -q "<svg" "$tmp/report.html" && grep -q "Which corridor wins" "$tmp/report.html" && grep -q "suez-closed" "$tmp/report.html" && ! grep -q "src=\"http" "$tmp/report.html"'
err=$("$bin" report --store "$tmp/none.sqlite" 2>&1); rc=$?
ok "report of a missing store: exit 4 naming it" '[ $rc -eq 4 ] && [[ "$err" == *"none.sqlite"* ]] && [ ! -e "$tmp/none.sqlite" ]'
# Routes to a GeoPackage that GDAL opens (ogrinfo from Debian's gdal-bin).
"$bin" compare --from Stepnogorsk --to Yokohama --tonnes 100 --gpkg "$tmp/routes.gpkg" > /dev/null
info=$(ogrinfo -so "$tmp/routes.gpkg" legs 2>&1)
ok "a GeoPackage GDAL reads: line strings with their fields" '[[ "$info" == *"using driver \`GPKG'"'"' successful"* ]] && [[ "$info" == *"Geometry: Line String"* ]] && [[ "$info" == *"cost_usd: Real"* ]] && [[ "$info" != *"Warning"* ]]'
places=$(ogrinfo -so "$tmp/routes.gpkg" places 2>&1)
ok "and the places as points" '[[ "$places" == *"Geometry: Point"* ]]'
# Bad configurations name the field.
printf '{"origins": ["A"]}' > "$tmp/e1.json"
err=$("$bin" sweep --config "$tmp/e1.json" --store "$tmp/e.sqlite" 2>&1); rc=$?
ok "missing destinations: exit 2 naming origins" '[ $rc -eq 2 ] && [[ "$err" == *"origins and destinations"* ]]'
printf '{"origins": ["A"], "destinations": ["B"], "months": [13]}' > "$tmp/e2.json"
err=$("$bin" sweep --config "$tmp/e2.json" --store "$tmp/e.sqlite" 2>&1); rc=$?
ok "month 13: exit 2 naming sweep.months" '[ $rc -eq 2 ] && [[ "$err" == *"sweep.months"* ]]'
printf '{"origins": ["A"],\n "destinations": ["B"],\n "colour": 1}' > "$tmp/e3.json"
err=$("$bin" sweep --config "$tmp/e3.json" --store "$tmp/e.sqlite" 2>&1); rc=$?
ok "an unknown field: exit 2 naming its file, line and field" '[ $rc -eq 2 ] && [[ "$err" == *"e3.json:3: field '"'"'sweep.colour'"'"'"* ]]'
printf '{"origins": [' > "$tmp/e4.json"
err=$("$bin" sweep --config "$tmp/e4.json" --store "$tmp/e.sqlite" 2>&1); rc=$?
ok "not JSON: exit 3 naming the file and line" '[ $rc -eq 3 ] && [[ "$err" == *"e4.json:1: not JSON"* ]]'
err=$("$bin" sweep --config "$tmp/sweep.json" --store /nonexistent/dir/x.sqlite 2>&1); rc=$?
ok "an unwritable store: exit 8 naming it" '[ $rc -eq 8 ] && [[ "$err" == *"/nonexistent/dir/x.sqlite"* ]]'
# A read-only store: exit 8 naming it, nothing in it changed. Root writes read-only files, so as
# root the sweep runs as nobody.
cp "$tmp/a.sqlite" "$tmp/ro.sqlite"; chmod 444 "$tmp/ro.sqlite"; chmod 755 "$tmp"
cp "$tmp/sweep.json" "$tmp/ro.json"; chmod 644 "$tmp/ro.json"
sum=$(md5sum < "$tmp/ro.sqlite")
as_user=(); if [ "$(id -u)" = 0 ] && command -v runuser >/dev/null; then as_user=(runuser -u nobody --); fi
err=$("${as_user[@]}" "$bin" sweep --config "$tmp/ro.json" --store "$tmp/ro.sqlite" --fresh --quiet 2>&1); rc=$?
ok "a read-only store: exit 8 naming it, unchanged" '[ $rc -eq 8 ] && [[ "$err" == *"ro.sqlite"* ]] && [ "$(md5sum < "$tmp/ro.sqlite")" = "$sum" ]'
echo "sweep_test: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
