#!/usr/bin/env bash
# Runs every ```sh example of docs/api.md against a fresh `caravan serve` on a free port: each
# must answer 2xx with a JSON body. Usage: api_docs_test.sh path/to/caravan
set -u
here="$(cd "$(dirname "$0")" && pwd)"
doc="$here/../../docs/api.md"
bin=$(realpath "$1")
source "$here/serve_lib.sh"
start_server "$bin" || exit 1
examples=$(mktemp -d)
trap 'stop_server; rm -rf "$SERVER_LOG" "$examples"' EXIT
# One file per ```sh block.
awk -v dir="$examples" '/^```sh$/ {n++; f=sprintf("%s/%03d.sh", dir, n); inb=1; next}
  /^```$/ {inb=0; next} inb {print > f}' "$doc"
pass=0; fail=0
for f in "$examples"/*.sh; do
  rm -f "$examples/body"
  cmd=$(sed "s#http://127.0.0.1:8080#$BASE#g; s#curl -s #curl -s -m 60 -o \"\$OUT\" -w '%{http_code}' #" "$f")
  status=$(OUT="$examples/body" bash -c "$cmd" 2>&1)
  json=$(cat "$examples/body" 2>/dev/null)
  if [[ "$status" == 2?? ]] && python3 -c 'import json,sys; json.loads(sys.stdin.read())' <<<"$json" 2>/dev/null; then
    pass=$((pass+1))
  else
    echo "FAIL $(head -c 200 "$f"): status $status: $(head -c 300 <<<"$json")"; fail=$((fail+1))
  fi
done
echo "api_docs_test: $pass passed, $fail failed"
[ "$pass" -gt 0 ] && [ "$fail" -eq 0 ]
