"""UK HMRC Online Trade Tariff material (English), three sources.

1. uk_hmrc_search_references
   Mirror trade-tariff/trade-tariff-lambdas-fpo-search @ a7bda30d :
   reference_data/search_references.json  -- {"search term": "10-digit code"}
   (HMRC Trade Tariff 'search references': everyday words mapped to UK
   commodity codes; repo MIT licence, Crown Copyright).
2. uk_hmrc_extra_references
   same repo : reference_data/extra_references.csv  -- 'Goods Description,
   Commodity Code': real-world (retail / manifest style) goods descriptions
   curated by HMRC as extra training references for their FPO classifier.
   Rows whose description is listed in reference_data/vague_terms.csv or in
   reference_data/incorrect_code_desc_pairs.csv are dropped, as are rows with
   fewer than 3 letters.
3. uk_hmrc_atar
   Mirror trade-tariff/ai-search-evaluation-suite @ 64843d1e :
   apps/classification-evals/scripts/etl_seeders/export_data/atar_drafts.json
   -- HMRC Advance Tariff Rulings (UK binding rulings, 2025/2026): ruling
   goods description -> commodity code.

UK commodity codes since 2022 follow HS2022, so hs6 = first 6 digits; codes
are validated against the HS2022 subheading list.
"""
import csv
import io
import json
import re

import common

FPO = "trade-tariff/trade-tariff-lambdas-fpo-search"
EVAL = "trade-tariff/ai-search-evaluation-suite"


def search_references():
    d = json.loads(common.git_show(FPO, "reference_data/search_references.json"))
    for term, code in d.items():
        code = re.sub(r"\D", "", str(code))
        if len(code) >= 6:
            yield common.clean(term), code[:6], "en"


def _vague():
    raw = common.git_show(FPO, "reference_data/vague_terms.csv").decode("utf-8")
    v = {common.clean(r[0]).lower() for r in csv.reader(io.StringIO(raw)) if r}
    raw = common.git_show(FPO, "reference_data/incorrect_code_desc_pairs.csv").decode("utf-8")
    bad = set()
    for r in csv.DictReader(io.StringIO(raw)):
        bad.add((common.clean(r["GDSDESC"]).lower(), re.sub(r"\D", "", r["CMDTYCODE_Seen"])[:6]))
    return v, bad


def extra_references():
    vague, bad = _vague()
    raw = common.git_show(FPO, "reference_data/extra_references.csv").decode("utf-8-sig")
    for r in csv.DictReader(io.StringIO(raw)):
        text = common.clean(r["Goods Description"])
        code = re.sub(r"\D", "", r["Commodity Code"] or "")
        if len(code) < 6:
            continue
        if len(re.findall(r"[A-Za-z]", text)) < 3:
            continue
        if text.lower() in vague or (text.lower(), code[:6]) in bad:
            continue
        yield text, code[:6], "en"


def atar():
    d = json.loads(common.git_show(
        EVAL, "apps/classification-evals/scripts/etl_seeders/export_data/atar_drafts.json"))
    for dr in d.get("drafts", []):
        ru = dr.get("ruling") or {}
        code = re.sub(r"\D", "", ru.get("commodity_code", ""))
        desc = common.clean(ru.get("description", ""))
        if len(code) >= 6 and desc:
            yield common.truncate(desc), code[:6], "en"


if __name__ == "__main__":
    common.emit_rows("uk_hmrc_search_references", search_references())
    common.emit_rows("uk_hmrc_extra_references", extra_references())
    common.emit_rows("uk_hmrc_atar", atar())
