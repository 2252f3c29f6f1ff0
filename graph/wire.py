"""Parameter values in the one form FalkorDB's Bolt endpoint cannot misread.

FalkorDB 4.16 does not hand Bolt parameters to its query engine as values: it writes
them as text in front of the query, ``CYPHER id='…' rows=[{id: '…'}] MATCH …``, into a
4096-byte buffer on the stack (``get_query`` in its ``src/bolt/bolt_api.c``), and parses
the result. Strings go between single quotes with nothing escaped, map keys bare,
floats through ``%f``. So a ``'`` in a value ends the string and the rest is Cypher, a
value ending in ``\\`` swallows the closing quote and turns the next value into Cypher,
``\\b`` comes back as a backspace, a NUL cuts the value short, a map key is Cypher, and
a request of more than 4 KB overflows the buffer and kills the server.

On that dialect every string travels, and is stored, as the lowercase hexadecimal digits
of its UTF-8 bytes. Between quotes those digits are read as themselves by any parser;
equal texts give equal codes, so lookups by value still use the index; and the code of
a concatenation is the concatenation of the codes, so long texts can be appended in
parts on the server. Map keys must be identifiers and floats are refused, which leaves
only ``NULL``, ``true``, ``false``, decimal integers, ``'[0-9a-f]*'`` and lists and maps
of those: nothing a parser can read as anything but a literal.

Two more limits of that endpoint shape the store: a record of more than 64 KB is never
delivered (the reader waits for ever), so long properties are read in windows
(``Dialect.read_window``); and its index finds no string longer than 4096 bytes, so ids,
names and aliases are capped well below (``Dialect.max_key_bytes``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from graph.cypher import Statement

HEX = re.compile(r"(?:[0-9a-f]{2})*")
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
INT64 = range(-(2**63), 2**63)


def key(name: Any) -> str:
    """A map key or parameter name, which FalkorDB writes bare: identifiers only."""
    if not isinstance(name, str) or not IDENTIFIER.fullmatch(name):
        raise ValueError(f"{name!r} cannot be a parameter name or map key on FalkorDB: it is sent unquoted")
    return name


def encode(value: Any) -> Any:
    """``value`` with every string as the hex of its UTF-8 bytes; anything without a
    closed form on FalkorDB (a float, bytes, an object) is an error."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        if value not in INT64:
            raise ValueError(f"{value} does not fit a 64-bit integer")
        return value
    if isinstance(value, str):
        return value.encode().hex()
    if isinstance(value, list | tuple):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {key(k): encode(v) for k, v in value.items()}
    raise TypeError(f"no safe form on FalkorDB for a {type(value).__name__}: {value!r}")


def encoded(params: dict[str, Any]) -> dict[str, Any]:
    """A statement's parameters as FalkorDB gets them."""
    return {key(k): encode(v) for k, v in params.items()}


def decode(value: Any) -> Any:
    """The text of an encoded string (lists decoded item by item; other values as they are).
    Raises ``ValueError`` for a string plangraph did not encode."""
    if isinstance(value, str):
        if not HEX.fullmatch(value):
            raise ValueError(f"not a hex-encoded text: {value[:40]!r}")
        return bytes.fromhex(value).decode()
    if isinstance(value, list):
        return [decode(v) for v in value]
    return value


def size(value: Any) -> int:
    """Bytes of an encoded ``value`` as FalkorDB writes it into the query text."""
    if value is None:
        return len("NULL")
    if isinstance(value, bool):
        return len("true" if value else "false")
    if isinstance(value, int):
        return len(str(value))
    if isinstance(value, str):
        return len(value) + 2  # hex digits between quotes
    if isinstance(value, list):
        return 2 + sum(size(v) for v in value) + 2 * max(0, len(value) - 1)
    if isinstance(value, dict):
        return 2 + sum(len(k) + 2 + size(v) for k, v in value.items()) + 2 * max(0, len(value) - 1)
    raise TypeError(f"not an encoded value: {value!r}")


def request_size(text: str, params: dict[str, Any]) -> int:
    """Bytes FalkorDB composes for ``text`` with encoded ``params``: ``CYPHER k=v … text``."""
    if not params:
        return len(text.encode())
    return len("CYPHER ") + sum(len(k) + 1 + size(v) + 1 for k, v in params.items()) + len(text.encode())


def statement_size(statement: Statement) -> int:
    return request_size(statement.text, encoded(statement.params))


def item_size(value: Any) -> int:
    """Bytes ``value`` adds to a request as one more item of a list parameter."""
    return size(encode(value)) + 2  # and a ", "


def char_size(char: str) -> int:
    """Bytes one more character adds to a string parameter."""
    return 2 * len(char.encode())


# -- statements cut to fit a budget -------------------------------------------------------------
BATCH = 500  # rows per statement where there is no budget


def within_budget(make: Callable[[list[Any]], Statement], items: list[Any], budget: int | None) -> Iterator[Statement]:
    """``make(part)`` for consecutive parts of ``items``, each request within ``budget``
    bytes as FalkorDB composes it (one statement where there is no budget)."""
    if budget is None:
        yield make(items)
        return
    yield from (make(part) for part in _parts(make, items, budget, limit=None))


def _parts(
    make: Callable[[list[Any]], Statement], items: list[Any], budget: int, limit: int | None
) -> Iterator[list[Any]]:
    empty = statement_size(make([])) - 2  # no separator before the first item
    part: list[Any] = []
    used = empty
    for item in items:
        extra = item_size(item)
        if part and (used + extra > budget or (limit is not None and len(part) >= limit)):
            yield part
            part, used = [], empty
        part.append(item)
        used += extra
    if part:
        yield part


def pieces(value: str | list[str], room: int) -> list[Any]:
    """A long text (by characters) or list (by items) cut into pieces that each add at most
    ``room`` bytes to a request; concatenated on the server they give ``value`` again."""
    cost = char_size if isinstance(value, str) else item_size
    out: list[list[Any]] = [[]]
    used = 0
    for item in value:
        n = cost(item)
        if out[-1] and used + n > room:
            out.append([])
            used = 0
        out[-1].append(item)
        used += n
    return ["".join(p) for p in out] if isinstance(value, str) else out


def fit(
    rows: list[dict[str, Any]],
    make: Callable[[list[dict[str, Any]]], Statement],
    append: Callable[[dict[str, Any], str, Any], Statement],
    budget: int | None,
    appendable: dict[str, Any],
) -> Iterator[Statement]:
    """``make(batch)`` for batches of rows within ``budget``; a row too large alone is
    written with its ``appendable`` properties empty (the values given), and they follow
    in parts through ``append(row, property, part)``."""
    if budget is None:
        yield from (make(rows[i : i + BATCH]) for i in range(0, len(rows), BATCH))
        return
    alone = statement_size(make([])) - 2
    small = [r for r in rows if alone + item_size(r) <= budget]
    yield from (make(batch) for batch in _parts(make, small, budget, limit=BATCH))
    for row in rows:
        if alone + item_size(row) > budget:
            props = row["props"]
            long = [k for k in appendable if props.get(k)]
            yield make([{**row, "props": {**props, **{k: appendable[k] for k in long}}}])
            for k in long:
                room = budget - statement_size(append(row, k, appendable[k]))
                yield from (append(row, k, piece) for piece in pieces(props[k], room))
