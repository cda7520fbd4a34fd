#!/usr/bin/env bash
# HTTP API tests: every endpoint, the error cases and the limits, against `caravan serve` on a
# free loopback port. Usage: server_test.sh path/to/caravan
set -u
here="$(cd "$(dirname "$0")" && pwd)"
bin=$(realpath "$1")
source "$here/serve_lib.sh"
start_server "$bin" --max-body-kb 4 --max-alternatives 5 --max-samples 5000 --max-jobs 1 \
  --request-seconds 20 --web "$here/testdata/web" || exit 1

pass=0; fail=0
body=$(mktemp); trap 'stop_server; rm -f "$SERVER_LOG" "$body"' EXIT
# check NAME EXPECTED_STATUS JQ_LIKE_PYTHON_EXPR curl-args...: the status and a Python condition on
# the JSON body `j` (or the text `t`).
check() {
  local name=$1 want=$2 cond=$3; shift 3
  local got
  got=$(curl -s -m 60 -o "$body" -w '%{http_code}' "$@")
  if [ "$got" != "$want" ]; then
    echo "FAIL $name: status $got, expected $want: $(head -c 300 "$body")"; fail=$((fail+1)); return
  fi
  if ! python3 - "$body" "$cond" <<'PY'
import json, sys
t = open(sys.argv[1]).read()
try: j = json.loads(t)
except Exception: j = None
ok = eval(sys.argv[2])
sys.exit(0 if ok else 1)
PY
  then echo "FAIL $name: condition '$cond' on $(head -c 300 "$body")"; fail=$((fail+1)); return; fi
  pass=$((pass+1))
}
json=(-H 'Content-Type: application/json')
# The id of the job the last check started, and waiting (up to TRIES x 0.2 s) while a job runs:
# wait_job ENDPOINT ID TRIES sets `state` to its last status.
job_id() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$body" 2>/dev/null || echo none; }
wait_job() {
  state=running
  for _ in $(seq 1 "$3"); do
    state=$(curl -s -m 10 "$BASE/v1/$1/$2" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])' 2>/dev/null)
    [ "$state" = running ] || break
    sleep 0.2
  done
}
flagship='{"from": "Stepnogorsk", "to": "Yokohama", "commodity": "rare-earth-oxide", "tonnes": 1000, "avoid": ["CN"], "objective": "cost"}'

check healthz 200 'j["status"] == "ok"' "$BASE/healthz"
check route_post 200 'j["routes"] and "CN" not in j["routes"][0]["countries"]' "${json[@]}" -d "$flagship" "$BASE/v1/route"
check route_get 200 'len(j["routes"]) == 2' "$BASE/v1/route?from=Stepnogorsk&to=Yokohama&commodity=rare-earth-oxide&tonnes=1000&avoid=CN&alternatives=2"
# The same JSON as the CLI's --json.
"$bin" route --from Stepnogorsk --to Yokohama --commodity rare-earth-oxide --tonnes 1000 --avoid CN \
  --objective cost --json >"$body.cli"
check route_same_as_cli 200 "j == json.load(open('$body.cli'))" "${json[@]}" -d "$flagship" "$BASE/v1/route"
rm -f "$body.cli"
check compare 200 'len(j["variants"]) >= 2' "${json[@]}" -d '{"from": "Stepnogorsk", "to": "Yokohama", "commodity": "rare-earth-oxide", "tonnes": 1000}' "$BASE/v1/compare"
check compare_avoid_sets 200 'len(j["variants"]) == 2' "${json[@]}" -d '{"from": "Stepnogorsk", "to": "Yokohama", "tonnes": 500, "avoid_sets": ["none", "CN"]}' "$BASE/v1/compare"
check reliability 200 '"reliability" in j["routes"][0]' "${json[@]}" -d '{"from": "Stepnogorsk", "to": "Yokohama", "commodity": "rare-earth-oxide", "tonnes": 1000, "reliability_samples": 1000}' "$BASE/v1/reliability"
check scenario 200 'isinstance(j, dict) and "error" not in j' "${json[@]}" -d '{"from": "Stepnogorsk", "to": "Yokohama", "commodity": "rare-earth-oxide", "tonnes": 1000, "corridors": false, "scenarios": ["suez-closed"]}' "$BASE/v1/scenario"
check scenario_unknown 404 'j["error"]["code"] == "not_found" and j["error"]["field"] == "scenario"' "${json[@]}" -d '{"from": "Stepnogorsk", "to": "Yokohama", "scenarios": ["../../etc/passwd"]}' "$BASE/v1/scenario"
check scenario_missing 400 'j["error"]["field"] == "scenarios"' "${json[@]}" -d '{"from": "Stepnogorsk", "to": "Yokohama"}' "$BASE/v1/scenario"
check why_not 200 'isinstance(j, dict) and "error" not in j' "${json[@]}" -d '{"from": "Stepnogorsk", "to": "Yokohama", "commodity": "rare-earth-oxide", "tonnes": 1000, "via": "Aktau"}' "$BASE/v1/why-not"
check landed_cost 200 '"routes" in j' "${json[@]}" -d '{"from": "Stepnogorsk", "to": "Yokohama", "commodity": "rare-earth-oxide", "tonnes": 1000}' "$BASE/v1/landed-cost"
check landed_cost_no_paths 400 'j["error"]["field"] == "tariffs"' "${json[@]}" -d '{"from": "Stepnogorsk", "to": "Yokohama", "tariffs": "/etc"}' "$BASE/v1/landed-cost"
check locations 200 'j["matches"][0]["id"] == "JPYOK"' "$BASE/v1/locations?q=Yokoham&limit=3"
check locations_numeric_q 200 '"matches" in j' "$BASE/v1/locations?q=1520"
check wrong_method 405 'j["error"]["code"] == "method_not_allowed"' -X DELETE "$BASE/v1/route"
check wrong_method_job 405 'j["error"]["code"] == "method_not_allowed"' "$BASE/v1/assign"
allow=$(curl -s -m 10 -o /dev/null -D - -X PUT -d '{}' "$BASE/v1/compare" | tr -d '\r' | sed -n 's/^Allow: //Ip')
if [ "$allow" = "GET, POST" ]; then pass=$((pass+1)); else echo "FAIL allow_header: '$allow'"; fail=$((fail+1)); fi
check network 200 'j["type"] == "FeatureCollection" and len(j["features"]) > 100' "$BASE/v1/network"
# Global reach over HTTP: sea routes, the gazetteer, markets, places beyond the network.
check sea_route 200 'j["route"]["nm"] > 10000 and "suez" not in [p["id"] for p in j["route"]["passages"]]' "${json[@]}" -d '{"from": "Shanghai", "to": "Rotterdam", "avoid": ["suez"]}' "$BASE/v1/sea-route"
check classify 200 'j["candidates"][0]["hs6"] == "100199" or j["candidates"][0]["heading"]["code"] == "1001"' "${json[@]}" -d '{"text": "hard red winter wheat for milling"}' "$BASE/v1/classify"
check classify_batch 200 'j["failed"] == 1 and j["classified"] == 1 and "error" in j["rows"][1]' "${json[@]}" -d '{"texts": ["frozen boneless beef", 7]}' "$BASE/v1/classify"
check classify_empty 400 'j["error"]["field"] == "describe"' "${json[@]}" -d '{"text": "  "}' "$BASE/v1/classify"
check classify_no_paths 400 'j["error"]["field"] == "model"' "${json[@]}" -d '{"text": "wheat", "model": "/etc/passwd"}' "$BASE/v1/classify"
check route_describe 200 'j["classification"]["hs"] == "8505.11" and j["query"]["commodity"] == "ndfeb-magnets"' "${json[@]}" -d '{"from": "Stepnogorsk", "to": "Yokohama", "describe": "sintered neodymium iron boron permanent magnets of metal", "tonnes": 20}' "$BASE/v1/route"
check valuation 200 'j["valuation"]["status"] == "below" and j["valuation"]["references"][0]["sources"]' "${json[@]}" -d '{"from": "Stepnogorsk", "to": "Yokohama", "commodity": "rare-earth-oxide", "tonnes": 10, "value_usd": 100000}' "$BASE/v1/route"
check flows 200 'any(s["corridor"] == "titr" and s["forecast"] for s in j["series"])' "$BASE/v1/flows?corridor=titr"
check sea_route_no_paths 400 'j["error"]["field"] == "marnet"' "${json[@]}" -d '{"from": "Shanghai", "to": "Rotterdam", "marnet": "/etc/passwd"}' "$BASE/v1/sea-route"
check places 200 'j["matches"][0]["locode"] == "NLRTM"' "${json[@]}" -d '{"q": "Rotterdm"}' "$BASE/v1/places"
check markets 200 '[m["market"] for m in j["markets"]][-1] == "US" and j["markets"][0]["route"] is not None' "${json[@]}" -d '{"from": "Stepnogorsk", "commodity": "rare-earth-oxide", "tonnes": 100, "to": ["JP", "DE", "US"], "price_usd_per_t": 75000}' "$BASE/v1/markets"
check route_beyond_network 200 'j["routes"][0]["legs"][0].get("estimated") is True' "${json[@]}" -d '{"from": "Kustanai", "to": "Yokohama", "tonnes": 10}' "$BASE/v1/route"
check locations_beyond_network 200 'j["beyond_network"][0]["locode"] == "KZZAB"' "$BASE/v1/locations?q=Kustanai"
check info 200 'len(j["commodities"]) > 0' "$BASE/v1/info"
check scenarios_list 200 '"suez-closed" in j["scenarios"]' "$BASE/v1/scenarios"
check reliability_histogram 200 'sum(j["histograms"][0]["counts"]) == 1000 and len(j["histograms"][0]["counts"]) == 12' "${json[@]}" -d '{"from": "Stepnogorsk", "to": "Yokohama", "tonnes": 10, "reliability_samples": 1000, "histogram_bins": 12}' "$BASE/v1/reliability"
check histogram_bins_range 400 'j["error"]["field"] == "histogram_bins"' "${json[@]}" -d '{"from": "Stepnogorsk", "to": "Yokohama", "tonnes": 10, "histogram_bins": 0}' "$BASE/v1/reliability"

# Assignment jobs: start, poll until done (bounded), fetch the result; a second concurrent job
# is refused while the first runs (limit 1).
check assign_bad_demand 404 'j["error"]["field"] == "demand"' "${json[@]}" -d '{"demand": "../../etc/passwd"}' "$BASE/v1/assign"
check assign_start 202 'j["status"] == "running"' "${json[@]}" -d '{"max_iterations": 30}' "$BASE/v1/assign"
job=$(job_id)
second=$(curl -s -m 10 -o /dev/null -w '%{http_code}' "${json[@]}" -d '{"max_iterations": 30}' "$BASE/v1/assign")
wait_job assign "$job" 600
if [ "$state" = done ]; then pass=$((pass+1)); else echo "FAIL assign_poll: job $job ended '$state'"; fail=$((fail+1)); fi
if [ "$second" = 503 ] || [ "$second" = 202 ]; then pass=$((pass+1)); else echo "FAIL assign_cap: $second"; fail=$((fail+1)); fi
check assign_result 200 'j["status"] == "done" and "result" in j and j["progress"] is not None' "$BASE/v1/assign/$job"
check assign_unknown 404 'j["error"]["code"] == "not_found"' "$BASE/v1/assign/999999"
# A sweep as a job, its configuration inline (a file name is refused over HTTP).
check sweep_no_paths 400 'j["error"]["field"] == "config"' "${json[@]}" -d '{"config": "/etc/passwd"}' "$BASE/v1/sweep"
check sweep_start 202 'j["status"] == "running"' "${json[@]}" -d '{"sweep": {"origins": ["Stepnogorsk"], "destinations": ["Yokohama", "Hamburg"], "tonnes": [10]}, "fresh": true}' "$BASE/v1/sweep"
sjob=$(job_id)
wait_job sweep "$sjob" 300
check sweep_result 200 'j["status"] == "done" and len(j["result"]["rows"]) == 2 and j["result"]["rows"][0]["status"] == "ok"' "$BASE/v1/sweep/$sjob"

# Errors from the one table, never a crash.
check bad_json 400 'j["error"]["code"] == "invalid_request"' "${json[@]}" -d '{"from": ' "$BASE/v1/route"
check not_object 400 'j["error"]["code"] == "invalid_request"' "${json[@]}" -d '[1,2]' "$BASE/v1/route"
check unknown_place 404 'j["error"]["code"] == "not_found" and j["error"]["field"] == "from"' "${json[@]}" -d '{"from": "Atlantis", "to": "Yokohama"}' "$BASE/v1/route"
check unknown_field 400 'j["error"]["field"] == "colour"' "${json[@]}" -d '{"from": "Stepnogorsk", "to": "Yokohama", "tonnes": 1, "colour": "red"}' "$BASE/v1/route"
check wrong_type 400 'j["error"]["field"] == "tonnes"' "${json[@]}" -d '{"from": "Stepnogorsk", "to": "Yokohama", "tonnes": "many"}' "$BASE/v1/route"
check bad_utf8_query 404 'j["error"]["field"] == "from"' "$BASE/v1/route?from=%FF%FE&to=Yokohama&tonnes=1"
check no_endpoint 404 'j["error"]["code"] == "not_found"' "$BASE/v1/teleport"
# Limits: body size (4 KiB here); alternatives (5) and samples (5000) are range errors naming the field.
big=$(python3 -c 'print("{\"from\": \"" + "x" * 8000 + "\", \"to\": \"Yokohama\"}")')
check body_limit 413 'j["error"]["code"] == "limit_exceeded"' "${json[@]}" -d "$big" "$BASE/v1/route"
check alternatives_limit 400 'j["error"]["field"] == "alternatives" and "[1, 5]" in j["error"]["message"]' "${json[@]}" -d '{"from": "Stepnogorsk", "to": "Yokohama", "tonnes": 1, "alternatives": 50}' "$BASE/v1/route" 
check samples_limit 400 'j["error"]["field"] == "reliability_samples" and "5000" in j["error"]["message"]' "${json[@]}" -d '{"from": "Stepnogorsk", "to": "Yokohama", "tonnes": 1, "reliability_samples": 100000}' "$BASE/v1/reliability"
# Static files only from the web folder.
check index 200 '"<html" in t' "$BASE/"
check traversal 404 'True' --path-as-is "$BASE/../../../../etc/passwd"
check traversal_encoded 404 'True' --path-as-is "$BASE/%2e%2e/%2e%2e/%2e%2e/etc/passwd"
# Metrics count what happened above.
check metrics 200 '"caravan_http_requests_total{endpoint=\"/v1/route\",status=\"200\"}" in t and "caravan_http_request_duration_seconds_bucket" in t and "caravan_http_errors_total{code=\"limit_exceeded\"}" in t' "$BASE/metrics"
# Concurrency: 16 requests at once all succeed.
codes=$(for i in $(seq 1 16); do curl -s -m 60 -o /dev/null -w '%{http_code}\n' "${json[@]}" -d "$flagship" "$BASE/v1/route" & done; wait)
if [ "$(grep -c '^200$' <<<"$codes")" = 16 ]; then pass=$((pass+1)); else echo "FAIL concurrent: $codes"; fail=$((fail+1)); fi

# Graceful shutdown on SIGTERM: exits 0 and says so.
kill -TERM "$SERVER_PID"
for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
wait "$SERVER_PID"; rc=$?
SERVER_PID=""
if [ "$rc" = 0 ] && grep -q 'stopped\|abandoning' "$SERVER_LOG"; then pass=$((pass+1)); else echo "FAIL shutdown: rc $rc: $(cat "$SERVER_LOG")"; fail=$((fail+1)); fi

# A request past the time limit gets 503 (a tiny limit, a long reliability run).
start_server "$bin" --request-seconds 0.01 --web "$here/testdata/web" || exit 1
check time_limit 503 'j["error"]["code"] == "unavailable"' "${json[@]}" -d '{"from": "Stepnogorsk", "to": "Rotterdam", "tonnes": 1000, "reliability_samples": 200000, "corridors": true}' "$BASE/v1/reliability"
stop_server

# Without a built map, / says how to build it (not a JSON 404).
start_server "$bin" --web "" || exit 1
page=$(curl -s -w '\n%{http_code}' "$BASE/")
if [ "$(tail -1 <<<"$page")" = 200 ] && grep -q 'make web' <<<"$page"; then pass=$((pass+1)); else echo "FAIL no_map_page: $page"; fail=$((fail+1)); fi
stop_server

# Finished jobs survive a restart: submit, finish, restart on the same store, fetch.
store_dir=$(mktemp -d)
start_server "$bin" --store "$store_dir/jobs.sqlite" || exit 1
check store_job_start 202 'j["status"] == "running"' "${json[@]}" -d '{"sweep": {"origins": ["Stepnogorsk"], "destinations": ["Yokohama"], "tonnes": [10]}}' "$BASE/v1/sweep"
kjob=$(job_id)
wait_job sweep "$kjob" 300
stop_server
start_server "$bin" --store "$store_dir/jobs.sqlite" || exit 1
check store_job_after_restart 200 'j["status"] == "done" and j["result"]["rows"][0]["status"] == "ok"' "$BASE/v1/sweep/$kjob"
check store_next_id 202 'int(j["id"]) > int("'"$kjob"'")' "${json[@]}" -d '{"sweep": {"origins": ["Almaty"], "destinations": ["Yokohama"], "tonnes": [10]}}' "$BASE/v1/sweep"
stop_server
out=$(timeout 20 "$bin" serve --port 0 --store /nonexistent/dir/jobs.sqlite 2>&1); rc=$?
if [ "$rc" = 8 ] && [[ "$out" == *"/nonexistent/dir/jobs.sqlite"* ]]; then pass=$((pass+1)); else echo "FAIL store_unopenable: rc $rc: $out"; fail=$((fail+1)); fi
python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("PRAGMA user_version = 9"); c.commit()' "$store_dir/jobs.sqlite"
out=$(timeout 20 "$bin" serve --port 0 --store "$store_dir/jobs.sqlite" 2>&1); rc=$?
if [ "$rc" = 8 ] && [[ "$out" == *"schema version 9, newer than"* ]]; then pass=$((pass+1)); else echo "FAIL store_newer: rc $rc: $out"; fail=$((fail+1)); fi
rm -rf "$store_dir"

echo "server_test: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
