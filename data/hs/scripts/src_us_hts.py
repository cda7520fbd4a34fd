"""US HTS (USITC Harmonized Tariff Schedule, 2025 edition CSV export).

Mirror: Oneusg/Customs @ 8b0193f6 : htsdata.csv  (USITC 'HTS Number, Indent,
Description, ...' export; committed 2025-04-17, i.e. HTS 2025, HS2022-based).

Conversion: rows are walked with an indent stack; every *leaf* row (no deeper
row follows) that carries an 8- or 10-digit HTS number in chapters 01-97 is
emitted with the text = chain of ancestor descriptions + leaf description.
Leaves whose national digits are all zero (e.g. 0101.30.00.00) only repeat the
WCO 6-digit subheading and are dropped.  hs6 = first 6 digits.
"""
import csv
import io
import re

import common

SOURCE_ID = "us_hts_2025"


def rows():
    raw = common.git_show("Oneusg/Customs", "htsdata.csv").decode("utf-8-sig")
    recs = list(csv.DictReader(io.StringIO(raw)))
    stack = {}
    items = []
    for r in recs:
        try:
            ind = int(r["Indent"])
        except (TypeError, ValueError):
            continue
        desc = common.clean(r["Description"])
        stack[ind] = desc
        for k in [k for k in stack if k > ind]:
            del stack[k]
        chain = [stack[k] for k in sorted(stack) if k <= ind]
        items.append((ind, re.sub(r"\D", "", r["HTS Number"] or ""), chain))
    for i, (ind, digits, chain) in enumerate(items):
        nxt = items[i + 1][0] if i + 1 < len(items) else -1
        if nxt > ind:
            continue  # not a leaf
        if len(digits) not in (8, 10) or int(digits[:2]) > 97:
            continue
        if set(digits[6:]) == {"0"}:
            continue  # identical to the HS subheading itself
        text = common.join_chain(chain)
        if common.is_generic(chain[-1]) and len(chain) < 2:
            continue
        yield text, digits[:6], "en"


if __name__ == "__main__":
    common.emit_rows(SOURCE_ID, rows())
