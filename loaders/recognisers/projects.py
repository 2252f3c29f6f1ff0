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

from loaders.clauses import BREAK, CLAUSE_BREAK, balanced, clause_start, status_after, strip_leading
from loaders.context import Context
from loaders.gazetteer import pattern, word_set, words
from loaders.mention import Mention, Span, free
from loaders.numbers import find_quantities
from loaders.places import Places
from loaders.recognisers.ellipsis import borrowed_head, elliptical, metro_lines, shared_head
from loaders.recognisers.lists import Listing, listings
from loaders.recognisers.names import PHASE, SCOPE, anchored, head, head_pattern, is_place, known_enterprise_in, owner
from loaders.segment import Sentence
from loaders.wording import all_words, common_words

COUNT = re.compile(r"\d+[个家所座处条项批台套]|[一二三四五六七八九十两]+[个家所座处条项批]")


class Projects:
    name = "projects"
    type = "Project"

    def find(self, sentence: Sentence, context: Context, blocked: list[Span]) -> list[Mention]:
        text, found = sentence.text, []
        for listing in listings(text):
            found.extend(self._listed(listing, sentence, context))
        if sentence.heading is None:
            found.extend(self._headed(sentence, context))
            found.extend(self._product_lines(sentence, context))
        for n, s, e, status in metro_lines(text):
            found.append(self.mention(n, s, e, sentence, context, status, alias=text[s:e]))
        return [m for m in _longest(found) if free(m, blocked)]

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
            elif _owned_product(text, context, kind) or (kind != "part" and _product_named(text)):
                out.append(self.mention(text, item.start, item.end, sentence, context, status))
        return out

    # -- names with a head -------------------------------------------------------------------
    def _headed(self, sentence: Sentence, context: Context) -> list[Mention]:
        text, out = sentence.text, []
        for m in head_pattern().finditer(text):
            if not _ends_name(text, m.end()):
                continue
            begin = clause_start(text, m.start())
            if begin > 0 and text[begin - 1] == "“" and not re.search(r"\d", text[begin : m.end()]):
                continue  # a quoted slogan (“满园工程”); a quoted code (“117项目”) is a name
            raw = _after_conjunction(text[begin : m.end()])
            name, cut = strip_leading(raw, keep=len(m.group()) + 1)
            name = _after_placed_verb(name, len(m.group()) + 1, context.places)
            start = m.end() - len(name)
            cut = len(raw) - len(name)
            modifier = name[: -len(m.group())]
            common = _shared_modifier(text, begin, start)
            named = balanced(name) and len(name) <= 32 and anchored(common + modifier, m.group(), context.places)
            if not (named or name in words("designations") or _placed_by_cheng_wei(text, begin, raw, context)):
                continue
            status = status_after(text, m.end()) or (raw[:cut] or None)
            shared = shared_head(text, start, name, m.group(), context.places)
            if not any(s == start for _, s, _ in shared):
                out.append(self.mention(name, start, m.end(), sentence, context, status, listed=False))
            for n, s, e in shared:
                out.append(self.mention(n, s, e, sentence, context, status, listed=False))
        return out

    def _product_lines(self, sentence: Sentence, context: Context) -> list[Mention]:
        """``科区龙马铸锻件产品下线``: a placed enterprise's product line coming on stream."""
        text, out = sentence.text, []
        for m in re.finditer("(?:产品下线|下线|投产)", text):
            begin = clause_start(text, m.start())
            name, cut = strip_leading(text[begin : m.start()], keep=3)
            lead = context.places.find(name)
            products = [w for w in words("product_words") if name.endswith(w)]
            if lead and lead[0].start == 0 and products and len(name) - lead[0].end - len(products[0]) >= 2:
                out.append(self.mention(name, begin + cut, m.start(), sentence, context, text[m.start() : m.end()]))
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
    ) -> Mention:
        start, end = start + sentence.start, end + sentence.start  # offsets were the sentence's
        quantities = [q for q in find_quantities(name) if q.unit not in words("count_units")]
        phase = PHASE.search(name)
        product = next((w for w in words("product_words") if w in name), None)
        found_owner = owner(name, context.places, listed)
        attributes = {
            "capacity": {"value": quantities[0].value, "unit": quantities[0].unit} if quantities else None,
            "phase": phase.group() if phase else None,
            "product": product,
            "status": status,
            "owner": (found_owner.name, start + found_owner.start, start + found_owner.end) if found_owner else None,
            "line": "至" in name or head(name) in ("铁路", "高铁", "城际", "高速公路", "公路", "管道", "输气管道"),
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
    rest = text[found.end :]
    product = re.search(r"\d", rest) or any(w in rest for w in words("product_words") if len(w) >= 2)
    return kind == "project" or (kind == "named" and bool(product))


def _plain(modifier: str) -> bool:
    """In a list a category calls projects, a modifier of its own is enough (光伏帮扶工程),
    if it is no qualifier, count or list of kinds (新型储能和氢基绿能项目, D20)."""
    if len(modifier) < 2 or re.search("[和及与、等的]", modifier) or COUNT.search(modifier):
        return False
    return not any(modifier.startswith(q) for q in (*words("qualifiers"), *words("generic_project_words")))


def _product_named(text: str) -> bool:
    """``不锈钢冷轧制品等新项目``: a new project named by its product (DECISIONS.md D20)."""
    return any(text.startswith(w) for w in words("product_words") if len(w) >= 2) and len(text) >= 5


def _organisation_name(text: str) -> bool:
    """A company's own name (stem + company suffix) or an organisation's."""
    if pattern(r"[\u4e00-\u9fff]{2,3}{company_suffixes}").fullmatch(text):
        return True
    return bool(text.endswith(words("org_suffixes"))) and head(text) is None


def _ends_name(text: str, end: int) -> bool:
    """A head ends a name unless another head, a figure, a word running on (工程院) or a
    noun it modifies follows (``机场大道``, ``中心城区``, ``园区用地``)."""
    follow = text[end : end + 6]
    if not follow or follow[0] in BREAK or follow.startswith(("(", "（", "》", "”")):
        return True
    if head_pattern().match(follow) or re.match(r"^[\d%]", follow):
        return False
    if text[end - 2 : end + 1] in common_words():
        return False
    if pattern(r"[\u4e00-\u9fff]{0,6}?{org_suffixes}").match(text, end, end + 9):
        return False  # 中国工程物理研究院: the head is inside an organisation's name
    return not follow.startswith(words("head_continuations"))


def _after_placed_verb(name: str, keep: int, places: Places) -> str:
    """``吉林市建设化工新材料基地``: a place, a verb, then the name; the name is what
    follows the verb (the place is the clause's subject)."""
    found = places.find(name[: len(name) - keep], lambda s, e: True)
    if not found or found[0].start != 0:
        return name
    rest, cut = strip_leading(name[found[0].end :], keep=keep)
    return rest if cut else name


def _after_conjunction(raw: str) -> str:
    """``黑河公路大桥和同江铁路大桥`` → the last conjunct; ``A成为B`` → B; not at the 和
    of a word (协和天津基地)."""
    for sep in ("成为", "和", "与"):
        i = raw.rfind(sep)
        if i > 0 and len(raw) - i - len(sep) >= 4 and "“" not in raw[i:]:
            if len(sep) == 1 and (raw[i - 1 : i + 1] in all_words() or raw[i : i + 2] in all_words()):
                continue
            return raw[i + len(sep) :]
    return raw


def _shared_modifier(text: str, begin: int, start: int) -> str:
    """``自治区玉米、肉牛种业技术创新中心``: the scope written on the first of the items that
    share this name's head anchors it too."""
    if begin == 0 or text[begin - 1] != "、":
        return ""
    first = clause_start(text, begin - 1, CLAUSE_BREAK)
    opening, _ = strip_leading(text[first : begin - 1], keep=2)
    scope = SCOPE.match(opening)
    if not scope or opening == scope.group() or text[begin : begin + 2] in ("省级", "市级", "县级"):
        return ""  # 国家、省级区域公共卫生中心: a class of centres, no designation
    return scope.group()


def _placed_by_cheng_wei(text: str, begin: int, raw: str, context: Context) -> bool:
    """``申报科左后旗成为国家现代农业产业园区``: a designation the text ties to a place."""
    before = text[max(0, begin - 12) : begin] + raw
    i = before.find("成为")
    return i > 0 and bool(context.places.find(before[:i]))


def _longest(found: list[Mention]) -> list[Mention]:
    """Keep a mention unless a longer one (or an earlier one of the same length) covers it."""
    kept: list[Mention] = []
    for m in sorted(found, key=lambda m: (-(m.end - m.start), m.start)):
        if not any(k.overlaps(m.start, m.end) and k.name != m.name for k in kept) and m not in kept:
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)
