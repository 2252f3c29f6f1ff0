"""Banners: the places a sentence names, under their official names (``loaders.places``).

A county's short form counts only inside a project's name, where it is a place prefix
(``武清站商务区`` → 武清区), so the project recogniser runs first. A place inside an
enterprise's name is part of that name (``南开医院`` names no 南开区) and is masked.
"""

from __future__ import annotations

from loaders.context import Context
from loaders.mention import Mention, Span, free
from loaders.sentences import Sentence


class Banners:
    name = "banners"
    type = "Banner"

    def find(self, sentence: Sentence, context: Context, blocked: list[Span]) -> list[Mention]:
        base = sentence.start
        projects = [p.span for p in context.mentions(sentence, "Project")]

        def inside(start: int, end: int) -> bool:
            return any(ps <= base + start and base + end <= pe for ps, pe in projects)

        out = []
        for found in context.places.find(sentence.text, inside):
            place = found.place
            mention = Mention(
                "Banner",
                base + found.start,
                base + found.end,
                place.name,
                self.name,
                aliases=(found.surface,),
                attributes={"level": place.level, "code": place.code, "parent": place.parent},
            )
            if free(mention, blocked):
                out.append(mention)
        return out
