"""Shared helpers for the HS training-data conversion scripts.

Python 3 standard library only.  Every source script reads from a bare git
mirror under /work/.mirror (see MIRRORS) with `git --git-dir=... show`, and
writes rows (text, hs6, lang, source_id) through `emit_rows`.
"""
import csv
import html
import io
import os
import re
import subprocess
import unicodedata

MIRROR_ROOT = os.environ.get("HS_MIRROR_ROOT", "/work/.mirror")
OUT_DIR = os.environ.get(
    "HS_OUT_DIR", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
)
WORK_DIR = os.path.join(OUT_DIR, "work")
MAX_LEN = 300

# repo -> pinned commit used for this dataset (rerun = same output)
MIRRORS = {
    "datasets/harmonized-system": "905e5a0fa29f5700d62cb3cc1265f21bc8a92329",
    "datasets/harmonized-system@hs2017": "a72bef25b2749cd04a824b8b46b71c89e566b4bb",  # 'Complete 2017 edition'
    "Oneusg/Customs": "8b0193f6593b0caaf98122b5eaea425ea835b7e2",
    "qlitre/japan-tariff-mcp": "715eff92066635603d701c7d410c6bb6c8260a0c",
    "trade-tariff/trade-tariff-lambdas-fpo-search": "a7bda30dd79016217e4d6c2719d05a203009d5c4",
    "trade-tariff/ai-search-evaluation-suite": "64843d1e600866a7fcaaac3585d4b89114966096",
    "circool/HSCodes": "b6fa46137d9b7e4b560fc98645176296b3044933",
    "mansari-ptex/hts-react": "1846490b24f6eabe820e62a2d812dffc6e59fb98",
}


def git_dir(repo):
    repo = repo.split("@")[0]
    return os.path.join(MIRROR_ROOT, repo.replace("/", "+"), "repo")


def git_show(repo, path, commit=None):
    """Return bytes of `path` at the pinned commit of `repo`."""
    commit = commit or MIRRORS[repo]
    return subprocess.check_output(
        ["git", "--git-dir", git_dir(repo), "show", f"{commit}:{path}"],
        stderr=subprocess.DEVNULL,
    )


def git_blob(repo, blob_sha):
    return subprocess.check_output(
        ["git", "--git-dir", git_dir(repo), "cat-file", "-p", blob_sha]
    )


# ---------------------------------------------------------------- HS versions
_HS = {}


def _load_hs(key, commit):
    raw = git_show("datasets/harmonized-system", "data/harmonized-system.csv", commit)
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))
    return {r["hscode"]: r["description"] for r in rows if r["level"] == "6"}


def hs2022():
    if "2022" not in _HS:
        _HS["2022"] = _load_hs("2022", MIRRORS["datasets/harmonized-system"])
    return _HS["2022"]


def hs2017():
    if "2017" not in _HS:
        _HS["2017"] = _load_hs("2017", MIRRORS["datasets/harmonized-system@hs2017"])
    return _HS["2017"]


def hs2017_stable_codes():
    """HS2017 subheadings that can be carried over to HS2022 unchanged.

    Conservative rule: a subheading is kept only if (a) the same 6-digit code
    exists in both HS2017 and HS2022 and (b) the set of subheadings of its
    4-digit heading is identical in both editions (so no split, merge, new or
    deleted subheading happened in that heading).  Headings touched by the
    HS2022 amendments are thereby dropped entirely.  A short manual list adds
    headings known to have lost or gained goods to/from other headings without
    any change to their own subheading list (cross-heading transfers in the
    WCO HS2017->HS2022 correlation tables).
    """
    a, b = hs2017(), hs2022()

    def by_heading(codes):
        d = {}
        for c in codes:
            d.setdefault(c[:4], set()).add(c)
        return d

    ha, hb = by_heading(a), by_heading(b)
    changed = {h for h in set(ha) | set(hb) if ha.get(h) != hb.get(h)}
    # cross-heading transfers (source/target headings of HS2022 amendments
    # whose own subheading list did not change)
    changed |= {
        "2403", "3824", "8543", "8473", "8529", "9013", "8517", "8471",
        "8486", "8523", "8528", "8531", "8537", "8541", "8542", "8548",
        "9031", "9405", "8805", "8806", "8525", "3002", "3006", "2939",
        "0304", "0305", "0307", "0308", "1604", "1605", "4418", "4412",
        "7019", "8549", "3827", "2853", "2852", "2903", "2924", "2931",
        "8701", "8424", "8462", "8463", "8465", "8504", "8507", "8539",
    }
    return {c for c in a if c in b and c[:4] not in changed}


# ---------------------------------------------------------------- text utils
_WS = re.compile(r"\s+")
GENERIC = {
    "other", "others", "other:", "nesoi", "other, nesoi",
    "その他のもの", "その他", "その他の物品", "その他のもの：",
    "прочие", "прочий", "прочая", "прочее", "прочих", "прочие:",
}


def clean(text):
    if text is None:
        return ""
    text = html.unescape(str(text))
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u00a0", " ")
    text = _WS.sub(" ", text).strip()
    return text


def strip_level_marks(text):
    """Remove leading indentation dashes used in tariffs ('- - ', '−', '–')."""
    return re.sub(r"^[\s\-\u2212\u2013\u2014\u30fc・]+", "", text).strip()


def is_generic(text):
    t = clean(text).lower().rstrip(":：;. ").strip()
    return t in GENERIC or t + ":" in GENERIC


def join_chain(parts, sep=": ", max_len=MAX_LEN):
    """Join ancestor texts + leaf; drop middle ancestors if too long."""
    parts = [clean(p).rstrip(":：;, ").strip() for p in parts]
    parts = [p for p in parts if p]
    # remove consecutive duplicates
    dedup = []
    for p in parts:
        if not dedup or dedup[-1].lower() != p.lower():
            dedup.append(p)
    parts = dedup
    text = sep.join(parts)
    if len(text) > max_len:
        # 1) shorten long ancestor texts (drop parentheticals, then word-cut)
        short = []
        for p in parts[:-1]:
            if len(p) > 90:
                q = re.sub(r"\s*[(（][^)）]*[)）]", "", p).strip()
                p = q if len(q) >= 10 else p
            if len(p) > 90:
                p = truncate(p, 90)
            short.append(p)
        parts = short + [parts[-1]]
        text = sep.join(parts)
    while len(text) > max_len and len(parts) > 2:
        parts.pop(1)  # drop highest intermediate, keep heading + nearer levels
        text = sep.join(parts)
    return truncate(text, max_len)


def truncate(text, max_len=MAX_LEN):
    text = clean(text)
    if len(text) <= max_len:
        return text
    cut = text[: max_len - 1]
    sp = cut.rfind(" ")
    if sp > max_len * 0.6:
        cut = cut[:sp]
    return cut.rstrip(" ,;:") + "…"


def valid_hs6(code):
    return (bool(re.fullmatch(r"\d{6}", code or "")) and code in hs2022()
            and 1 <= int(code[:2]) <= 97)


def emit_rows(source_id, rows):
    """rows: iterable of (text, hs6, lang). Writes work/<source_id>.csv."""
    os.makedirs(WORK_DIR, exist_ok=True)
    path = os.path.join(WORK_DIR, f"{source_id}.csv")
    n = 0
    seen = set()
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        w.writerow(["text", "hs6", "lang", "source_id"])
        for text, hs6, lang in rows:
            text = truncate(text)
            if not text or len(text) < 3 or not valid_hs6(hs6):
                continue
            if is_generic(text):
                continue
            key = (text, hs6)
            if key in seen:
                continue
            seen.add(key)
            w.writerow([text, hs6, lang, source_id])
            n += 1
    print(f"{source_id}: {n} rows -> {path}")
    return n
