#!/usr/bin/env bash
# HTTP load benchmark: wrk, 64 connections for 30 s against POST /v1/route on loopback, with the
# server's resident memory before and after. Usage: serve_bench.sh path/to/caravan [seconds]
set -u
here="$(cd "$(dirname "$0")" && pwd)"
bin=$(realpath "$1"); seconds=${2:-30}
source "$here/../tests/integration/serve_lib.sh"
start_server "$bin" || exit 1
lua=$(mktemp --suffix=.lua)
trap 'stop_server; rm -f "$SERVER_LOG" "$lua"' EXIT
cat >"$lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"from": "Stepnogorsk", "to": "Yokohama", "commodity": "rare-earth-oxide", "tonnes": 1000, "avoid": ["CN"], "objective": "cost"}'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("requests %d, non-2xx %d, socket errors %d/%d/%d/%d\n", summary.requests,
    e.status, e.connect, e.read, e.write, e.timeout))
  io.write(string.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n", latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
LUA
rss() { awk '/VmRSS/ {print $2 / 1024 " MiB"}' /proc/"$SERVER_PID"/status; }
curl -s -o /dev/null -X POST -d '{"from": "Stepnogorsk", "to": "Yokohama"}' "$BASE/v1/route"
echo "rss before: $(rss)"
wrk -t 2 -c 64 -d "${seconds}s" --latency -s "$lua" "$BASE/v1/route"
echo "rss after: $(rss)"
wrk -t 2 -c 64 -d "${seconds}s" -s "$lua" "$BASE/v1/route" | tail -3
echo "rss after a second run: $(rss)"
