"""Projects: specific, nameable undertakings, named the way plans name them.

- a list whose kind is a project (``A、B、C等重点项目``, ``…等投产增效``): every item with
  a head of its own or an enterprise + product (``空客二线``), and, when the category is a
  head, the elliptical items it completes (``京哈（扩建）、哈肇、绥大等高速公路``);
- a name ending in a project head (铁路, 机场, 实验室, 产业园, …工程) with an anchor of its
  own (``佳鹤铁路``, ``哈尔滨机场``, ``国家大豆技术创新中心``), and the short items before
  it that share its head (``哈尔滨、黑河、绥芬河片区``);
- metro lines (``地铁8号线一期及延伸线``) and the enterprise's product line
  (``科区龙马铸锻件产品下线``).
Each mention carries capacity, phase, product and status, and its owner (the enterprise
its name opens with) for the enterprises recogniser and the linking stage.
"""

from __future__ import annotations

import re

from loaders.clauses import balanced, clause_start, status_after, strip_leading
from loaders.context import Context
from loaders.gazetteer import pattern, regex, word_set, words
from loaders.mention import Mention, Span, free, longest
from loaders.numbers import find_quantities
from loaders.products import product_head
from loaders.recognisers.ellipsis import borrowed_head, elliptical, metro_lines, shared_head
from loaders.recognisers.lists import Listing, listings
from loaders.recognisers.names import PHASE, anchored, head, head_pattern, is_place, known_enterprise_in
from loaders.recognisers.owners import Owner, owner, product_vocabulary, public_work
from loaders.recognisers.project_spans import (
    after_conjunction,
    after_placed_verb,
    ends_name,
    placed_by_cheng_wei,
    shared_modifier,
)
from loaders.sentences import Sentence
from loaders.wording import brand_words, generic

COUNT = regex("count_of_items")


class Projects:
    name = "projects"
    type = "Project"

    def find(self, sentence: Sentence, context: Context, blocked: list[Span]) -> list[Mention]:
        text, found = sentence.text, []
        for listing in listings(text):
            found.extend(self._listed(listing, sentence, context))
        if sentence.heading is None:
            found.extend(self._headed(sentence, context))
        found.extend(self._launched(sentence, context))
        for n, s, e, status in metro_lines(text):
            found.append(self.mention(n, s, e, sentence, context, status, alias=text[s:e]))
        return [m for m in longest(found) if free(m, blocked)]

    # -- lists -----------------------------------------------------------------------------
    def _listed(self, listing: Listing, sentence: Sentence, context: Context) -> list[Mention]:
        kind = _kind(listing)
        if kind is None:
            return []
        status = _verb(listing.tail, "project_verbs") or (listing.lead or None)
        last_head = head(listing.items[-1].text)
        out = []
        for item in listing.items:
            text = item.text.strip()
            if len(text) < 2 or COUNT.search(text) or text in word_set("generic_enterprises") or "号线" in text:
                continue
            borrowed = borrowed_head(text, last_head)
            if borrowed:
                out.append(self.mention(borrowed, item.start, item.end, sentence, context, status, alias=text))
                continue
            if _organisation_name(text):
                continue  # 通用机床研究院, 合源生物: an enterprise, not a project
            if re.search(r"“[^”]*[一二三四五六七八九十百千两双][^”]*”", text):
                continue  # “两重”“两新”: a slogan
            h = head(text)
            if h is not None:
                named = anchored(text[: -len(h)], h, context.places) or (kind == "named" and _plain(text[: -len(h)]))
                if named and not is_place(text, context.places):
                    out.append(self.mention(text, item.start, item.end, sentence, context, status))
                continue
            if PHASE.search(text) and kind != "part" and not is_place(text, context.places):
                out.append(self.mention(text, item.start, item.end, sentence, context, status))
                continue  # 粮食产能提升灌溉一期等重大水利工程: a phase names a project
            full = elliptical(text, listing.category)
            if full and not is_place(text, context.places) and kind != "part":
                out.append(self.mention(full, item.start, item.end, sentence, context, status, alias=text))
            elif _owned_product(text, context, kind):
                out.append(self.mention(text, item.start, item.end, sentence, context, status))
        if kind == "named":
            out.extend(self._parallel(listing, out, sentence, context, status))
        return out

    def _parallel(
        self, listing: Listing, taken: list[Mention], sentence: Sentence, context: Context, status: str | None
    ) -> list[Mention]:
        """The items of a list its category calls projects that name a product (``不锈钢冷轧
        制品等新项目``, D20), or that open, as their owned siblings do, with a name of the
        same length no common word covers (``扎铝二期35万吨电解铝、锦联55万吨易拉罐、创银
        高纯铝及深加工等项目``: 创银), that open with the place they are in (``永州紫金锂业、…等
        项目``: a place anchors a project, DECISIONS_GWR.md), or that are public works named
        after what they move (``西气东输三线陕西段``)."""
        starts = {m.start - sentence.start for m in taken}
        stems = {m.attributes["owner"][2] - m.attributes["owner"][1] for m in taken if m.attributes["owner"]}
        out = []
        for item in listing.items:
            text = item.text.strip()
            if item.start in starts or len(text) < 4 or "等" in text or is_place(text, context.places):
                continue
            if _organisation_name(text):
                continue
            stem = next((text[:n] for n in sorted(stems) if _brand_stem(text[:n], context)), None)
            if stem is not None:
                named = Owner(stem, 0, len(stem))
                out.append(self.mention(text, item.start, item.end, sentence, context, status, owned_by=named))
            elif product_head(text) or _placed(text, context) or public_work(text):
                out.append(self.mention(text, item.start, item.end, sentence, context, status))
        return out

    # -- names with a head -------------------------------------------------------------------
    def _headed(self, sentence: Sentence, context: Context) -> list[Mention]:
        text, out = sentence.text, []
        for m in head_pattern().finditer(text):
            if not ends_name(text, m.end()):
                continue
            begin = clause_start(text, m.start())
            if begin > 0 and text[begin - 1] == "“" and not re.search(r"\d", text[begin : m.end()]):
                continue  # a quoted slogan (“满园工程”); a quoted code (“117项目”) is a name
            raw = after_conjunction(text[begin : m.end()])
            name, cut = strip_leading(raw, keep=len(m.group()) + 1)
            name = after_placed_verb(name, len(m.group()) + 1, context.places)
            start = m.end() - len(name)
            cut = len(raw) - len(name)
            modifier = name[: -len(m.group())]
            common = shared_modifier(text, begin, start)
            named = balanced(name) and len(name) <= 32 and anchored(common + modifier, m.group(), context.places)
            if not (named or name in words("designations") or placed_by_cheng_wei(text, begin, raw, context)):
                continue
            status = status_after(text, m.end()) or (raw[:cut] or None)
            shared = shared_head(text, start, name, m.group(), context.places)
            if not any(s == start for _, s, _ in shared):
                out.append(self.mention(name, start, m.end(), sentence, context, status, listed=False))
            for n, s, e in shared:
                out.append(self.mention(n, s, e, sentence, context, status, listed=False))
        return out

    # -- a plant's first products -----------------------------------------------------------
    def _launched(self, sentence: Sentence, context: Context) -> list[Mention]:
        """``推动科区龙马铸锻件产品下线``: an enterprise's product, named by a product of the
        industry classification, whose first units come off the line."""
        text, out = sentence.text, []
        for m in regex("product_launch").finditer(text):
            begin = clause_start(text, m.start())
            name = strip_leading(after_conjunction(text[begin : m.start()]), keep=3)[0]
            start = m.start() - len(name)
            if 4 <= len(name) <= 16 and balanced(name) and product_head(name) and owner(name, context.places):
                out.append(self.mention(name, start, m.start(), sentence, context, m.group()))
        return out

    # -- one mention -----------------------------------------------------------------------
    def mention(
        self,
        name: str,
        start: int,
        end: int,
        sentence: Sentence,
        context: Context,
        status: str | None,
        alias: str | None = None,
        listed: bool = True,
        owned_by: Owner | None = None,
    ) -> Mention:
        start, end = start + sentence.start, end + sentence.start  # offsets were the sentence's
        quantities = [q for q in find_quantities(name) if q.unit not in words("count_units")]
        phase = PHASE.search(name)
        found_owner = owned_by or owner(name, context.places, listed)
        product = _product(name, found_owner.end if found_owner else 0)
        attributes = {
            "capacity": {"value": quantities[0].value, "unit": quantities[0].unit} if quantities else None,
            "phase": phase.group() if phase else None,
            "product": product,
            "status": status,
            "owner": (found_owner.name, start + found_owner.start, start + found_owner.end) if found_owner else None,
            "line": "至" in name or head(name) in words("line_heads"),
        }
        aliases = (alias,) if alias and alias != name else ()
        return Mention("Project", start, end, name, Projects.name, aliases=aliases, attributes=attributes)


def _kind(listing: Listing) -> str | None:
    """named: a category says the items are projects (…等重点项目); project: the verb does
    (…等投产增效); part: the list may hold some; None: no projects."""
    category = listing.category
    if category and category.startswith(words("enterprise_categories")) and head(category) is not None:
        return None  # 华为、腾讯等企业区域总部: the items are firms
    if category and category.endswith(words("project_categories")):
        return "named"
    if category and head(category) is not None:
        return "named"
    if category:
        return None
    if _verb(listing.tail, "project_verbs") or _verb(listing.lead, "project_verbs"):
        return "project"
    return "part"


def _verb(text: str, key: str) -> str | None:
    return next((w for w in words(key) if text.startswith(w)), None) if text else None


def _owned_product(text: str, context: Context, kind: str) -> bool:
    """``空客二线``, ``中石化ABS``, ``锦联55万吨易拉罐``: an enterprise + its product or
    plant; a company's own name (``合源生物``, ``启源芯动力``) is no project. The enterprise
    must be a known or suffixed one, unless the list's verb says the items are projects,
    or its category does and the rest is a figure or a product."""
    found = owner(text, context.places)
    if found is None or len(text) - found.end < 2:
        return False
    if bool(known_enterprise_in(found.name)) or found.name.endswith(words("company_suffixes")):
        return True
    return kind == "project" or (kind == "named" and _product(text, found.end) is not None)


def _placed(text: str, context: Context) -> bool:
    """Does ``text`` open with a place and go on with a name or a capacity of its own
    (永州|紫金锂业, 延安|千万吨炼化一体化), not with wording (北京|重点产业)?"""
    lead = context.places.find(text, lambda s, e: True)
    if not lead or lead[0].start != 0 or len(text) - lead[0].end < 4:
        return False
    rest = text[lead[0].end :]
    return not generic(rest) or bool(re.search(r"\d", rest) or regex("count_in_words").search(rest))


def _brand_stem(stem: str, context: Context) -> bool:
    """A name's opening that could be a firm's: no common word, place or figure."""
    if re.search(r"[^\u4e00-\u9fff]", stem) or context.places.find(stem, lambda s, e: True):
        return False
    return stem in brand_words() or not generic(stem)


def _plain(modifier: str) -> bool:
    """In a list a category calls projects, a modifier of its own is enough (光伏帮扶工程),
    if it is no qualifier, count or list of kinds (新型储能和氢基绿能项目, D20)."""
    if len(modifier) < 2 or re.search("[和及与、等的]", modifier) or COUNT.search(modifier):
        return False
    return not any(modifier.startswith(q) for q in (*words("qualifiers"), *words("generic_project_words")))


def _product(name: str, after: int) -> str | None:
    """The product a name states after its owner and figures (``扎铝二期35万吨``电解铝,
    ``梅花生物25万吨``苏氨酸项目): the nouns before the head, when only nouns are left."""
    rest = PHASE.sub("", name[after:])
    rest = re.sub(r"^[\d.×x*]+[\u4e00-\u9fff]{0,2}?(?:吨|千瓦|千伏|件|台|套|辆|头|只|平方米|立方米)", "", rest)
    h = head(rest)
    rest = rest[: -len(h)] if h and len(rest) > len(h) else rest
    if not 2 <= len(rest) <= 10 or re.search(r"\d", rest):
        return None
    vocabulary = product_vocabulary()
    ends = any(rest[-n:] in vocabulary for n in (4, 3, 2) if len(rest) >= n)
    return rest if generic(rest) or ends else None


def _organisation_name(text: str) -> bool:
    """A company's own name (stem + company suffix) or an organisation's."""
    if pattern(r"[\u4e00-\u9fff]{2,3}{company_suffixes}").fullmatch(text):
        return True
    return bool(text.endswith(words("org_suffixes"))) and head(text) is None
