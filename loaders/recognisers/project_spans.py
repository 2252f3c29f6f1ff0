"""Where a project's name begins and ends inside its clause: a head ends a name unless the
name runs on (机场大道, 中国工程物理研究院); a name starts after the verbs and adverbs
that open its clause, after the last conjunct, after a place that is the clause's
subject (``吉林市建设``…); a scope written on the first of a list anchors the rest.
"""

from __future__ import annotations

import re

from loaders.clauses import BREAK, CLAUSE_BREAK, clause_start, strip_leading
from loaders.context import Context
from loaders.gazetteer import pattern, words
from loaders.places import Places
from loaders.recognisers.names import SCOPE, head_pattern
from loaders.wording import all_words, common_words


def ends_name(text: str, end: int) -> bool:
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


def after_placed_verb(name: str, keep: int, places: Places) -> str:
    """``吉林市建设化工新材料基地``: a place, a verb, then the name; the name is what
    follows the verb (the place is the clause's subject)."""
    found = places.find(name[: len(name) - keep], lambda s, e: True)
    if not found or found[0].start != 0:
        return name
    rest, cut = strip_leading(name[found[0].end :], keep=keep)
    return rest if cut else name


def after_conjunction(raw: str) -> str:
    """``黑河公路大桥和同江铁路大桥``, ``…二期工程以及…灌区续建配套工程`` → the last
    conjunct; ``A成为B``, ``A跻身B`` → B (a clause, whose object is the candidate); not at the
    和 of a word (协和天津基地)."""
    for sep in (*words("predicating_verbs"), "以及", "和", "与"):
        i = raw.rfind(sep)
        if i > 0 and len(raw) - i - len(sep) >= 4 and "“" not in raw[i:]:
            if len(sep) == 1 and (raw[i - 1 : i + 1] in all_words() or raw[i : i + 2] in all_words()):
                continue
            return raw[i + len(sep) :]
    return raw


def shared_modifier(text: str, begin: int, start: int) -> str:
    """``自治区玉米、肉牛种业技术创新中心``: the scope written on the first of the items that
    share this name's head anchors it too."""
    if begin == 0 or text[begin - 1] != "、":
        return ""
    first = clause_start(text, begin - 1, CLAUSE_BREAK)
    opening, _ = strip_leading(text[first : begin - 1], keep=2)
    scope = SCOPE.match(opening)
    if not scope or opening == scope.group() or text[begin:].startswith(words("level_words")):
        return ""  # 国家、省级区域公共卫生中心: a class of centres, no designation
    return scope.group()


def placed_by_cheng_wei(text: str, begin: int, raw: str, context: Context) -> bool:
    """``申报科左后旗成为国家现代农业产业园区``: a designation the text ties to a place."""
    before = text[max(0, begin - 12) : begin] + raw
    i = before.find("成为")
    return i > 0 and bool(context.places.find(before[:i]))
