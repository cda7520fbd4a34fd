"""EAEU TN VED (ТН ВЭД ЕАЭС) 10-digit lines, Russian.

Mirror: circool/HSCodes (bare git).  Files used:
  * blob 075cbaf40b7a2a89d337d0ad493b68b1083b9afd  = dic/TNVED4_ACTUAL.TXT
    (commit b6fa461, 2021-07-16): the Russian Federal Tax Service (ФНС)
    TN VED classifier (TNVED4 = subheadings, 'code|name|valid_from|valid_to|'),
    filtered by that project to lines in force in mid-2021, plus some
    intermediate (undated) grouping lines.
  * files/TNVED3.TXT @ b6fa461 (UTF-8, FNS TNVED3 = 4-digit headings).

HS version: TN VED in force in 2021 is based on HS2017 (the EAEU switched to
HS2022 on 2022-01-01).  Only 6-digit codes in common.hs2017_stable_codes()
(same code in HS2017 and HS2022, heading subheading-structure unchanged, and
heading not on a conservative list of cross-heading HS2022 transfers) are
kept; everything else is dropped.

Text = heading name (sentence case) + available ancestor fragments + leaf
fragment, leading dashes removed.  Generic leaves ("прочие") are kept only if
at least one intermediate ancestor is available besides the heading.
"""
import re

import common

SOURCE_ID = "eaeu_tnved_2021_ru"
REPO = "circool/HSCodes"
TNVED4_BLOB = "075cbaf40b7a2a89d337d0ad493b68b1083b9afd"
FRAGMENT = re.compile(
    r"^(не более|не менее|более|менее|массой|с содержанием|содержащ|в |до |от |свыше|"
    r"устройств|товаров|изделий|для гражданских|прочих)", re.I)
DASH = re.compile(r"^((?:[-\u2013\u2014][\s\u00a0]*)*)")


def headings():
    b = common.git_show(REPO, "files/TNVED3.TXT")
    try:
        raw = b.decode("utf-8")
    except UnicodeDecodeError:
        raw = b.decode("cp866")
    out = {}
    for line in raw.splitlines()[1:]:
        p = line.split("|")
        if len(p) < 5:
            continue
        end = p[4].strip()
        if end and end[-4:] < "2021":
            continue
        name = common.clean(p[2])
        if name:
            out[p[0] + p[1]] = name[:1].upper() + name[1:].lower()
    return out


def depth(name):
    return DASH.match(name).group(1).count("-") + DASH.match(name).group(1).count("\u2013")


def rows():
    heads = headings()
    stable = common.hs2017_stable_codes()
    raw = common.git_blob(REPO, TNVED4_BLOB).decode("utf-8")
    recs = []
    for line in raw.splitlines():
        p = line.split("|")
        if len(p) < 2:
            continue
        code = re.sub(r"\D", "", p[0])
        if len(code) != 10:
            continue
        name = p[1].replace("\u00a0", " ")
        dated = len(p) > 2 and p[2].strip() != ""
        recs.append((code, depth(name), common.strip_level_marks(common.clean(name)), dated))
    recs.sort(key=lambda r: (r[0], not r[3]))
    stack = []  # (depth, significant_code, text)
    cur_head = None
    for code, lvl, text, dated in recs:
        if code[:4] != cur_head:
            cur_head, stack = code[:4], []
        sig = code.rstrip("0") or code[:2]
        stack = [s for s in stack if s[0] < lvl and sig.startswith(s[1])]
        if dated and code[:6] in stable:
            anc = [s[2] for s in stack]
            if common.is_generic(text) and not anc:
                pass
            elif not anc and FRAGMENT.match(text):
                pass  # bare quantitative fragment without its subheading text
            else:
                head = heads.get(code[:4], "")
                yield common.join_chain([head] + anc + [text]), code[:6], "ru"
        stack.append((lvl, sig, text))


if __name__ == "__main__":
    common.emit_rows(SOURCE_ID, rows())
