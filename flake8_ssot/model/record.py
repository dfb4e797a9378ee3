"""Records: values compared by their fields, at the cost of a plain class to define.

``typing.NamedTuple`` compiles a constructor and evaluates each annotation
when the class statement runs, about a million instructions per class, and
every flake8 run pays that for every record the plugin imports. A subclass
of :class:`Record` lists its fields in ``__slots__`` and sets them in its
``__init__``; equality, hashing and ``repr`` come from those fields.

Records the summary cache writes stay ``NamedTuple``: they are rebuilt
from plain tuples with ``tuple.__new__``, which is what makes a cache read
cheap.
"""

from __future__ import annotations

from typing import ClassVar


class Record:
    """A value made of its ``__slots__`` fields: a subclass is never changed after
    ``__init__`` (it may be hashed)."""

    __slots__: ClassVar[tuple[str, ...]] = ()

    def fields(self) -> tuple[object, ...]:
        """The field values, in ``__slots__`` order."""
        return tuple([getattr(self, name) for name in self.__slots__])

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Record)
        return self.fields() == other.fields()

    def __hash__(self) -> int:
        return hash((type(self), self.fields()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({shown})"
