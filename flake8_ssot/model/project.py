"""The linted project, as one object for the checks' context.

flake8 builds a fresh checker for every file (and forks workers with
``--jobs``), so every answer that depends on the project rather than on
one file lives as long as the process, on the :class:`Project` the
context holds: where its modules are (:mod:`flake8_ssot.model.module_finder`)
and what they bind (:mod:`flake8_ssot.model.summary_store`).
"""

from __future__ import annotations

from pathlib import Path

from flake8_ssot.model.bindings import Binding, Chosen, Defined, ModuleSummary, Origin
from flake8_ssot.model.definers import DefinerIndex
from flake8_ssot.model.module_finder import ModuleFinder, ModuleName
from flake8_ssot.model.summary_cache import SummaryCache
from flake8_ssot.model.summary_store import SummaryStore


class Project:
    """The project's modules (found from its source roots) and their summaries."""

    def __init__(self, source_roots: tuple[Path, ...], cache: SummaryCache | None = None) -> None:
        self.modules = ModuleFinder(source_roots)
        self.summaries = SummaryStore(self.modules, cache)
        #: Also where the stdlib class lookups of test discovery are kept.
        self.cache = cache
        self.definers = DefinerIndex(source_roots)

    def module_name(self, filename: str) -> ModuleName:
        return self.modules.module_name(filename)

    def is_first_party(self, dotted: str) -> bool:
        return self.modules.is_first_party(dotted)

    def is_submodule(self, package: str, name: str) -> bool:
        return self.modules.is_submodule(package, name)

    def summary(self, module: str) -> ModuleSummary | None:
        return self.summaries.summary(module)

    def bindings_in(
        self, summary: ModuleSummary, name: str, before: int | None = None
    ) -> list[Binding]:
        return self.summaries.bindings_in(summary, name, before)

    def origin(self, module: str, name: str) -> Origin:
        return self.summaries.origin(module, name)

    def surely_lacks(self, module: str, name: str) -> bool:
        return self.summaries.surely_lacks(module, name)

    def lacking_source(self, module: str, name: str) -> str | None:
        return self.summaries.lacking_source(module, name)

    def resolve(self, module: str, name: str) -> tuple[str, str] | Chosen | None:
        return self.summaries.resolve(module, name)

    def binds(self, module: str, name: str) -> bool | None:
        return self.summaries.binds(module, name)

    def has_attribute(self, module: str, name: str) -> bool | None:
        return self.summaries.has_attribute(module, name)

    def imported_by(self, module: str) -> frozenset[str]:
        return self.summaries.imported_by(module)

    def set_as_attribute(self, name: str) -> bool:
        return self.definers.set_as_attribute(name)

    def defined_in(self, name: str) -> tuple[str, ...]:
        """The first-party modules that define ``name`` themselves at their top level
        (a class, a function, an assignment), each confirmed by its summary."""
        names = {
            self.modules.module_name(str(path)).dotted for path in self.definers.candidates(name)
        }
        return tuple(
            sorted(
                module
                for module in names
                if all(part.isidentifier() for part in module.split("."))
                and isinstance(self.summaries.origin(module, name), Defined)
            )
        )


# A tree helper, not the project's: its callers (the checks) still import it from here.
