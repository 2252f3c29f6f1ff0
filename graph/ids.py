"""Stable, readable node ids derived from a node's type and canonical name.

Entities that can recur across plans (projects, enterprises, banners, industries)
get one id everywhere, so a second plan merges into them; items that only make
sense inside one plan (sections, tasks, targets) are scoped by the plan's id.
"""

from __future__ import annotations

import re
import unicodedata

PLAN_SCOPED = {"Section", "Task", "Target"}
_SCOPED_PREFIXES = {t.lower() for t in PLAN_SCOPED}

_SPACE = re.compile(r"\s+")


def canonical(name: str) -> str:
    """Normalise width and spacing so that one name always gives one id."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", name))


def node_id(node_type: str, name: str, plan_id: str | None = None) -> str:
    """``project:梅花生物25万吨苏氨酸项目``; plan-scoped types add the plan's key.

    >>> node_id("Banner", "科尔沁区")
    'banner:科尔沁区'
    >>> node_id("Task", "筑牢生态安全屏障", "plan:2025年通辽市计划报告")
    'task:2025年通辽市计划报告/筑牢生态安全屏障'
    """
    prefix = node_type.lower()
    if node_type in PLAN_SCOPED:
        if plan_id is None:
            raise ValueError(f"a {node_type} id needs its plan")
        return f"{prefix}:{plan_id.split(':', 1)[1]}/{canonical(name)}"
    return f"{prefix}:{canonical(name)}"


def plan_of(node_id: str) -> str | None:
    """The plan a plan-scoped id names, or a plan's own id; None for an entity that any
    plan may name (its plans are in its provenance).

    >>> plan_of("task:2025年通辽市计划报告/筑牢生态安全屏障")
    'plan:2025年通辽市计划报告'
    >>> plan_of("banner:科尔沁区") is None
    True
    """
    prefix, _, rest = node_id.partition(":")
    if prefix == "plan":
        return node_id
    if prefix in _SCOPED_PREFIXES and "/" in rest:
        return "plan:" + rest.split("/", 1)[0]
    return None
