"""Japan Customs tariff schedule (実行関税率表), Japanese.

Mirror: qlitre/japan-tariff-mcp @ 715eff92 : src/tariffdata/j_NN_tariff_data.json
(scraped by that project from the Japan Customs tariff schedule pages,
version 2026_07_09 -> HS2022 nomenclature; MIT licence for the repo).

Each JSON file is a tree: level-0 nodes are headings ("85.01"), deeper nodes
are subheadings / unnumbered groupings; leaves carry stat_code "NNNN.NN" plus
a 3-digit national statistical code (hs_code).  Every leaf becomes one row:
text = heading description + intermediate descriptions + leaf description
(leading "−" level marks removed), hs6 = stat_code digits.
"""
import json
import re

import common

SOURCE_ID = "jp_customs_tariff_2026"
ENUM = re.compile(r"^(?:\(\d+\)|\(\w\)|\d+\s|[A-Z]\s)\s*")


def walk(node, chain, out):
    desc = common.strip_level_marks(common.clean(node.get("desc", "")))
    # drop rate-table enumerators such as "2 ", "(1)", "A " at the start
    desc = ENUM.sub("", desc).strip()
    chain = chain + [desc]
    kids = node.get("children") or []
    if kids:
        for k in kids:
            walk(k, chain, out)
        return
    digits = re.sub(r"\D", "", node.get("stat_code", ""))
    nat = re.sub(r"\D", "", node.get("hs_code", "") or "")
    if len(digits) != 6 or len(nat) != 3:
        return
    if common.is_generic(desc) and len(chain) < 2:
        return
    out.append((common.join_chain(chain, sep="："), digits, nat))


def rows():
    for ch in range(1, 98):
        path = f"src/tariffdata/j_{ch:02d}_tariff_data.json"
        try:
            data = json.loads(common.git_show("qlitre/japan-tariff-mcp", path))
        except Exception:
            continue  # chapter 77 (reserved) has no file
        out = []
        for n in data:
            walk(n, [], out)
        for text, hs6, nat in out:
            yield text, hs6, "ja"


if __name__ == "__main__":
    common.emit_rows(SOURCE_ID, rows())
