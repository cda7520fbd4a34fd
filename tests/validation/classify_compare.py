#!/usr/bin/env python3
"""Caravan's HS classifier against fastText on the same split, words and nomenclature documents.

  python3 tests/validation/classify_compare.py build/ci/caravan [WORKDIR]

Needs the `fasttext` command (Debian package fasttext; `make classify-compare` installs it).
Accuracy is counted the same way for both, from each model's top three subheadings: at 4 and 2
digits a prediction is right when one of the top subheadings starts with the true heading or
chapter. Prints a Markdown table (docs/classification.md keeps it).
"""
import csv, json, subprocess, sys, time, os

args = [a for a in sys.argv[1:] if a != "--write"]
write = "--write" in sys.argv
caravan = args[0]
work = args[1] if len(args) > 1 else "/tmp/caravan-classify-compare"
os.makedirs(work, exist_ok=True)

def run(cmd):
    t = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return out, time.perf_counter() - t

def score(truth, preds):
    res = {}
    for digits in (6, 4, 2):
        for k in (1, 3):
            hits = sum(1 for t, p in zip(truth, preds) if any(x[:digits] == t[:digits] for x in p[:k]))
            res[(digits, k)] = hits / len(truth)
    return res

rows = {}
_, t_train = run([caravan, "train-classifier", "--seed", "1", "--out", f"{work}/caravan.txt",
                  "--export-split", work])
truth = [r["id"] for r in csv.DictReader(open(f"{work}/test.csv", encoding="utf-8"))]
out, t_pred = run([caravan, "classify", "--file", f"{work}/test.csv", "--model", f"{work}/caravan.txt",
                   "--k", "3", "--json"])
preds = [[c["hs6"] for c in r.get("candidates", [])] for r in json.loads(out)["rows"]]
rows["Caravan: TF-IDF centroids + perceptron (4 passes)"] = (score(truth, preds), t_train, t_pred)

out0, t0 = run([caravan, "train-classifier", "--seed", "1", "--epochs", "0", "--out", f"{work}/centroid.txt"])
out, t_pred0 = run([caravan, "classify", "--file", f"{work}/test.csv", "--model", f"{work}/centroid.txt",
                    "--k", "3", "--json"])
preds = [[c["hs6"] for c in r.get("candidates", [])] for r in json.loads(out)["rows"]]
rows["Caravan: TF-IDF centroids only"] = (score(truth, preds), t0, t_pred0)

for loss, epochs in (("hs", 25), ("softmax", 10)):
    model = f"{work}/ft_{loss}"
    _, t = run(["fasttext", "supervised", "-input", f"{work}/train.txt", "-output", model,
                "-epoch", str(epochs), "-lr", "0.5", "-wordNgrams", "2", "-dim", "100",
                "-minn", "3", "-maxn", "5", "-loss", loss, "-thread", "1", "-seed", "1",
                "-verbose", "0"])
    out, tp = run(["fasttext", "predict", f"{model}.bin", f"{work}/test.txt", "3"])
    preds = [[w.replace("__label__", "") for w in line.split()] for line in out.splitlines()]
    rows[f"fastText 0.9.2 ({loss} loss, {epochs} epochs, word pairs, char 3-5-grams, dim 100)"] = (
        score(truth, preds), t, tp)

lines = [f"Test split: {len(truth)} descriptions; one thread each; times in seconds on this machine.", "",
         "| model | top-1 6 | top-3 6 | top-1 4 | top-3 4 | top-1 2 | top-3 2 | training s | predicting the split s |",
         "|---|---|---|---|---|---|---|---|---|"]
for name, (sc, tt, tp) in rows.items():
    cells = " | ".join(f"{100 * sc[(d, k)]:.1f}%" for d in (6, 4, 2) for k in (1, 3))
    lines.append(f"| {name} | {cells} | {tt:.1f} | {tp:.1f} |")
print("\n".join(lines))
if write:
    doc = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../docs/classification.md")
    text = open(doc, encoding="utf-8").read()
    b, e = "<!-- comparison:begin -->", "<!-- comparison:end -->"
    text = text[:text.index(b) + len(b)] + "\n" + "\n".join(lines) + "\n" + text[text.index(e):]
    open(doc, "w", encoding="utf-8").write(text)
