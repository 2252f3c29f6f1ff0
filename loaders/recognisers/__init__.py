"""The recognisers, their order and what masks what: one registry.

Each sentence passes through the recognisers in this order. A recogniser is given the
spans of the earlier mentions whose types mask it and leaves them alone: a project's name
hides the capacity inside it from the targets (``扎铝二期35万吨电解铝``) and the industry
words in it; an enterprise's name hides the place in it (``南开医院``). Places inside a
project's name stay, for located-in; the owner inside a project's name stays, for
responsible-for. A store's local lists (``loaders.local_lists``) add a recogniser of
their own names ahead of these. Adding an entity type is one module and one line here.
"""

from __future__ import annotations

from dataclasses import dataclass

from loaders.context import Context
from loaders.mention import Recogniser
from loaders.recognisers.banners import Banners
from loaders.recognisers.enterprises import Enterprises
from loaders.recognisers.industries import Industries
from loaders.recognisers.local import LocalNames
from loaders.recognisers.projects import Projects
from loaders.recognisers.targets import Targets


@dataclass(frozen=True)
class Entry:
    recogniser: Recogniser
    masked_by: tuple[str, ...]


REGISTRY: tuple[Entry, ...] = (
    Entry(Projects(), masked_by=("Project",)),
    Entry(Enterprises(), masked_by=("Enterprise",)),
    Entry(Banners(), masked_by=("Enterprise",)),
    Entry(Industries(), masked_by=("Project", "Enterprise")),
    Entry(Targets(), masked_by=("Project",)),
)


def recognise(context: Context) -> None:
    """Run every recogniser over every sentence; the mentions land in ``context.found``.
    A store's local lists, when it has them, come first: their names win over the
    general recognisers' readings of the same words."""
    local = (Entry(LocalNames(context.lists), masked_by=()),) if context.lists else ()
    for sentence in context.document.sentences:
        context.budget.step()
        for entry in (*local, *REGISTRY):
            blocked = [m.span for m in context.mentions(sentence) if m.type in entry.masked_by]
            context.add(sentence, entry.recogniser.find(sentence, context, blocked))
