"""Products, by the national industry classification: what a plant makes.

GB/T 4754-2017 names its classes of agriculture, mining and manufacturing by their
products (``日用玻璃制品制造``, ``锂离子电池制造``, ``锻件及粉末冶金制品制造``). Stripped of the
activity (制造, 加工 …) they are product phrases; the last word of a phrase is a product
head (制品, 设备, 电池, 锻件 …). A name that ends in a product head names a product
(``不锈钢冷轧制品``, ``风电设备``, ``铸锻件``); a sector or a kind of energy (氢能, 储能) does not.
"""

from __future__ import annotations

import re
from functools import cache

from loaders.gazetteer import load
from loaders.wording import nouns

ACTIVITY = re.compile(r"(?:压延加工|制造|加工|生产|冶炼|采选|开采|种植|养殖|铸造)$")
LONGEST = 4
MANUFACTURING = re.compile(r"^(?:1[3-9]|[2-3]\d|4[0-3])")  # divisions 13-43: section C


@cache
def product_phrases() -> frozenset[str]:
    """``日用玻璃制品``, ``锂离子电池``, ``锻件``: the names of the classes that make or work
    something, without the activity; of ``A、B及C制造`` only C, which carries the head the
    others share (``医疗、外科及兽医用器械``), and the others that end in a noun of their own
    (``锻件及粉末冶金制品``)."""
    out: set[str] = set()
    special = frozenset(load("pos")["nouns"])
    for code, name in load("products")["classes"].items():
        body = re.sub(r"[（(][^）)]*[）)]", "", name.strip())
        if not ACTIVITY.search(body) or not MANUFACTURING.match(code):
            continue  # 牲畜饲养, 修理: an activity, no product
        while ACTIVITY.search(body):
            body = ACTIVITY.sub("", body)
        parts = re.split("[、和及与]", re.sub(r"^其他(?:未列明)?", "", body))
        out.update(p for p in parts[:-1] if len(p) >= 2 and _last_word(p) in special)  # 锻件及粉末冶金制品
        if len(parts[-1]) >= 2:
            out.add(parts[-1])
    return frozenset(out)


def _last_word(phrase: str) -> str | None:
    vocabulary = nouns()
    return next((phrase[-n:] for n in range(LONGEST, 1, -1) if len(phrase) >= n and phrase[-n:] in vocabulary), None)


@cache
def product_heads() -> frozenset[str]:
    """The nouns product phrases end in (制品, 设备, 电池, 锻件 …)."""
    found = {_last_word(p) for p in product_phrases()}
    return frozenset(w for w in found if w and not w.endswith("业"))


def product_head(text: str) -> str | None:
    """The product head ``text`` ends in (``不锈钢冷轧制品`` → 制品), or None."""
    heads = product_heads()
    return next((text[-n:] for n in range(LONGEST, 1, -1) if len(text) >= n and text[-n:] in heads), None)
