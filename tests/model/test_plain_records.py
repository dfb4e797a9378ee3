"""Records written as ``marshal`` data and read back: every field, by the types' own annotations."""

from __future__ import annotations

import itertools
import marshal
import types
import typing
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from flake8_ssot.model.bindings import Branch, ModuleSummary
from flake8_ssot.model.plain_records import from_plain, to_plain
from flake8_ssot.model.stdlib_classes import RuntimeClass
from flake8_ssot.model.summary_cache import open_cache
from support import fail_on_log


class Leaf(NamedTuple):
    label: str
    weight: int | None


class Tree(NamedTuple):
    """A record with every form of field a summary record may grow."""

    name: str
    leaves: tuple[Leaf, ...]
    maybe: Leaf | None
    bag: frozenset[Leaf]
    table: Mapping[str, tuple[Leaf, ...]]
    pair: tuple[str, Leaf]
    flags: dict[int, bool]
    data: bytes
    ratio: float
    names: tuple[str, ...] | None


class Empty(NamedTuple):
    """A record with no fields (falsy, and its plain form ``()`` too)."""


class Holder(NamedTuple):
    first: Empty
    second: Empty | None
    many: tuple[Empty, ...]


RECORD_TYPES = [ModuleSummary, RuntimeClass, Tree, Holder]
_unique = itertools.count()


def example(annotation: Any, full: bool) -> Any:
    """A value of ``annotation``, every atom in it different from every other.

    ``full``: every container holds a full and an empty value, every
    optional is set; else containers are empty and optionals None.
    """
    if annotation is str:
        return f"s{next(_unique)}"
    if annotation is int:
        return next(_unique)
    if annotation is float:
        return next(_unique) / 2
    if annotation is bytes:
        return f"b{next(_unique)}".encode()
    if annotation is bool:
        return next(_unique) % 2 == 0
    if fields_of(annotation) is not None:
        hints = typing.get_type_hints(annotation)
        return annotation(*(example(hints[field], full) for field in annotation._fields))
    origin, arguments = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (types.UnionType, typing.Union):
        (member,) = [member for member in arguments if member is not type(None)]
        return example(member, full) if full else None
    if origin is tuple and arguments[1:] != (Ellipsis,):
        return tuple(example(argument, full) for argument in arguments)
    items = [(True,), (False,)] if full else []
    if origin is tuple:
        return tuple(example(arguments[0], *item) for item in items)
    if origin is frozenset:
        return frozenset(example(arguments[0], *item) for item in items)
    if origin in (dict, Mapping):
        return {example(arguments[0], *item): example(arguments[1], *item) for item in items}
    raise AssertionError(f"no example of {annotation!r}")


def fields_of(annotation: Any) -> tuple[str, ...] | None:
    if isinstance(annotation, type) and issubclass(annotation, tuple):
        fields: tuple[str, ...] | None = getattr(annotation, "_fields", None)
        return fields
    return None


def typed(value: Any) -> Any:
    """The value with the type of every tuple in it made part of what ``==`` compares."""
    if isinstance(value, tuple):
        return type(value), tuple(typed(item) for item in value)
    if isinstance(value, frozenset):
        return frozenset(typed(item) for item in value)
    if isinstance(value, dict):
        return {key: typed(item) for key, item in value.items()}
    return value


def record_types(value: Any) -> Iterator[type]:
    """The record types in a value, nested ones included."""
    if fields_of(type(value)) is not None:
        yield type(value)
    if isinstance(value, (tuple, frozenset)):
        for item in value:
            yield from record_types(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from record_types(item)


def declared_record_types(annotation: Any) -> set[type]:
    """The record types an annotation declares, nested ones included."""
    found: set[type] = set()
    pending = [annotation]
    while pending:
        current = pending.pop()
        if fields_of(current) is not None:
            if current not in found:
                found.add(current)
                pending.extend(typing.get_type_hints(current).values())
        else:
            pending.extend(typing.get_args(current))
    return found


@pytest.mark.parametrize("full", [True, False], ids=["full", "empty"])
@pytest.mark.parametrize("record_type", RECORD_TYPES, ids=lambda kind: kind.__name__)
def test_every_field_of_every_record_reads_back_as_written(
    record_type: type[tuple[Any, ...]], full: bool
) -> None:
    """Unit: whatever fields a record type has (a new one too), each comes back, nested
    records as their own types; empty containers and None included."""
    value = example(record_type, full)
    read = from_plain(record_type, marshal.loads(marshal.dumps(to_plain(value))))
    assert typed(read) == typed(value)
    if full:
        assert set(record_types(value)) == declared_record_types(record_type)


class Listed(NamedTuple):
    names: list[str]


class Anything(NamedTuple):
    value: object


class EitherLeaf(NamedTuple):
    value: Leaf | Branch


class RecordKeys(NamedTuple):
    table: Mapping[Leaf, int]


@pytest.mark.parametrize(
    "record",
    [Listed(["a"]), Anything(1), EitherLeaf(Leaf("a", 1)), RecordKeys({})],
    ids=lambda record: type(record).__name__,
)
def test_a_field_with_no_plain_form_stops_the_write(record: tuple[Any, ...]) -> None:
    """Unit: a list (read back it would be a tuple), ``object``, a union of records (the
    plain forms could not be told apart), records as keys: none is written half."""
    with pytest.raises(TypeError, match="no plain form"):
        to_plain(record)


def test_a_record_of_another_type_than_declared_stops_the_write() -> None:
    with pytest.raises(TypeError, match="a Branch where a Leaf goes"):
        to_plain(example(Tree, False)._replace(maybe=Branch(1, "if")))
    with pytest.raises(TypeError, match="no plain form"):
        to_plain(("not", "a", "record"))


def test_a_record_where_plain_data_is_declared_is_not_kept(tmp_path: Path) -> None:
    """A record that its annotation does not declare (here as a string) is never written
    as a bare tuple: ``marshal`` refuses it, and the cache keeps nothing."""
    cache = open_cache(tmp_path, fail_on_log)
    assert cache is not None
    summary = example(ModuleSummary, True)._replace(module=Branch(1, "if"))
    with pytest.raises(ValueError, match="unmarshallable"):
        cache.store("package.module", tmp_path / "module.py", b"", summary)
    assert cache.load("package.module", tmp_path / "module.py", b"") is None
