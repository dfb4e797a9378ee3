"""Records (``NamedTuple`` types) as the plain data ``marshal`` writes, and back.

``marshal`` writes only exact tuples, dicts, sets and atoms, so a kept
summary is converted on the way out and rebuilt on the way in. A copy
written field by field by hand misses the field added next; the
conversion here is worked out from the records' own type annotations,
once per type, so a new field is written and read like every other, and a
value it has no plain form for (a class that is no record, a union whose
plain values could not be told apart) stops it at once instead of being
dropped.

Reading is the hot direction: a cache read rebuilds tens of thousands of
records. They are built with ``tuple.__new__`` (a record's own ``__new__``
is a Python function), and values that are their own plain form (strings,
numbers, tuples of them, empty containers) are not looked at. Working out
the conversions (about a millisecond) waits for the first record written
or read: a process that keeps no summary never pays it.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

R = TypeVar("R", bound=tuple[Any, ...])

#: Turns a value into its plain form or back; None where a value is its own plain form.
Convert = Callable[[Any], Any] | None
#: The positions of a tuple that need converting, and how.
Positions = list[tuple[int, Callable[[Any], Any]]]

#: Types whose values ``marshal`` writes as they are.
_ATOMS = frozenset({str, int, float, bool, bytes, type(None)})


def to_plain(record: tuple[Any, ...]) -> Any:
    """The record as tuples, dicts, frozensets and atoms.

    TypeError for a value of another type than its annotation declares;
    ``marshal`` refuses a record inside a value declared plain (it writes
    exact tuples only).
    """
    write = _conversion(type(record)).to_plain
    assert write is not None, "a record is never its own plain form"
    return write(record)


def from_plain(record_type: type[R], plain: Any) -> R:
    """The record of ``record_type`` that :func:`to_plain` gave ``plain`` for; ``plain``
    is not checked (a cache entry is read only by the code that wrote it)."""
    read = _conversion(record_type).from_plain
    assert read is not None, "a record is never its own plain form"
    return typing.cast(R, read(plain))


class _Conversion:
    """How the values of one annotation are written and read (None: as they are).

    ``falsy_is_plain``: every falsy plain value (None, an empty container)
    reads back as itself, so a reader may leave it as it is.
    """

    __slots__ = ("to_plain", "from_plain", "falsy_is_plain")

    def __init__(self, to_plain: Convert, from_plain: Convert, falsy_is_plain: bool) -> None:
        self.to_plain = to_plain
        self.from_plain = from_plain
        self.falsy_is_plain = falsy_is_plain


_AS_IS = _Conversion(None, None, True)


@functools.cache
def _conversion(annotation: Any) -> _Conversion:
    """The conversion of the values of one (evaluated) annotation."""
    if annotation in _ATOMS:
        return _AS_IS
    if (
        isinstance(annotation, type)
        and issubclass(annotation, tuple)
        and hasattr(annotation, "_fields")
    ):
        return _record(annotation)
    origin = typing.get_origin(annotation)
    arguments = typing.get_args(annotation)
    if origin in (types.UnionType, typing.Union):
        return _optional(annotation, arguments)
    if origin is tuple:
        if len(arguments) == 2 and arguments[1] is Ellipsis:
            return _collection(tuple, _conversion(arguments[0]))
        return _fixed_tuple([_conversion(argument) for argument in arguments])
    if origin is frozenset:
        return _collection(frozenset, _conversion(arguments[0]))
    if origin in (dict, Mapping) and _conversion(arguments[0]) is _AS_IS:
        return _mapping(_conversion(arguments[1]))
    raise TypeError(f"no plain form for values of {annotation!r}")


def _record(record_type: type[tuple[Any, ...]]) -> _Conversion:
    """A record: a tuple of its fields' plain forms, in the order of its fields."""
    fields: tuple[str, ...] = record_type._fields  # type: ignore[attr-defined]
    # With its extras, an ``Annotated`` field has no plain form (loudly), and the hints
    # need no second walk to strip them.
    annotations = typing.get_type_hints(record_type, include_extras=True)
    conversions = [_conversion(annotations[field]) for field in fields]
    writes = _positions([conversion.to_plain for conversion in conversions])
    reads = _positions([conversion.from_plain for conversion in conversions])
    make = functools.partial(tuple.__new__, record_type)
    # A record is never falsy in its plain form, unless it has no fields (then it is ()).
    falsy_is_plain = bool(fields)

    def to_plain(record: tuple[Any, ...]) -> tuple[Any, ...]:
        if type(record) is not record_type:
            raise TypeError(f"a {type(record).__name__} where a {record_type.__name__} goes")
        return tuple(_converted(writes, record))

    if not reads:
        return _Conversion(to_plain, make, falsy_is_plain)
    if not all(conversions[index].falsy_is_plain for index, _ in reads):
        return _Conversion(to_plain, lambda plain: make(_converted(reads, plain)), falsy_is_plain)
    # Most records hold nothing to convert (a binding in no branch): one test, no copy.
    indexes = [index for index, _ in reads]
    (first, *others) = indexes

    def from_plain(plain: tuple[Any, ...]) -> tuple[Any, ...]:
        if plain[first] or (others and any(plain[index] for index in others)):
            return make(_converted(reads, plain))
        return make(plain)

    return _Conversion(to_plain, from_plain, falsy_is_plain)


def _optional(annotation: Any, members: tuple[Any, ...]) -> _Conversion:
    """``X | None``; a union of more types that are not their own plain form has no plain
    form here: nothing would tell their plain values apart on reading."""
    converted = [_conversion(member) for member in members if _conversion(member) is not _AS_IS]
    if not converted:
        return _AS_IS
    if len(converted) > 1 or len(members) != 2 or type(None) not in members:
        raise TypeError(f"no plain form for values of {annotation!r}: cannot tell them apart")
    (inner,) = converted
    write, read = inner.to_plain, inner.from_plain
    return _Conversion(
        None if write is None else lambda value: None if value is None else write(value),
        None if read is None else lambda value: None if value is None else read(value),
        inner.falsy_is_plain,
    )


def _collection(kind: Callable[[Any], Any], item: _Conversion) -> _Conversion:
    """A tuple of any length, or a frozenset, of one annotation's values."""
    write, read = item.to_plain, item.from_plain
    return _Conversion(
        None if write is None else lambda values: kind(map(write, values)),
        None if read is None else lambda values: kind(map(read, values)),
        True,
    )


def _fixed_tuple(items: list[_Conversion]) -> _Conversion:
    """``tuple[A, B, C]``: each position converted as its annotation says."""
    writes = _positions([item.to_plain for item in items])
    reads = _positions([item.from_plain for item in items])
    return _Conversion(
        (lambda values: tuple(_converted(writes, values))) if writes else None,
        (lambda values: tuple(_converted(reads, values))) if reads else None,
        True,
    )


def _mapping(values: _Conversion) -> _Conversion:
    """A mapping with keys that are their own plain form, written as a dict (``marshal``
    writes no other mapping)."""
    write, read = values.to_plain, values.from_plain
    return _Conversion(
        dict if write is None else lambda mapping: {key: write(mapping[key]) for key in mapping},
        None if read is None else lambda plain: {key: read(value) for key, value in plain.items()},
        True,
    )


def _positions(conversions: list[Convert]) -> Positions:
    return [(index, convert) for index, convert in enumerate(conversions) if convert is not None]


def _converted(positions: Positions, values: tuple[Any, ...]) -> list[Any]:
    converted = list(values)
    for index, convert in positions:
        converted[index] = convert(converted[index])
    return converted
