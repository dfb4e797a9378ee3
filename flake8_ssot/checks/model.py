"""The data the checks share: their context, what they match (hits) and what they report."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from flake8_ssot.codes import Code
from flake8_ssot.config import SsotConfig
from flake8_ssot.model.classes import ClassResolver
from flake8_ssot.model.imports import ImportRef
from flake8_ssot.model.project import Project
from flake8_ssot.model.pytest_config import PytestConfigFinder

if TYPE_CHECKING:
    from flake8_ssot.checks import ImportCheck

    #: Which import check matched first, and its hit (whose ``imported`` is the
    #: first statement that asked).
    FirstMatch = tuple[ImportCheck, "Hit"]


class CheckContext:
    """The per-process facts a check may consult, each caching what it reads."""

    def __init__(
        self,
        config: SsotConfig,
        project: Project,
        pytest_configs: PytestConfigFinder,
        classes: ClassResolver,
        config_file: Path | None,
    ) -> None:
        self.config = config
        self.project = project
        self.pytest_configs = pytest_configs
        self.classes = classes
        #: The flake8 config file the options came from, if any.
        self.config_file = config_file
        #: (module, name) -> the first match, or None: checks read nothing else.
        self.first_matches: dict[tuple[str, str | None], FirstMatch | None] = {}


class Finding(NamedTuple):
    """One line of flake8 output: 1-based line, 0-based column, full text."""

    line: int
    col: int
    text: str

    @classmethod
    def of(cls, code: Code, line: int, col: int, message: str) -> Finding:
        """The one way a finding is made: its code, then the message its check rendered."""
        return cls(line, col, f"{code.code} {message}")


class ImportedName(NamedTuple):
    """One thing one statement imports: a module, or one name from a module.

    ``import a, b`` imports two modules; ``from m import x, y`` imports two
    names. Precedence between violation classes is decided per imported name.
    """

    ref: ImportRef
    module: str
    name: str | None

    @property
    def as_module(self) -> str | None:
        """``module.name``: the module this is, if the name is a submodule."""
        if self.name is None or self.name == "*":
            return None
        return f"{self.module}.{self.name}"


class Hit(NamedTuple):
    """An imported name that one violation class matched.

    ``subject`` is what the message calls out (the module that was
    imported), ``entry`` the configured module or pattern that matched it,
    and ``replacement`` the module to use instead, when one is configured.
    """

    imported: ImportedName
    subject: str
    entry: str
    replacement: str | None
    #: Where this one name can be imported from instead, known to be bound
    #: there; the message advises it and ``fix`` rewrites to it, nothing else.
    redirect: Redirect | None = None
    #: Why the name has no redirect, when that is worth telling the user.
    note: str | None = None


class Refusal(NamedTuple):
    """Why ``fix`` leaves an import to a person: the reason it prints."""

    reason: str


class Redirect(NamedTuple):
    """``from module import name`` gives the same object the user imported."""

    module: str
    name: str


def imported_names(ref: ImportRef) -> list[ImportedName]:
    """Split one import into the names it imports."""
    if not ref.names:
        return [ImportedName(ref, ref.module, None)]
    return [ImportedName(ref, ref.module, name) for name in ref.names]
