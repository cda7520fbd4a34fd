#!/usr/bin/env bash
# Runs the README's quick-start commands (pgRouting's executed docs) against a built binary.
set -euo pipefail
bin="$1"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
n=0
# Every line of the README that starts with "caravan " inside a ```sh block runs and must exit 0.
while IFS= read -r line; do
  cmd="${line#caravan }"
  eval "\"$bin\" $cmd" >/dev/null
  n=$((n+1))
done < <(awk '/^```sh/{f=1;next} /^```/{f=0} f && /^caravan /' "$root/README.md")
echo "README quick start: $n commands ran"
[ "$n" -gt 0 ]
