#!/usr/bin/env bash
# Bad input gets a clear error (stdout+stderr are searched) and the exit code from the error table (api/error_table.cpp).
set -u
bin="$1"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
tiny="$root/data/samples/tiny"
pass=0; fail=0
expect() {  # exit code, text expected in stderr, args...
  local code="$1" text="$2"; shift 2
  local err; err="$("$bin" "$@" 2>&1)"; local rc=$?
  if [ "$rc" -eq "$code" ] && [[ "$err" == *"$text"* ]]; then pass=$((pass+1))
  else fail=$((fail+1)); echo "FAIL: caravan $* -> exit $rc (want $code), stderr: $err (want: $text)"; fi
}
R=(--commodity rare-earth-oxide --tonnes 1000)
expect 4 "unknown location 'Yokohamma' (closest: Yokohama (JPYOK)" route --from Stepnogorsk --to Yokohamma "${R[@]}"
expect 4 "unknown commodity 'oxide'" route --from Stepnogorsk --to Yokohama --commodity oxide --tonnes 5
expect 4 "0.0000,25.0000 is 1,410 km from the nearest sea lane (node 13616 at -5.800,13.700; at most 300 km)" route --from Stepnogorsk --to 0,25 --tonnes 10
expect 2 "give the quantity as tonnes or as TEU, not both" route --from Stepnogorsk --to Yokohama --commodity rare-earth-oxide --tonnes 5 --teu 1
expect 2 "field 'tonnes'" route --from Stepnogorsk --to Yokohama --commodity rare-earth-oxide --tonnes -5
expect 2 "unknown objective 'speed'" route --from Stepnogorsk --to Yokohama "${R[@]}" --objective speed
expect 5 "the origin Stepnogorsk (SARECO rare-earth plant) lies in KZ, which is to be avoided" route --from Stepnogorsk --to Yokohama "${R[@]}" --avoid KZ
expect 6 "dropping" route --from Stepnogorsk --to Yokohama "${R[@]}" --avoid CN,RU,IR,ferry
expect 2 "month" route --from Stepnogorsk --to Yokohama "${R[@]}" --month 13
expect 2 "forbid_transit" route --from Stepnogorsk --to Yokohama "${R[@]}" --forbid-transit CN
expect 2 "The following argument was not expected" route --from A --to B --bogus
expect 4 "network folder not found" --network /nonexistent route --from A --to B
expect 4 "no location of the network matches" locate zzzzzzzz
expect 2 "reliability_samples" reliability --from Stepnogorsk --to Yokohama "${R[@]}" --samples 0
expect 2 "needs reliability_samples" route --from Stepnogorsk --to Yokohama "${R[@]}" --seed 3
expect 2 "field 'buyer': 'XX' is not an ISO 3166-1 alpha-2 country code" route --from Stepnogorsk --to Yokohama "${R[@]}" --buyer XX
expect 2 "no regime, tariff or closure figure is dated near 2040-01-01" route --from Stepnogorsk --to Yokohama "${R[@]}" --depart 2040-01-01
expect 2 "month 3 disagrees with depart 2026-10-15" route --from Stepnogorsk --to Yokohama "${R[@]}" --depart 2026-10-15 --month 3
expect 2 "field 'avoid': an empty name" route --from Stepnogorsk --to Yokohama "${R[@]}" --avoid ""
expect 2 "field 'waive': no regime 'nope'" route --from Stepnogorsk --to Yokohama "${R[@]}" --waive nope
# OSM import.
expect 4 "cannot open file" network import-osm /nonexistent/x.osm.pbf --country LI --out /tmp/caravan_err_osm
expect 2 "field 'country': 'LIE' is not an ISO 3166-1 alpha-2 country code" network import-osm "$root/../shared/data/osm/liechtenstein-2013-08-03.osm.pbf" --country LIE --out /tmp/caravan_err_osm
# Global reach: sea-route and places.
expect 2 "unknown passage 'suezz' (known: suez," sea-route --from Poti --to Yokohama --avoid suezz
expect 2 "48.0000,67.0000 is 1,320 km" sea-route --from Poti --to "48.0,67.0"
expect 2 "from the nearest sea node (node" sea-route --from Poti --to "48.0,67.0"
expect 4 "unknown place 'Yokohamaa-xx'" sea-route --from Poti --to Yokohamaa-xx
expect 2 "latitude must be in [-90, 90]" sea-route --from Poti --to "95,10"
expect 2 "unknown vessel class 'canoe'" sea-route --from Poti --to Yokohama --vessel canoe
expect 6 "no sea route from" sea-route --from Poti --to Yokohama --avoid bosporus
expect 4 "cannot open file" sea-route --from Poti --to Yokohama --marnet /nonexistent/marnet.geojson
expect 4 "no place matches 'zzzzqqq'" places zzzzqqq
expect 2 "it lacks the Caspian" sea-route --from Aktau --to Baku
expect 0 "Jawaharlal Nehru Port (Nhava Shiva) (INNSA)" sea-route --from Busan --to "Nhava Sheva"
expect 2 "field 'to': 'JAPAN' is not an ISO 3166-1 alpha-2 country code" markets --from Stepnogorsk --to JP,Japan --tonnes 10
expect 2 "field 'prices': a price for 'FR', which is not among the markets" markets --from Stepnogorsk --to JP,DE --tonnes 10 --prices FR=1000
expect 2 "'Temirtau' is ambiguous: Temirtau (KZTAU), Temirtau (RUTEM) (give the UN/LOCODE)" route --from Temirtau --to Yokohama --tonnes 10
expect 4 "nor is it in the gazetteer" route --from Kostanayyy --to Yokohama --tonnes 10
expect 4 "which the network 'Eurasia freight corridors' does not cover" route --from "Madrid" --to Yokohama --tonnes 10
expect 4 "unknown scenario 'nosuch'" scenario --from Stepnogorsk --to Yokohama "${R[@]}" --scenario nosuch
bad_sc="$(mktemp --suffix=.scenario)"
printf 'name "bad"\nclose country=XX\n' > "$bad_sc"
expect 3 "$(basename "$bad_sc"):2: field 'country': unknown country 'XX'" scenario --from Stepnogorsk --to Yokohama "${R[@]}" --scenario "$bad_sc"
rm -f "$bad_sc"
expect 4 "cannot open file" simulate --config /nonexistent/model.json
bad_sim="$(mktemp --suffix=.json)"
printf '{"resources": [{"id": "f", "kind": "ferry", "capacity_units": 0, "crossing_hours": 5}], "streams": [{"id": "s", "interarrival_hours": 1, "route": [{"resource": "f"}]}]}' > "$bad_sim"
expect 2 "field 'resources[0].capacity_units': a ferry that carries nothing can never sail" simulate --config "$bad_sim"
printf '{"resources": [' > "$bad_sim"
expect 2 "parse error" simulate --config "$bad_sim"
rm -f "$bad_sim"
# Customs: classification, its model and batch files, describe, flows.
expect 2 "describe: the description is empty" classify "   "
expect 2 "describe: the description has no letters" classify "1234 / 56"
expect 2 "control characters" classify "$(printf 'magnets\001')"
expect 2 "written in another alphabet, a script the model was not trained on; it was trained on en" classify "مغناطيس دائم"
expect 2 "none of its words is known to the model" classify "zzqx wvvk"
expect 4 "the classifier model '/nonexistent/model.txt' is missing" classify "wheat" --model /nonexistent/model.txt
corrupt="$(mktemp)"; printf 'caravan-hs-model 1\nmethod x\nseed one\n' > "$corrupt"
expect 3 ":3: expected 'seed N' (the model file is corrupt" classify "wheat" --model "$corrupt"
rm -f "$corrupt"
batch="$(mktemp --suffix=.csv)"; printf 'id,description\na,milling wheat\nb,\nc,frozen boneless beef\n' > "$batch"
out="$("$bin" classify --file "$batch" 2>&1)"; rc=$?
if [ "$rc" -eq 0 ] && [[ "$out" == *"description: empty"* ]] && [[ "$out" == *"2 classified"* ]] && [[ "$out" == *"1 failed"* ]]; then pass=$((pass+1))
else fail=$((fail+1)); echo "FAIL: a batch with a bad row: exit $rc, $out"; fi
printf 'text\nwheat\n' > "$batch"
expect 3 ":1: missing column 'description'" classify --file "$batch"
rm -f "$batch"
expect 2 "describe: no HS code reaches the threshold of 99%" route --from Stepnogorsk --to Yokohama --describe "magnets" --describe-threshold 0.99 --tonnes 5
expect 2 "give the goods' description or their HS code (hs), not both" route --from Stepnogorsk --to Yokohama --describe "magnets" --hs 8505.11 --tonnes 5
expect 2 "describe_threshold" route --from Stepnogorsk --to Yokohama --describe-threshold 0.5 --tonnes 5
expect 4 "no flows for corridor 'nope' (known: titr" flows --corridor nope
bad_examples="$(mktemp --suffix=.csv)"; printf 'text,hs6,lang,source_id\nwheat,1001,en,x\n' > "$bad_examples"
expect 3 ":2: field 'hs6': expected 6 digits, found '1001'" train-classifier --examples "$bad_examples" --out /tmp/caravan_err_model.txt
rm -f "$bad_examples"
# A broken network names file, line and field.
broken="$(mktemp -d)"; cp -r "$tiny"/. "$broken"/
sed -i 's/^r4,CNAKA,CNLYG,rail/r4,CNAKA,CNLYG,barge/' "$broken/links.csv"
expect 3 "links.csv:5: field 'mode': unknown mode 'barge'" --network "$broken" network validate
rm -rf "$broken"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
