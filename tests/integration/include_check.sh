#!/usr/bin/env bash
# Dependencies point one way (STYLE.md section 2): a module includes only the modules it may use.
set -u
root="$(cd "$(dirname "$0")/../.." && pwd)"
declare -A allowed=(
  [core]="core"
  [places]="core places"
  [sea]="core places sea"
  [network]="core network"
  [tariff]="core tariff"
  [classify]="core tariff classify"
  [sweep]="core sweep"
  [cluster]="core sweep cluster"
  [io]="core places sea network tariff classify sweep io"
  [cost]="core network cost"
  [route]="core places sea network cost route"
  [sim]="core network cost route sim"
  [assign]="core network cost assign"
  [scenario]="core network cost route sim io scenario"
  [trade]="core network tariff cost route trade"
  [api]="core places sea network tariff classify sweep cluster cost route sim assign scenario trade io api"
  [server]="core network api server"
  [cli]="core network api server cli"
  [python]="core network api python"
)
bad=0; checked=0
for dir in "$root"/src/*/; do
  m=$(basename "$dir")
  [ -n "${allowed[$m]+x}" ] || { echo "include_check: module src/$m has no rule"; bad=$((bad+1)); continue; }
  while IFS= read -r line; do
    file=${line%%:*}; inc=$(sed -E 's/.*#include "([a-z_]+)\/.*/\1/' <<<"$line")
    # Tests beside the code may also use the test helpers and io (to load their fixtures).
    [[ "$inc" == "testing" || "$inc" == "io" ]] && [[ "$file" == *_test.cpp ]] && continue
    checked=$((checked+1))
    if [[ " ${allowed[$m]} " != *" $inc "* ]]; then
      echo "include_check: $file includes $inc/, but $m may use only: ${allowed[$m]}"; bad=$((bad+1))
    fi
  done < <(grep -H -E '^#include "[a-z_]+/' "$dir"*.h "$dir"*.cpp 2>/dev/null)
done
echo "$((checked-bad)) passed, $bad failed"
[ "$bad" -eq 0 ]
