#!/usr/bin/env bash
# Shared by the HTTP tests: start `caravan serve` on a free loopback port and stop it at exit.
# Usage: source serve_lib.sh; start_server CARAVAN [serve options...]; then $BASE is the URL.
set -u
SERVER_PID=""
SERVER_LOG=""
stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null
    for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
  fi
  SERVER_PID=""
}
start_server() {
  local bin=$1; shift
  SERVER_LOG=$(mktemp)
  "$bin" serve --port 0 "$@" >"$SERVER_LOG" 2>&1 &
  SERVER_PID=$!
  trap 'stop_server; rm -f "$SERVER_LOG"' EXIT
  for _ in $(seq 1 100); do
    if grep -q '^listening on ' "$SERVER_LOG"; then
      BASE=$(sed -n 's#^listening on \(http://[^ ]*\)/$#\1#p' "$SERVER_LOG" | head -1)
      return 0
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "server did not start:"; cat "$SERVER_LOG"; return 1
}
