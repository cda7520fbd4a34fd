"""Run every source converter, then merge into examples.csv.

Usage:  python3 build_all.py        (needs the git mirrors under /work/.mirror)

* each src_*.py writes work/<source_id>.csv
* merge: exact (text, hs6) duplicates are removed (first source in SOURCES
  order wins); any source above CAP rows is sampled deterministically (every
  k-th row) -- none currently is.
* prints row counts per source / language and distinct hs6 codes, and writes
  work/stats.json
"""
import csv
import json
import math
import os
import subprocess
import sys
from collections import Counter

import common

HERE = os.path.dirname(os.path.abspath(__file__))
CAP = 60000
SOURCES = [  # order = dedup priority
    ("src_uk_hmrc.py", ["uk_hmrc_atar", "uk_hmrc_extra_references", "uk_hmrc_search_references"]),
    ("src_us_hts.py", ["us_hts_2025"]),
    ("src_jp_customs.py", ["jp_customs_tariff_2026"]),
    ("src_ru_tnved.py", ["eaeu_tnved_2021_ru"]),
]


def main():
    if "--no-convert" not in sys.argv:
        for script, _ in SOURCES:
            subprocess.check_call([sys.executable, os.path.join(HERE, script)])
    seen = set()
    out_rows = []
    per_source = Counter()
    for _, ids in SOURCES:
        for sid in ids:
            with open(os.path.join(common.WORK_DIR, f"{sid}.csv"), encoding="utf-8") as f:
                rows = list(csv.DictReader(f))
            if len(rows) > CAP:
                k = math.ceil(len(rows) / CAP)
                rows = rows[::k]
            for r in rows:
                key = (r["text"], r["hs6"])
                if key in seen:
                    continue
                seen.add(key)
                out_rows.append(r)
                per_source[sid] += 1
    path = os.path.join(common.OUT_DIR, "examples.csv")
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["text", "hs6", "lang", "source_id"],
                           quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        w.writeheader()
        w.writerows(out_rows)
    per_lang = Counter(r["lang"] for r in out_rows)
    hs6 = Counter(r["hs6"] for r in out_rows)
    chapters = {h[:2] for h in hs6}
    stats = {
        "total_rows": len(out_rows),
        "per_source": dict(per_source),
        "per_lang": dict(per_lang),
        "distinct_hs6": len(hs6),
        "hs2022_subheadings": len(common.hs2022()),
        "distinct_chapters": len(chapters),
        "hs6_with_>=3_rows": sum(1 for v in hs6.values() if v >= 3),
        "distinct_hs6_per_lang": {
            l: len({r["hs6"] for r in out_rows if r["lang"] == l}) for l in per_lang
        },
    }
    with open(os.path.join(common.WORK_DIR, "stats.json"), "w") as f:
        json.dump(stats, f, indent=1, ensure_ascii=False)
    print(json.dumps(stats, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
