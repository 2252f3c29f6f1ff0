"""The commission's own names: the enterprises and projects of the store's local lists
(``loaders.local_lists``), wherever the text writes their name or a short name.

A list's name is the node's name (``通辽梅花生物科技有限公司``), the form written an alias
(``梅花生物``); it runs first and masks the general recognisers of its type, so one firm
is one node however the plan writes it.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from loaders.context import Context
from loaders.gazetteer import automaton, occurrences
from loaders.local_lists import LocalLists
from loaders.mention import Mention, Span, free, longest
from loaders.sentences import Sentence
from loaders.wording import crosses

KINDS = {"enterprise": "Enterprise", "project": "Project"}


class LocalNames:
    name = "local lists"
    type = "Enterprise"  # and Project: both kinds of list name

    def __init__(self, lists: LocalLists) -> None:
        self.lists = lists

    @cached_property
    def surfaces(self) -> Any:
        """One automaton over every name and short name of the lists' enterprises and projects."""
        pairs = []
        for entry in self.lists.entries:
            if entry.kind in KINDS:
                for surface in {entry.name, *entry.aliases}:
                    if len(surface) >= 2:
                        pairs.append((surface, (surface, KINDS[entry.kind], entry.name)))
        return automaton(pairs)

    def find(self, sentence: Sentence, context: Context, blocked: list[Span]) -> list[Mention]:
        text, base = sentence.text, sentence.start
        out = []
        for start, end, (surface, kind, name) in occurrences(self.surfaces, text):
            if crosses(text, start, end):
                continue  # 梅花 inside 梅花鹿: no word of its own
            mention = Mention(kind, base + start, base + end, name, self.name, aliases=(surface,))
            if free(mention, blocked):
                out.append(mention)
        return longest(out)
