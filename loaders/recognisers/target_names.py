"""How a Target's name is built from its clause: the shortest verbatim span of verb,
indicator, number, unit and qualifier (DECISIONS_GWR.md), with the framing words cut,
listed indicators sharing one figure and conjuncts taking the noun the clause ends with.
"""

from __future__ import annotations

import re

from loaders.gazetteer import alternation, load, words
from loaders.mention import Mention
from loaders.numbers import find_quantities
from loaders.wording import common_words

PLURAL_LIST = re.compile(r"[、和]")


def target(
    name: str,
    indicator: str,
    change: str | None,
    value: float,
    unit: str,
    qualifier: str | None,
    base_year: int | None,
    start: int,
    end: int,
) -> Mention:
    """A Target mention; ``start``/``end`` are the offsets of the as-written span."""
    attributes = {
        "indicator": indicator,
        "change": change,
        "value": value,
        "unit": unit,
        "qualifier": qualifier,
        "base_year": base_year,
    }
    return Mention("Target", start, end, name, "targets", attributes=attributes)


def strip_framing(text: str) -> tuple[str, int]:
    """Drop framing verbs and adverbs (力争, 确保, 年内 …) and a dangling 和/等 from the front."""
    cut = 1 if text[:1] in ("和", "等", "及", "与") and text[:2] not in common_words() else 0  # not 等级, 及时
    framing = words("framing_words")
    changed = True
    while changed:
        changed = False
        for w in framing:
            if text.startswith(w, cut) and len(text) - cut > len(w) + 1:
                cut += len(w)
                changed = True
                break
    return text[cut:], cut


def leading_change(text: str) -> str | None:
    return next((w for w in words("change_words") if text.startswith(w)), None)


def trailing_change(text: str) -> str | None:
    return next((w for w in words("change_words") if text.endswith(w) and len(text) > len(w)), None)


def conjuncts(clause: str) -> list[tuple[int, int]]:
    """Spans of the conjuncts of a clause: split at 、 (or 和) only where both sides carry a number."""
    pieces, start = [], 0
    for m in re.finditer(r"、|和(?=[^、和]*\d)", clause):
        pieces.append((start, m.start()))
        start = m.end()
    pieces.append((start, len(clause)))
    merged: list[tuple[int, int]] = []
    carry = None
    for s, e in pieces:
        s = carry if carry is not None else s
        if "若干" in clause[s:e]:
            carry = None  # “若干个” is no number (D15)
            continue
        if find_quantities(clause[s:e]):
            merged.append((s, e))
            carry = None
        else:
            carry = s
    if carry is not None and merged:
        merged[-1] = (merged[-1][0], len(clause))
    return merged


def head_noun(subject: str) -> str:
    return next((h for h in words("indicator_heads") if subject.endswith(h) and len(subject) > len(h)), "")


def distribute(subject: str, n: int) -> list[str] | None:
    """Subjects for ``分别``/``均``: a listed ``A、B`` or an expansion such as 城乡 → 城镇, 农村."""
    for short, parts in load("lexicon")["distributive_expansions"].items():
        if subject.startswith(short) and len(parts) == n:
            return [p + subject[len(short) :] for p in parts]
    items = [x for x in PLURAL_LIST.split(subject) if x]
    if len(items) != n:
        return None
    head = head_noun(items[-1])
    return [x if not head or x.endswith(head) else x + head for x in items]


def without_leading_changes(text: str) -> str:
    """``培育引进规上加工企业`` → 规上加工企业: the actions before a subject."""
    changed = True
    while changed:
        changed = False
        for w in (*words("change_words"), *words("framing_words")):
            if text.startswith(w) and len(text) > len(w):
                text, changed = text[len(w) :], True
                break
    return text if text not in words("change_words") else ""


def listed_indicators(m: Mention) -> list[Mention]:
    """``社会消费品零售总额、固定资产投资增长4%左右``: listed indicators share one figure."""
    a = m.attributes
    items = a["indicator"].split("、")
    heads = words("indicator_heads")
    if len(items) < 2 or not all(i.endswith(heads) for i in items):
        return [m]
    rest = m.name[m.name.index(items[-1]) + len(items[-1]) :]
    return [
        target(i + rest, i, a["change"], a["value"], a["unit"], a["qualifier"], a["base_year"], m.start, m.end)
        for i in items
    ]


def shared_noun(found: list[Mention], clause: str) -> list[Mention]:
    """``打造5个百万亩、3个十万亩…示范园区``: conjuncts that stop at a magnitude take the
    noun the clause ends with (DECISIONS.md D04)."""
    noun = re.search(rf".*(?:{alternation('qualifiers_after')}|[个处座条家亩])([\u4e00-\u9fff]{{2,8}})$", clause)
    if not noun or len(found) < 2:
        return found
    out = []
    for m in found:
        bare = re.search(r"[\d十百千万]+[个处座条家][十百千万]+[亩吨人户]$", m.name)
        if bare and not m.name.endswith(noun.group(1)):
            change = m.attributes["change"] or ""
            name = (change if change and not m.name.startswith(change) else "") + m.name + noun.group(1)
            m = Mention("Target", m.start, m.end, name, m.recogniser, m.aliases, dict(m.attributes))
        out.append(m)
    return out
