#!/usr/bin/env bash
# The HS classifier, reproducible and as documented:
#  1. training again with seed 1 gives the model the build made, byte for byte;
#  2. the evaluation on the test split is what docs/classification.md shows.
# Usage: classification.sh path/to/caravan [--write]   (--write updates the document)
set -u
bin="$1"; mode="${2:---check}"
here="$(cd "$(dirname "$0")" && pwd)"
doc="$here/../../docs/classification.md"
built="$(dirname "$(realpath "$bin")")/hs-model.txt"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$bin" train-classifier --seed 1 --out "$tmp/model.txt" >/dev/null || { echo "training failed"; exit 1; }
if ! cmp -s "$tmp/model.txt" "$built"; then
  echo "classification: training with seed 1 did not reproduce $built"; exit 1
fi
"$bin" evaluate-classifier --model "$built" | sed "s#$(realpath "$here/../..")/##" > "$tmp/eval.md" || exit 1
begin='<!-- evaluation:begin -->'; end='<!-- evaluation:end -->'
current=$(awk -v b="$begin" -v e="$end" '$0==e{inb=0} inb{print} $0==b{inb=1}' "$doc")
if [ "$mode" = "--write" ]; then
  awk -v b="$begin" -v e="$end" -v f="$tmp/eval.md" '
    $0==b {print; while ((getline l < f) > 0) print l; skip=1; next}
    $0==e {skip=0} !skip {print}' "$doc" > "$tmp/doc" && cp "$tmp/doc" "$doc"
  echo "classification: wrote the evaluation into docs/classification.md"; exit 0
fi
if [ "$current" != "$(cat "$tmp/eval.md")" ]; then
  echo "classification: docs/classification.md differs from the model's evaluation:"
  diff <(echo "$current") "$tmp/eval.md" | head -20
  echo "(run tests/validation/classification.sh build/ci/caravan --write and review)"; exit 1
fi
echo "classification: the model is reproducible and docs/classification.md is true"
