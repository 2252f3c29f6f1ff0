"""Enterprises named as actors outside project names.

- ``引进华为等头部算力企业``: the items before ``等…企业``;
- ``查干乐团音乐会``, ``西安交通大学``: a name ending in an organisation word;
- ``引导和谊、经安稳定释放产能``: short names whose verb is a firm's (释放产能, 达产达效).
Project-name heads (梅花生物25万吨苏氨酸项目 → 梅花生物) come from ``loaders.projects``.
"""

from __future__ import annotations

import re

from loaders.gazetteer import alternation, words
from loaders.projects import BREAK, PRODUCT, strip_leading

LISTED = re.compile(rf"([^{BREAK}等]{{2,30}}?)等[\u4e00-\u9fff]{{0,6}}?企业")
ORG = re.compile(rf"([\u4e00-\u9fff]{{2,8}}?(?:{alternation('org_words')}))(?!化|业|机构)")
FIRM_VERB = re.compile(
    r"(?:引导|支持|推动|鼓励|推进)((?:[\u4e00-\u9fff]{2,4}、)+[\u4e00-\u9fff]{2,4}?)"
    r"(?:稳定|加快|全面|尽快)?(?:释放产能|达产达效|满产达效|扩能|增产)"
)


def _plausible(name: str) -> bool:
    if not 2 <= len(name) <= 10 or name in words("not_enterprises") or "型" in name:
        return False
    return not any(name.startswith(w) for w in words("generic_org_modifiers"))


def find_enterprises(sentence: str) -> list[tuple[int, int, str]]:
    """Actor enterprises in one sentence as (start, end, name) relative to it."""
    out: list[tuple[int, int, str]] = []
    for m in LISTED.finditer(sentence):
        region, cut = strip_leading(m.group(1))
        pos = m.start(1) + cut
        for item in region.split("、"):
            if _plausible(item) and not re.search(r"\d", item) and not PRODUCT.search(item):
                out.append((pos, pos + len(item), item))
            pos += len(item) + 1
    for m in FIRM_VERB.finditer(sentence):
        pos = m.start(1)
        for item in m.group(1).split("、"):
            out.append((pos, pos + len(item), item))
            pos += len(item) + 1
    for m in ORG.finditer(sentence):
        start = m.start(1)
        while start > 0 and sentence[start - 1] not in BREAK + "《》（）()":
            start -= 1
        name, cut = strip_leading(sentence[start : m.end(1)])
        name = name.split("》")[-1]
        if _plausible(name) and not any(name == w for w in words("org_words")):
            out.append((m.end(1) - len(name), m.end(1), name))
    return out
