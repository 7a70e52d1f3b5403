"""Loading YAML inputs safely, keeping line numbers for messages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import InputError
from .files import MAX_YAML_BYTES, read_text

#: Bounds checked while the YAML is parsed, before anything is built: a 2 MB file can hold a
#: million list items, which takes minutes to load. (The case schema has tighter ones.)
MAX_ITEMS = 10_000        # items of one list, or keys of one mapping
MAX_NODES = 200_000       # values in the whole file
MAX_SCALAR = 1_000_000    # characters of one value
MAX_DEPTH = 64            # lists and mappings inside each other


def _check_events(path: str | Path, events) -> None:
    """Walk the parser's events, refusing aliases and anything past the bounds above, with
    the line and the field path (``review.findings[3]``) where the bound was passed."""
    from ruamel.yaml.events import (AliasEvent, CollectionEndEvent, CollectionStartEvent,
                                    MappingStartEvent, ScalarEvent)

    stack: list[list] = []  # [is_mapping, items so far, current key, expecting a key]
    nodes = 0

    def where(whole_list: bool) -> str:
        parts = ""
        for depth, (is_map, count, key, _) in enumerate(stack):
            last = whole_list and depth == len(stack) - 1
            if is_map:
                if key is not None and not last:
                    parts += f".{key}" if parts else str(key)
            elif count and not last:
                parts += f"[{count - 1}]"
        return parts or "(top level)"

    def refuse(event, problem: str, whole_list: bool = False) -> None:
        line = event.start_mark.line + 1 if event.start_mark else "?"
        raise InputError(path, f"line {line}: {where(whole_list)}: {problem}")

    for event in events:
        if isinstance(event, AliasEvent):
            line = event.start_mark.line + 1 if event.start_mark else "?"
            raise InputError(path, f"line {line}: YAML aliases (*name) are not allowed here")
        if isinstance(event, CollectionEndEvent):
            stack.pop()
            if stack and stack[-1][0]:
                stack[-1][3] = True
            continue
        if not isinstance(event, (ScalarEvent, CollectionStartEvent)):
            continue
        nodes += 1
        if nodes > MAX_NODES:
            refuse(event, f"the file holds more than {MAX_NODES:,} values")
        top = stack[-1] if stack else None
        is_key = top is not None and top[0] and top[3]
        if top is not None and (is_key or not top[0]):
            top[1] += 1
            if top[1] > MAX_ITEMS:
                refuse(event, f"more than {MAX_ITEMS:,} {'keys' if top[0] else 'items'}", whole_list=True)
        if isinstance(event, ScalarEvent):
            if len(event.value) > MAX_SCALAR:
                refuse(event, f"a value of {len(event.value):,} characters (the limit is {MAX_SCALAR:,})")
            if top is not None and top[0]:
                if is_key:
                    top[2] = " ".join(event.value.split())[:60]
                top[3] = not is_key
            continue
        if top is not None and top[0]:
            top[3] = False  # this collection is the value; a key follows it
        stack.append([isinstance(event, MappingStartEvent), 0, None, True])
        if len(stack) > MAX_DEPTH:
            refuse(event, f"lists and mappings nested more than {MAX_DEPTH} deep")


def load_yaml(path: str | Path) -> Any:
    """Load a YAML file with ruamel's round-trip loader (keeps line numbers).

    Refuses, with an ``InputError``: missing/empty/non-UTF-8 files, syntax
    errors, duplicate keys, anchors/aliases (never needed in a case file,
    and the way "billion laughs" bombs are built), and lists, values or nesting
    past the bounds above (checked while parsing, before anything is built).
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import DuplicateKeyError
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    text = read_text(path, MAX_YAML_BYTES)
    yaml = YAML(typ="rt")
    try:
        _check_events(path, yaml.parse(text))
        data = yaml.load(text)
    except InputError:
        raise
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}: " if mark else ""
        problem = exc.problem or exc.context or "invalid YAML"
        if isinstance(exc, DuplicateKeyError):  # ruamel quotes the key and values: they may be real names
            problem = "duplicate key (the same key appears twice in one mapping)"
        raise InputError(path, f"{where}invalid YAML: {problem}") from None
    except YAMLError as exc:
        raise InputError(path, f"invalid YAML: {exc}") from None
    except (ValueError, OverflowError):  # a date-shaped value that is no date (2026-13-45)
        line = _impossible_date_line(yaml, text)
        where = f"line {line}: " if line else ""
        raise InputError(path, f"{where}not a real date (write dates as YYYY-MM-DD)") from None
    return data


def _impossible_date_line(yaml, text: str) -> int | None:
    """The line of the first plain value shaped like a date that is not one (month 13, 30 February)."""
    import re
    from datetime import date

    from ruamel.yaml.events import ScalarEvent

    shape = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
    for event in yaml.parse(text):
        if isinstance(event, ScalarEvent) and not event.style:
            m = shape.match(event.value or "")
            if m:
                try:
                    date(*(int(g) for g in m.groups()))
                except ValueError:
                    return event.start_mark.line + 1
    return None


def line_of(data: Any, loc: tuple) -> int | None:
    """1-based YAML line of the deepest existing node on the path ``loc``."""
    line = None
    node = data
    for key in loc:
        lc = getattr(node, "lc", None)
        try:
            if isinstance(key, int) and isinstance(node, list):
                if lc is not None and key in lc.data:
                    line = lc.data[key][0] + 1
                node = node[key]
            elif isinstance(node, dict) and key in node:
                if lc is not None and key in lc.data:
                    line = lc.data[key][2] + 1
                node = node[key]
            else:
                break
        except (KeyError, IndexError, TypeError):
            break
    if line is None and getattr(data, "lc", None) is not None:
        line = data.lc.line + 1
    return line


def load_yaml_fast(path: str | Path) -> Any:
    """Load a YAML file with libyaml (PyYAML's C loader): about 20 times faster than
    ``load_yaml``, without line numbers. For reading many case files at once (``status``).

    It refuses what ``load_yaml`` refuses (aliases, duplicate keys, bad files) with an
    ``InputError`` that says nothing more than that; call ``load_yaml`` for the full message.
    PyYAML reads YAML 1.1 (``yes``/``no`` are booleans, ``1:30`` a number), so a caller that
    gets a result it cannot validate should load the file again with ``load_yaml``.
    """
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class _Strict(base):  # type: ignore[misc, valid-type]
        def construct_object(self, node, deep=False):
            if node in self.constructed_objects:  # the same node twice: an alias
                raise InputError(path, "YAML aliases (*name) are not allowed here")
            return super().construct_object(node, deep)

        def construct_mapping(self, node, deep=False):
            keys = set()
            for key_node, _ in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else id(key_node)
                if key in keys:
                    raise InputError(path, "duplicate key (the same key appears twice in one mapping)")
                keys.add(key)
            return super().construct_mapping(node, deep)

    text = read_text(path, MAX_YAML_BYTES)
    try:
        return yaml.load(text, Loader=_Strict)  # noqa: S506 (a safe loader)
    except (yaml.YAMLError, ValueError, OverflowError):  # ValueError: a date that is no date
        raise InputError(path, "invalid YAML") from None


def load_bundled(path: str | Path) -> Any:
    """A data file shipped with cspr-docs (``data/lexicons.yaml``, ``data/rules.yaml``...),
    read with libyaml: these are read on every run, and the round-trip loader spends a third
    of a second on them. ``tests/test_bundled_data.py`` proves each bundled file reads the same
    both ways (PyYAML reads YAML 1.1). Should one ever fail to load, ``load_yaml`` reads it
    again for a message with its line."""
    try:
        return load_yaml_fast(path)
    except InputError:
        return load_yaml(path)

