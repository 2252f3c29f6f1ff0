"""Recognise projects and the enterprises and places their names carry.

Three patterns, all driven by word lists in ``gazetteers/lexicon.json``:

- a list closed by ``等…项目`` (``力促A、B、C等项目建成投产``): every item is a project,
  elliptical items borrow the shared head (``霍林河南500千伏、哲北220千伏输变电工程``);
- a name ending in a project head word (…工程, …产业园, …生产线, …中心, …井 …),
  kept only when it has something of its own beyond generic words;
- an enterprise's product line (``科区龙马铸锻件产品下线``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from loaders.gazetteer import alternation, load, words
from loaders.numbers import find_quantities
from loaders.places import Gazetteer, Place

BREAK = "，,。；;：:、"
LIST = re.compile(rf"等(?P<kind>[^{BREAK}等]{{0,6}}?)项目")
HEAD = re.compile(rf"(?:{alternation('project_heads')})(?:[一二三四五六七八九十]+期|[（(][^）)]{{1,6}}[）)])*")
PHASE = re.compile(r"([一二三四五六七八九十]+)期")
COUNT_AFTER = re.compile(r"^(?:共|总计|合计)?\d")
QUOTE = re.compile(r"“([^”]*)”")
NUMERALS = re.compile(r"[一二三四五六七八九十两百千\d]")
ORG_HEAD = re.compile(rf"^([\u4e00-\u9fff]{{1,8}}?(?:{alternation('org_words')}))")
SUFFIX_HEAD = re.compile(
    rf"^([\u4e00-\u9fff]{{1,3}}?(?:{alternation('org_suffixes')}))(?=[\dA-Za-z一二三四五六七八九十\u4e00-\u9fff])"
)
STEM_HEAD = re.compile(
    rf"^([\u4e00-\u9fff]{{2,4}}?)(?=[一二三四五六七八九十]期\d|\d|(?:{alternation('product_words')}))"
)
PRODUCT = re.compile(alternation("product_words"))
LINE_AFTER_NAME = re.compile(rf"\d|[一二三四五六七八九十]期|[A-Za-z]|(?:{alternation('product_words')})")
DIRECTIONS = set("东西南北中")
PLACE_FEATURES = set(load("lexicon")["place_feature_chars"])  # 河, 湖, 山 …: a place, not a company
LEADING = tuple(
    sorted(
        {
            *words("status_verbs"),
            *words("framing_words"),
            *words("change_words"),
            "重点推动",
            "推动",
            "积极申报",
            "申报",
            "加强",
            "编制",
            "引进",
            "开工",
            "启动",
            "紧抓",
            "推进",
            "积极",
            "力促",
        },
        key=len,
        reverse=True,
    )
)


@dataclass
class ProjectMention:
    name: str
    start: int
    end: int
    aliases: list[str] = field(default_factory=list)
    capacity: dict[str, float | str] | None = None
    phase: str | None = None
    product: str | None = None
    status: str | None = None
    enterprise: str | None = None
    enterprise_place: Place | None = None
    places: list[Place] = field(default_factory=list)


def strip_leading(text: str) -> tuple[str, int]:
    """Drop leading verbs and adverbs (推进, 加快推进, 开工建设 …): the lexicon's first,
    then any word the part-of-speech tagger reads as a verb or adverb."""
    cut = 0
    while True:
        w = next((w for w in LEADING if text.startswith(w, cut) and len(text) - cut > len(w) + 1), None)
        w = w or leading_verb(text[cut:])
        if w is None:
            return text[cut:], cut
        cut += len(w)


VERB_TAGS = ("v", "vd", "vn", "d", "ad", "p", "c", "i")


@cache
def _tagged(text: str) -> tuple[tuple[str, str], ...]:
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return tuple((p.word, p.flag) for p in jieba.posseg.cut(text))


def leading_verb(text: str) -> str | None:
    """The first word when the tagger reads it as a verb or adverb of two or more
    characters, and what follows is a name (not a number: 创新20万吨 is a company's line)."""
    tokens = _tagged(text)
    if len(tokens) < 2:
        return None
    word, flag = tokens[0]
    rest = text[len(word) :]
    if len(word) >= 2 and flag in VERB_TAGS and len(rest) >= 3 and not rest[0].isdigit():
        return word
    return None


def _clause_start(sentence: str, pos: int) -> int:
    i = pos
    while i > 0 and sentence[i - 1] not in BREAK and sentence[i - 1] != "《":
        i -= 1
    return i


def _status_after(sentence: str, end: int) -> str | None:
    rest = sentence[end:]
    rest = rest[2:] if rest.startswith("建设") and not rest.startswith("建设进度") else rest
    return next((w for w in words("status_verbs") if rest.startswith(w)), None)


class ProjectFinder:
    def __init__(self, places: Gazetteer) -> None:
        self.places = places
        self.generic = sorted({*words("generic_project_words"), *words("product_words")}, key=len, reverse=True)

    # -- validation ------------------------------------------------------------------
    def distinctive(self, name: str, head: str) -> bool:
        """Has the name anything of its own beyond generic words (氢能储能项目 has not)?"""
        modifier = name[: len(name) - len(head)] if name.endswith(head) else name
        for m in QUOTE.finditer(modifier):
            if NUMERALS.search(m.group(1)) or "工程" in m.group(1):
                return False
        if re.search(r"型$|以上|以下|\d+[个家所座处条项]", modifier) or modifier.startswith(("一批", "各类", "更多")):
            return False
        if re.search(r"[A-Za-z\d]", QUOTE.sub("", modifier)) or self.places.mentions(modifier):
            return True
        rest = QUOTE.sub("", modifier)
        for w in self.generic:
            rest = rest.replace(w, "")
        rest = re.sub(r"[和及与的、]", "", rest)
        return len(rest) >= 2

    def _acceptable(self, name: str) -> bool:
        if not 3 <= len(name) <= 32 or any(v in name for v in words("internal_verbs")):
            return False
        return not re.search(r"的|等|^(?:一批|各类|更多|所有|和|及)", name)

    # -- patterns --------------------------------------------------------------------
    def find(self, sentence: str, offset: int, is_heading: bool) -> list[ProjectMention]:
        found: list[ProjectMention] = []

        def add(m: ProjectMention) -> None:
            """Keep a mention unless another name already covers its span."""
            if not any(o.start < m.end and m.start < o.end and m.name != o.name for o in found):
                found.append(m)

        for m in self._lists(sentence, offset):
            add(m)
        if not is_heading:
            for m in self._headed(sentence, offset):
                add(m)
            for m in self._product_lines(sentence, offset):
                add(m)
        return sorted(found, key=lambda p: p.start)

    def _lists(self, sentence: str, offset: int) -> list[ProjectMention]:
        out = []
        for m in LIST.finditer(sentence):
            if COUNT_AFTER.match(sentence[m.end() :]):
                continue
            begin = _clause_start(sentence, m.start())
            while begin > 0 and sentence[begin - 1] == "、":
                begin = _clause_start(sentence, begin - 1)
            region, cut = strip_leading(sentence[begin : m.start()])
            status = _status_after(sentence, m.end()) or (sentence[begin : begin + cut] or None)
            kind = m.group("kind")
            items = self._items(region, begin + cut)
            heads = [self._head_of(x) for x, _ in items]
            last_head = heads[-1] if heads else None
            for (item, pos), head in zip(items, heads, strict=False):
                name, alias = item, None
                if head is None and re.search(rf"(?:{alternation('units')})$", item) and last_head:
                    name, alias = item + last_head, item  # 霍林河南500千伏 → …输变电工程
                elif head is None and kind and not self._generic_kind(kind):
                    name, alias = f"{item}{kind}项目", f"{item}等{kind}项目"  # G203 → G203平改立项目
                if len(name) < 3 or not re.search(r"[\u4e00-\u9fffA-Za-z]{2}", name):
                    continue
                if head is None and not self.distinctive(name, ""):
                    continue
                out.append(self._mention(name, offset + pos, offset + pos + len(item), status, alias))
        return out

    def _generic_kind(self, kind: str) -> bool:
        rest = kind
        for w in self.generic:
            rest = rest.replace(w, "")
        return len(rest) < 2

    def _items(self, region: str, base: int) -> list[tuple[str, int]]:
        items, pos = [], 0
        for part in region.split("、"):
            items.append((part, base + pos))
            pos += len(part) + 1
        return [(x, p) for x, p in items if x]

    def _head_of(self, item: str) -> str | None:
        last = None
        for m in HEAD.finditer(item):
            last = m
        if last and last.end() == len(item):
            return item[last.start() :]
        return None

    def _headed(self, sentence: str, offset: int) -> list[ProjectMention]:
        out = []
        for m in HEAD.finditer(sentence):
            if not self._ends_name(sentence, m):
                continue
            begin = _clause_start(sentence, m.start())
            raw = sentence[begin : m.end()]
            for sep in ("成为", "和"):
                if sep in raw and len(raw.rsplit(sep, 1)[1]) >= 4:
                    begin += raw.rindex(sep) + len(sep)
                    raw = sentence[begin : m.end()]
            name, cut = strip_leading(raw)
            if not self._acceptable(name) or name.count("“") != name.count("”"):
                continue
            if not self.distinctive(name, m.group()):
                continue
            status = _status_after(sentence, m.end()) or (raw[:cut] or None)
            mention = self._mention(name, offset + begin + cut, offset + m.end(), status, None)
            before = sentence[:begin]
            if raw.startswith("成为") or sentence[begin - 2 : begin] == "成为":
                mention.places += [p for _, _, p in self.places.mentions(before[-8:])]
            out.extend(self._expand(mention, sentence, offset, begin))
        return out

    def _ends_name(self, sentence: str, m: re.Match[str]) -> bool:
        """A head ends a name only where a break, a status verb or 等 follows it, not
        where another head continues the name (…二级公路项目)."""
        follow = sentence[m.end() :]
        if not follow or follow[0] in BREAK or follow.startswith(("(", "（", "》")):
            return True
        if COUNT_AFTER.match(follow) or follow[0] == "”" or HEAD.match(follow):
            return False
        return any(follow.startswith(w) for w in words("head_followers"))

    def _expand(self, mention: ProjectMention, sentence: str, offset: int, begin: int) -> list[ProjectMention]:
        """``大青沟、银沙湾5A级景区`` and ``自治区玉米、肉牛种业技术创新中心`` name two projects each."""
        start = _clause_start(sentence, begin - 1) if sentence[begin - 1 : begin] == "、" else None
        if start is None:
            return [mention]
        first, cut = strip_leading(sentence[start : begin - 1])
        if "、" in first or not 2 <= len(first) <= 8 or self._head_of(first) or PRODUCT.fullmatch(first):
            return [mention]
        scope = re.match(r"^(国家|自治区|省|市|县)", first)
        core = first[scope.end() :] if scope else first
        tail = mention.name[len(core) :]
        if len(core) > 4 or not HEAD.search(tail):
            return [mention]  # not an elliptical pair, just two items of a list
        name = first + tail
        second = mention.name if not scope or mention.name.startswith(scope.group(1)) else scope.group(1) + mention.name
        pos = offset + start + cut
        a = self._mention(name, pos, offset + begin - 1, mention.status, first if not scope else None)
        b = self._mention(second, mention.start, mention.end, mention.status, None)
        b.places += mention.places
        return [a, b]

    def _product_lines(self, sentence: str, offset: int) -> list[ProjectMention]:
        out = []
        pattern = re.compile(
            rf"({self.places.pattern.pattern})([\u4e00-\u9fff]{{2,4}}?)({PRODUCT.pattern})(?=产品下线|下线|投产)"
        )
        for m in pattern.finditer(sentence):
            name = m.group()
            out.append(
                self._mention(
                    name, offset + m.start(), offset + m.end(), _status_after(sentence, m.end() + 2) or "产品下线", None
                )
            )
        return out

    # -- attributes ------------------------------------------------------------------
    def _mention(self, name: str, start: int, end: int, status: str | None, alias: str | None) -> ProjectMention:
        mention = ProjectMention(name, start, end, aliases=[alias] if alias and alias != name else [], status=status)
        rest = name
        lead = self.places.mentions(name)
        if lead and lead[0][0] == 0:
            _, e, place = lead[0]
            rest = name[e:]
            mention.enterprise_place = place
        if "至" not in name:
            mention.places += [p for _, _, p in lead]
        quantities = [q for q in find_quantities(name) if q.unit not in words("count_units")]
        if quantities:
            mention.capacity = {"value": quantities[0].value, "unit": quantities[0].unit}
        phase = PHASE.search(name)
        mention.phase = phase.group() if phase else None
        product = PRODUCT.search(rest)
        mention.product = product.group() if product else None
        mention.enterprise = self._enterprise(rest, rest != name)
        if mention.enterprise is None or rest.startswith(mention.enterprise + "至"):
            mention.enterprise_place = None
        elif rest != name:
            mention.aliases.append(rest)  # 开发区鹏辉新能源储能PACK生产线 is also 鹏辉新能源储能PACK生产线
        return mention

    def _enterprise(self, rest: str, prefixed: bool) -> str | None:
        for pattern in (ORG_HEAD, SUFFIX_HEAD, STEM_HEAD):
            m = pattern.match(rest)
            if not m or not self._plausible_enterprise(m.group(1), pattern is STEM_HEAD, rest):
                continue
            after = rest[m.end(1) :]
            if pattern is SUFFIX_HEAD and not (prefixed or LINE_AFTER_NAME.match(after)):
                continue  # 青年科技人才培养项目 is no company's
            return m.group(1)
        return None

    def _plausible_enterprise(self, stem: str, bare: bool, name: str) -> bool:
        if stem in words("not_enterprises") or self.places.mentions(stem) or len(stem) >= len(name) - 1:
            return False
        if any(stem.startswith(w) for w in words("generic_org_modifiers")):
            return False
        if bare and (PRODUCT.search(stem) or any(w in stem for w in self.generic if len(w) >= 2)):
            return False
        if any(p.startswith(stem) for p in self.places.by_surface):
            return False
        if bare and (set(stem) & PLACE_FEATURES or stem[-1] in DIRECTIONS):
            return False
        return not re.search(r"\d", stem)
