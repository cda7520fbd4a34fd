#!/usr/bin/env bash
# Golden tests of the CLI: each case's stdout must match tests/integration/golden/NAME.
# Refresh after a reviewed change with: tests/integration/golden_test.sh build/dev/caravan --update-golden
set -u
bin="$1"; update="${2:-}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
tiny="$root/data/samples/tiny"
golden="$here/golden"
pass=0; fail=0
check() {  # name, args...
  local name="$1"; shift
  local out
  out="$("$bin" "$@" 2>&1)"; local rc=$?
  out="$out"$'\n'"exit: $rc"
  if [ "$update" = "--update-golden" ]; then
    printf '%s\n' "$out" > "$golden/$name"
    echo "updated $name"; pass=$((pass+1)); return
  fi
  if [ "$out" = "$(cat "$golden/$name" 2>/dev/null)" ]; then pass=$((pass+1))
  else
    fail=$((fail+1)); echo "FAIL $name"; diff <(printf '%s\n' "$out") "$golden/$name" | head -20
  fi
}
check tiny_route.txt --network "$tiny" route --from "Origin Plant" --to Yokohama --commodity rare-earth-oxide --tonnes 1000
check tiny_route.json --network "$tiny" route --from Start --to JPYOK --commodity rare-earth-oxide --tonnes 1000 --json
check tiny_route.csv --network "$tiny" route --from Start --to JPYOK --commodity grain --tonnes 5000 --csv
check tiny_pareto.txt --network "$tiny" route --from Start --to Lianyungang --commodity rare-earth-oxide --teu 10 --pareto
check flagship.txt compare --from Stepnogorsk --to Yokohama --commodity rare-earth-oxide --tonnes 1000 --avoid-sets "none;CN;CN,RU,IR"
check corridors.txt compare --from Stepnogorsk --to Yokohama --commodity rare-earth-oxide --tonnes 1000
check landed_cost.txt landed-cost --from Stepnogorsk --to Yokohama --commodity rare-earth-oxide --tonnes 100 --incoterm CIF --alternatives 2
check processing.txt landed-cost --compare-processing --from Stepnogorsk --to Yokohama --tonnes 1 --vat-recoverable
check locate_typo.txt locate Aktua
check sea_route.txt sea-route --from Shanghai --to Rotterdam --avoid suez --tonnes 1000
check places_typo.txt places Rotterdm --limit 3
check markets.txt markets --from Stepnogorsk --commodity rare-earth-oxide --tonnes 1000 --to JP,KR,CN,DE,NL,US,IN --prices JP=75000,DE=78000 --price-usd 72000
check access_legs.txt route --from Kustanai --to KZTAU --commodity grain --tonnes 500
check sea_access.txt route --from Stepnogorsk --to 40.67,-74.04 --commodity rare-earth-oxide --tonnes 1000
check markets_by_sea.txt markets --from Stepnogorsk --commodity rare-earth-oxide --tonnes 1000 --to JP,TW,VN,US --price-usd 72000
check middle_corridor_dated.txt route --from Stepnogorsk --to Yokohama --commodity rare-earth-oxide --tonnes 1000 --avoid CN,RU --depart 2026-11-25
check why_not_bandar_abbas.txt why-not --from Tashkent --to Istanbul --teu 20 --via "Bandar Abbas" --ignore-policies
check why_not_aktau.txt why-not --from Stepnogorsk --to Yokohama --commodity rare-earth-oxide --tonnes 1000 --via Aktau
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
