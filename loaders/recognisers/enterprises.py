"""Enterprises: companies, groups, universities, institutes and other organisations named
as actors (never a government body), by their short names as written.

- the owner a project's name opens with (``梅花生物``25万吨苏氨酸项目), found by the
  projects recogniser;
- the items of a list of enterprises (``华为等头部算力企业``, ``泰达、城投、轨道、津融等重组优化``,
  ``天有为、大鹏工业成功上市``), the brand-like names in a list of projects (``启源芯动力``
  in ``空客二线、…、启源芯动力等投产增效``), institutes abbreviated ``X院``/``X所`` in any list;
- the subject of a firm's verb (``京东消费金融稳健运营``, ``中科曙光推出…``);
- a name ending in an organisation word (``北大荒集团``, ``国家冰雪运动学院``, ``天焦公司``);
- the central state-owned and financial enterprises of ``enterprises.json`` by their short
  forms (``中国电子``, ``招商局``).
"""

from __future__ import annotations

import re
from functools import cache

from loaders.clauses import BREAK, CLAUSE_BREAK, clause_start, strip_leading
from loaders.context import Context
from loaders.gazetteer import alternation, regex, word_set, words
from loaders.mention import Mention, Span, free, longest
from loaders.places import gazetteer
from loaders.products import product_head
from loaders.recognisers.lists import Listing, listings
from loaders.recognisers.names import generic_vocabulary, head, is_place, known_enterprise_in
from loaders.sentences import Sentence
from loaders.wording import brand_words, common_words, generic, nouns, proper_parts

ORG = regex("org_name_end")
COUNTED = regex("organisation_count")
NOT_NAME = re.compile(f"{regex('not_firm_name').pattern}|{regex('public_work_name').pattern}")


@cache
def _firm_verbs() -> re.Pattern[str]:
    return re.compile(f"(?:{alternation('firm_verbs')})")


class Enterprises:
    name = "enterprises"
    type = "Enterprise"

    def find(self, sentence: Sentence, context: Context, blocked: list[Span]) -> list[Mention]:
        base, text = sentence.start, sentence.text
        projects = context.mentions(sentence, "Project")
        found = [self._owner(p) for p in projects if p.attributes.get("owner")]
        for listing in listings(text):
            found.extend(self._listed(listing, base, context, projects))
        found.extend(self._subjects(text, base, context))
        found.extend(self._organisations(text, base, context, projects))
        found.extend(self.mention(text, s, e, base, official=o) for s, e, o in known_enterprise_in(text))
        found = [m if "project" in m.attributes else _trimmed(m, context) for m in found]
        return longest(m for m in found if free(m, blocked) or "project" in m.attributes)

    def mention(self, text: str, start: int, end: int, base: int, **attributes: object) -> Mention:
        return Mention("Enterprise", base + start, base + end, text[start:end], self.name, attributes=attributes)

    def _owner(self, project: Mention) -> Mention:
        name, start, end = project.attributes["owner"]
        return Mention("Enterprise", start, end, name, self.name, attributes={"project": project.name})

    def _listed(self, listing: Listing, base: int, context: Context, projects: list[Mention]) -> list[Mention]:
        kind = _kind(listing)
        out = []
        products = _product_endings(listing)
        for item in listing.items:
            if item.text.endswith(products):
                continue  # 药用玻璃、超薄玻璃、特种玻璃等…企业: a list names one kind of thing
            inside = any(p.start <= base + item.start and base + item.end <= p.end for p in projects)
            if kind is None or inside or (kind == "bare" and head(item.text)):
                if _institute(item.text) and not inside:
                    out.append(Mention("Enterprise", base + item.start, base + item.end, item.text, self.name))
                continue
            if plausible(item.text, context, strict=kind == "bare"):
                out.append(Mention("Enterprise", base + item.start, base + item.end, item.text, self.name))
        return out

    def _subjects(self, text: str, base: int, context: Context) -> list[Mention]:
        """``京东消费金融稳健运营``: a name opening a clause whose verb is a firm's."""
        out = []
        for m in _firm_verbs().finditer(text):
            begin = clause_start(text, m.start(), CLAUSE_BREAK)
            subject, cut = strip_leading(text[begin : m.start()], keep=2)
            if "、" in subject or "等" in subject or head(subject):
                continue  # lists are the lists' business; a project is no firm
            for part in re.split("和|及", subject):
                start = begin + cut + subject.index(part)
                if len(part) >= 3 and not part.endswith(("业", "企")) and plausible(part, context, strict=True):
                    out.append(self.mention(text, start, start + len(part), base))
        return out

    def _organisations(self, text: str, base: int, context: Context, projects: list[Mention]) -> list[Mention]:
        out = []
        for m in ORG.finditer(text):
            begin = clause_start(text, m.start())
            while begin < m.start() and text[begin] in BREAK + "《》（）()“”":
                begin += 1
            name, _ = strip_leading(text[begin : m.end()], keep=len(m.group()) + 1)
            name = name.split("》")[-1]
            start = m.end() - len(name)
            if any(p.start == base + start and p.end == base + m.end() for p in projects):
                continue  # a hospital that opens is a project (鹏瑞利医院开诊)
            if COUNTED.match(text, m.end()):
                continue  # 新增境内上市公司62家: a count of a kind of organisation, not one
            if len(name) > len(m.group()) and _organisation(name, m.group(), context):
                out.append(self.mention(text, start, m.end(), base))
        return out


def _trimmed(m: Mention, context: Context) -> Mention:
    """The mention without the wording before its name."""
    suffix = len(next((s for s in words("org_suffixes") if m.name.endswith(s)), "__"))
    name = _from_anchor(strip_leading(m.name, keep=suffix + 1)[0], suffix, context)
    if name == m.name:
        return m
    return Mention("Enterprise", m.end - len(name), m.end, name, m.recogniser, attributes=m.attributes)


def _from_anchor(name: str, suffix: int, context: Context) -> str:
    """``挂牌重庆大学``, ``保障中国中化``, ``与联合国粮农组织``: the name starts at its place,
    known enterprise or scope when only common wording stands before it."""
    surfaces = gazetteer().surfaces
    starts = [a for a in range(1, len(name) - suffix) if any(name[a : a + k] in surfaces for k in (2, 3, 4))]
    starts += [s for s, _, _ in known_enterprise_in(name)]
    starts += [name.find(w) for w in words("org_scopes") if len(w) >= 2 and name.find(w) > 0]
    for at in sorted(s for s in starts if 0 < s <= len(name) - suffix - 1):
        if not proper_parts(name[:at]):
            return name[at:]
    return name


def plausible(name: str, context: Context, strict: bool = False) -> bool:
    """A short name of 2-12 characters that is no generic group, body, place or phrase;
    ``strict``: also brand-like (a part no common word covers, or a company suffix)."""
    if not 2 <= len(name) <= 12 or NOT_NAME.search(name) or name in word_set("generic_enterprises"):
        return False
    if name in generic_vocabulary() or _feature(name):
        return False  # 新材料, 钢铁: a sector or product; 周原遗址, 赤水河（昭通段）: a site, no firm
    if name.endswith(words("government_bodies")) or is_place(name, context.places):
        return False
    if name in word_set("not_places", "places") or name.startswith(words("level_words")):
        return False
    if "等" in name and name[name.index("等") - 1 : name.index("等") + 1] not in common_words():
        return False
    suffix = name.endswith(words("org_suffixes"))
    if (head(name) and not suffix) or re.search(r"(?:集群|产业|经济)$", name) or _product(name):
        return False
    if not suffix and _placed_wording(name, context):
        return False  # 宁东现代煤化工, 延安苹果: a place's sector or produce, no firm
    if suffix or name.endswith(words("company_suffixes")) or name in brand_words():
        return True  # 华为: a word the dictionary tags as a name is brand-like
    return bool(proper_parts(name)) if strict else name not in common_words()


def _placed_wording(name: str, context: Context) -> bool:
    """A place and then only vocabulary (宁东|现代煤化工, 汉中|中药材)."""
    lead = context.places.find(name, lambda s, e: True)
    if not lead or lead[0].start != 0 or len(name) - lead[0].end < 2:
        return False
    return generic(name[lead[0].end :], generic_vocabulary())


def _feature(name: str) -> bool:
    """A site, a water, a people or a deal: names that end as no firm's does."""
    return re.sub(r"[（(][^）)]*[）)]$", "", name).endswith(words("not_firm_endings"))


def _product(name: str) -> bool:
    """``药用玻璃``, ``不锈钢冷轧制品``: a name ending in a product of the industry
    classification, or made of several nouns of the vocabulary, is a product, not a firm;
    one noun alone (``腾讯``, ``小米``) may be a brand, as is a word the dictionary tags as a
    name (``华为``); an organisation's or a company's name ends in its suffix."""
    if name in brand_words() or name.endswith((*words("org_suffixes"), *words("company_suffixes"))):
        return False
    return product_head(name) is not None or (generic(name) and name not in nouns())


def _product_endings(listing: Listing) -> tuple[str, ...]:
    """The last words of a list's items that are products: an item ending the same way is
    a product too (``超薄玻璃`` beside ``药用玻璃``, ``特种玻璃``)."""
    return tuple({item.text[-2:] for item in listing.items if len(item.text) > 2 and _product(item.text)})


def _organisation(name: str, suffix: str, context: Context) -> bool:
    """``北大荒集团``; ``国家冰雪运动学院``, ``省种业集团``: a scope and a topic name one
    organisation too; ``城市医院`` names none."""
    if not plausible(name, context):
        return False
    stem = name[: -len(suffix)]
    scope = next((s for s in words("org_scopes") if stem.startswith(s)), None)
    if scope is not None and (len(stem) - len(scope) >= 2 or len(suffix) >= 3):
        return True  # 国家冰雪运动学院, 省工研院, 联合国旅游组织: one organisation by scope and topic
    lead = context.places.find(stem)
    regional = stem.startswith(words("org_region_prefixes")) and len(stem) >= 4
    return bool(proper_parts(stem)) or (bool(lead) and lead[0].start == 0) or regional


def _institute(name: str) -> bool:
    """``北化院``, ``石科院``, ``工生所``: an institute by its three-character abbreviation,
    or ``X研院`` (研究院: ``先研院``, ``产研院``); not a common word (养老院, 法院)."""
    if NOT_NAME.search(name) or name in common_words() or name[-3:-1] in common_words():
        return False
    return bool(regex("org_abbrev_suffix").fullmatch(name))


def _kind(listing: Listing) -> str | None:
    """enterprise: a list of enterprises; bare: a list of projects, whose brand-like names
    are enterprises (GWR P04); None: no enterprises."""
    category = listing.category
    if category and not category.startswith("“"):
        owned = category.startswith(words("enterprise_categories")) and head(category) is not None
        if category.endswith(words("enterprise_categories")) or owned:
            return "enterprise"  # 龙头企业; 企业区域总部: the headquarters are the firms'
        return None
    if listing.tail.startswith(words("firm_verbs")):
        return "enterprise"
    if listing.tail.startswith(words("project_verbs")):
        return "bare"  # 空客二线、…、启源芯动力等投产增效: the verb says the items are projects
    return None
