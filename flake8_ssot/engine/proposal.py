"""A ``[flake8]`` section proposed from what the tree shows: ``flake8-ssot init``'s judgement.

Every proposed entry comes with the evidence for it, written as comment
lines the config parser skips (a line starting with ``#`` is skipped even
inside a multi-line value, so the comments stand right above their entry).
Everything here is a heuristic, and leans towards proposing less: an entry
turns every import of a module, or every other definition of a name, into
a finding. What the evidence does not settle is written as a comment only,
for a maintainer to decide.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import NamedTuple

from flake8_ssot.model.migration_facts import DefinitionSite, FileFacts, is_category
from flake8_ssot.rules.base import Settings
from flake8_ssot.rules.canonical import CANONICAL_SYMBOLS
from flake8_ssot.rules.compat import COMPAT_PATTERNS, matching_pattern
from flake8_ssot.rules.deprecated import DEPRECATED_MODULES
from flake8_ssot.rules.legacy import LEGACY_MODULES

#: Names that many modules define for their own purposes: one per module is the
#: convention, not a second source of truth.
CONVENTIONAL_NAMES = frozenset(
    {
        "logger",
        "log",
        "Meta",
        "Config",
        "main",
        "run",
        "cli",
        "app",
        "setup",
        "teardown",
        "setUp",
        "tearDown",
        "setUpModule",
        "tearDownModule",
        "setup_module",
        "teardown_module",
        "load_tests",
        "parser",
    }
)
#: How many first-party modules must define a name before it is a candidate.
DUPLICATE_MODULES = 3
#: How many names defined in several modules, none following another, are listed
#: in full for review (the most defined first); the rest are only named.
REVIEWED_NAMES = 10


class Entry(NamedTuple):
    """One proposed entry, and why; ``text`` None: a suggestion left as a comment."""

    why: tuple[str, ...]
    text: str | None


class Proposal(NamedTuple):
    """The entries proposed for each option (in the order the section lists them)."""

    entries: Mapping[str, Sequence[Entry]]

    def raw(self) -> dict[str, str]:
        """Each option with an entry, as the config file's value would read."""
        return {
            option: "\n".join(entry.text for entry in entries if entry.text)
            for option, entries in self.entries.items()
            if any(entry.text for entry in entries)
        }


def duplicate_candidates(facts: Iterable[FileFacts]) -> frozenset[str]:
    """Names the text of three or more first-party, non-test modules defines."""
    modules: dict[str, set[str]] = defaultdict(set)
    for found in facts:
        if found.not_source:
            continue
        for name in found.definitions:
            if _may_be_canonical(name):
                modules[name].add(found.module)
    return frozenset(name for name, where in modules.items() if len(where) >= DUPLICATE_MODULES)


def _may_be_canonical(name: str) -> bool:
    return not (
        name.startswith("_") or name.lower().startswith("test") or name in CONVENTIONAL_NAMES
    )


def propose(
    facts: Sequence[FileFacts],
    sites: Sequence[DefinitionSite],
    imports: Counter[str],
    is_first_party: Callable[[str], bool],
) -> Proposal:
    """The proposal for the whole tree: deprecated modules, compat patterns, homes."""
    deprecated = _deprecated_entries(facts, is_first_party)
    retired = {entry.text.partition(" = ")[0] for entry in deprecated if entry.text}
    canonical = _canonical_entries(sites, imports, retired)
    homes = {entry.text.partition(":")[0] for entry in canonical if entry.text}
    replacements = {
        entry.text.partition(" = ")[2] for entry in deprecated if entry.text and " = " in entry.text
    }
    compat = _compat_entries(facts, retired, replacements | homes, is_first_party)
    patterns = tuple(entry.text for entry in compat if entry.text)
    # A home a compat pattern matches would be refused: that symbol waits for the shim.
    canonical = [
        entry
        if entry.text is None or not matching_pattern(entry.text.partition(":")[0], patterns)
        else Entry((*entry.why, "not proposed: a compat pattern matches its home"), None)
        for entry in canonical
    ]
    return Proposal(
        {
            DEPRECATED_MODULES.name: deprecated,
            COMPAT_PATTERNS.name: compat,
            CANONICAL_SYMBOLS.name: canonical,
        }
    )


def _deprecated_entries(
    facts: Sequence[FileFacts], is_first_party: Callable[[str], bool]
) -> list[Entry]:
    """Modules that warn of their own deprecation: at import, from ``__getattr__``, or
    from wrappers; the replacement is the one module their names come from."""
    found: list[tuple[str, str | None, tuple[str, ...], bool]] = []
    for facts_of in sorted(facts, key=lambda each: each.module):
        proposed = _deprecation(facts_of, is_first_party)
        if proposed is not None:
            found.append(proposed)
    deprecated = {module for module, _, _, active in found if active}
    entries = []
    for module, replacement, why, active in found:
        if replacement in deprecated:
            why = (*why, f"not naming {replacement} as its replacement: it is deprecated too")
            replacement = None
        if not active:
            entries.append(Entry(why, None))
        else:
            entries.append(Entry(why, f"{module} = {replacement}" if replacement else module))
    return entries


def _deprecation(
    facts: FileFacts, is_first_party: Callable[[str], bool]
) -> tuple[str, str | None, tuple[str, ...], bool] | None:
    """(module, replacement, why, proposed as an entry) for a module that warns."""
    module, path = facts.module, facts.path
    if facts.not_source:
        return None

    def first_party(modules: Iterable[str]) -> list[str]:
        return sorted(
            {
                found
                for found in modules
                if found != module
                and not found.startswith(f"{module}.__")
                and is_first_party(found)
            }
        )

    if facts.import_warning is not None:
        sources = first_party(facts.import_sources)
        why = [f"{module}: warns of its deprecation when imported ({path}:{facts.import_warning})"]
        if sources:
            why.append(f"its names come from {', '.join(sources)}")
        if facts.own_public:
            # Its own names have no replacement to name.
            why.append(f"no replacement: it defines {_listed(facts.own_public)} itself")
            return module, None, tuple(why), True
        return module, _one(sources), tuple(why), True
    if facts.getattr_warning is not None:
        sources = first_party(facts.getattr_sources)
        why = [
            f"{module}: its module __getattr__ warns of a deprecation "
            f"({path}:{facts.getattr_warning})"
        ]
        if sources:
            why.append(f"it fetches the moved names from {', '.join(sources)}")
        api = (*facts.own_public, *_handed_on(facts, is_first_party))
        if api:
            # Only the names it serves from __getattr__ moved: the module stays.
            why.append(f"not proposed: it also binds {_listed(api)}")
            return module, None, tuple(why), False
        return module, _one(sources), tuple(why), True
    # A wrapper that hands over to the standard library or a dependency (``pickle``,
    # ``json``) is no migration inside the project.
    wrappers = [wrapper for wrapper in facts.wrappers if is_first_party(wrapper.delegate)]
    if wrappers:
        delegates = first_party(wrapper.delegate for wrapper in wrappers)
        calls = ", ".join(
            f"{wrapper.name} ({path}:{wrapper.line}) calls {wrapper.delegate}"
            for wrapper in wrappers
        )
        why = [f"{module}: functions that warn of a deprecation and delegate: {calls}"]
        if facts.own_public:
            why.append(
                f"not proposed: it also defines {_listed(facts.own_public)}; "
                f"import the wrapped functions from {' or '.join(delegates) or 'their delegates'}"
            )
            return module, None, tuple(why), False
        return module, _one(delegates), tuple(why), True
    return None


def _handed_on(facts: FileFacts, is_first_party: Callable[[str], bool]) -> list[str]:
    """The public names a module imports from first-party modules: an API it hands on
    (``warnings`` or ``import_module`` imported for its own use are not, nor are
    the warning categories it warns with, or modules it imports to fetch names from)."""
    return [
        name
        for source, _, name in (found.partition(":") for found in facts.reexported)
        if source != facts.module
        and is_first_party(source)
        and not is_first_party(f"{source}.{name}")
        and not is_category(name)
    ]


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _one(modules: Sequence[str]) -> str | None:
    return modules[0] if len(modules) == 1 else None


def _listed(names: Sequence[str], most: int = 5) -> str:
    shown = ", ".join(names[:most])
    return shown if len(names) <= most else f"{shown} and {len(names) - most} more"


def _compat_entries(
    facts: Sequence[FileFacts],
    deprecated: set[str],
    kept: set[str],
    is_first_party: Callable[[str], bool],
) -> list[Entry]:
    """Patterns for the modules shaped like compat shims that match none of ``kept``
    (replacements and homes: the configuration refuses one a pattern matches)."""
    entries: list[Entry] = []
    by_pattern: dict[str, list[str]] = defaultdict(list)
    for found in sorted(facts, key=lambda each: each.module):
        if found.not_source or found.module in deprecated:
            continue
        last = found.module.rpartition(".")[2]
        if found.reexports_only and is_first_party(found.reexports_only):
            why = f"{found.module}: only re-exports {found.reexports_only} ({found.path})"
        elif "compat" in last and _handed_on(found, is_first_party) and not found.defines:
            why = (
                f"{found.module}: its name says compat, and it hands on "
                f"{_listed(_handed_on(found, is_first_party))} without defining anything "
                f"({found.path})"
            )
        elif "compat" in last:
            what = (
                f"defines {_listed(found.defines)}"
                if found.defines
                else "hands on no first-party names"
            )
            why = f"{found.module}: its name says compat, but it {what}"
            entries.append(Entry((why, "not proposed: a module of its own, not a shim"), None))
            continue
        else:
            continue
        general = "*_compat" if last.endswith("_compat") else None
        for pattern in (general, found.module):
            if pattern is not None and not any(
                matching_pattern(module, (pattern,)) for module in kept
            ):
                by_pattern[pattern].append(why)
                break
        else:
            entries.append(Entry((why, "not proposed: it is a proposed replacement or home"), None))
    for pattern, shims in sorted(by_pattern.items()):
        entries.append(Entry(tuple(shims), pattern))
    return entries


class _Candidate(NamedTuple):
    site: DefinitionSite
    #: The other definitions that alias it, call only it, or subclass it adding nothing.
    followers: tuple[DefinitionSite, ...]
    imported: int


def _canonical_entries(
    sites: Sequence[DefinitionSite], imports: Counter[str], retired: set[str]
) -> list[Entry]:
    """A home for each name three or more modules define, when another definition
    follows it (an alias of it, a function that only calls it, a subclass that adds
    nothing); otherwise the definitions are listed for a person to judge. Ranked by
    that evidence."""
    by_name: dict[str, list[DefinitionSite]] = defaultdict(list)
    for site in sites:
        by_name[site.name].append(site)
    ranked: list[tuple[tuple[int, int], Entry]] = []
    for name, defined in sorted(by_name.items()):
        if len({site.module for site in defined}) < DUPLICATE_MODULES:
            continue
        candidates = sorted(
            (
                _Candidate(site, _followers(site, defined), imports[f"{site.module}:{name}"])
                for site in defined
                if site.kind != "alias" and site.module not in retired
            ),
            key=lambda candidate: (
                -len(candidate.followers),
                -candidate.imported,
                len(candidate.site.module),
                candidate.site.module,
            ),
        )
        where = tuple(
            f"  {site.path}:{site.line} {_described(site)}"
            for site in sorted(defined, key=lambda site: (site.path, site.line))
        )
        best = candidates[0] if candidates else None
        evidence = len(best.followers) if best else 0
        if best is None or not best.followers:
            why = (
                f"{name}: defined in {len({site.module for site in defined})} modules, "
                "none following another: not proposed (unrelated, or parallel "
                "implementations to merge by hand)",
                *where,
            )
            ranked.append(((0, len(defined)), Entry(why, None)))
            continue
        home = best.site.module
        followers = sorted({site.module for site in best.followers})
        reasons = [f"{_listed(followers)} alias it, only call it, or subclass it adding nothing"]
        if best.imported:
            reasons.append(f"imported from there by {_count(best.imported, 'module')}")
        why = (
            f"{name}: defined in {len({site.module for site in defined})} modules; "
            f"home {home}: {'; '.join(reasons)}",
            *where,
        )
        ranked.append(((evidence, len(defined)), Entry(why, f"{home}:{name}")))
    ranked.sort(key=lambda item: (-item[0][0], -item[0][1]))
    proposed = [entry for _, entry in ranked if entry.text]
    for_review = [entry for _, entry in ranked if not entry.text]
    if len(for_review) > REVIEWED_NAMES:
        rest = sorted(entry.why[0].partition(":")[0] for entry in for_review[REVIEWED_NAMES:])
        more = Entry((f"and {len(rest)} more names alike: {_listed(rest, 20)}",), None)
        for_review = [*for_review[:REVIEWED_NAMES], more]
    return [*proposed, *for_review]


def _followers(
    site: DefinitionSite, defined: Sequence[DefinitionSite]
) -> tuple[DefinitionSite, ...]:
    key = f"{site.module}:{site.name}"
    return tuple(
        other
        for other in defined
        if other is not site
        and (other.alias_of == key or (other.adds_nothing and key in other.bases))
    )


def _described(site: DefinitionSite) -> str:
    if site.kind == "alias":
        return f"{site.name} = {site.alias_of}"
    if site.kind == "def":
        calls = f" (only calls {site.alias_of})" if site.alias_of else ""
        return f"def {site.name}{calls}"
    bases = f"({', '.join(site.bases)})" if site.bases else ""
    return f"class {site.name}{bases}{' (adds nothing)' if site.adds_nothing else ''}"


class Relevance(NamedTuple):
    """What a file's text must hold for an import rule to report in it."""

    #: Held as a word: the last component of each configured module (every spelling
    #: of an import names it) and each canonical name.
    words: frozenset[str]
    #: Held anywhere: the longest piece of each compat pattern (``*_compat`` matches
    #: ``ws_compat``).
    pieces: tuple[str, ...]

    def concerns(self, text: str) -> bool:
        """Whether the text holds one of them: one scan of its words, however many
        modules are configured (an alternation of them all cost a minute on 10,000 files)."""
        if any(piece in text for piece in self.pieces):
            return True
        if len(self.words) <= _FEW_WORDS:
            # A search of the text per word, in C, beats splitting it into words.
            return any(_holds_word(text, word) for word in self.words)
        return not self.words.isdisjoint(_WORD.findall(text))


def _holds_word(text: str, word: str) -> bool:
    """Whether ``word`` occurs in ``text`` not inside a longer name (``imp`` is not in
    ``import``)."""
    start = text.find(word)
    while start != -1:
        end = start + len(word)
        if not (start and _is_name_character(text[start - 1])) and not (
            end < len(text) and _is_name_character(text[end])
        ):
            return True
        start = text.find(word, end)
    return False


def _is_name_character(character: str) -> bool:
    return character.isalnum() or character == "_"


_WORD = re.compile(r"\w+")
#: Up to this many words, each is searched for; beyond, the text's words are listed once.
_FEW_WORDS = 40


def relevance(settings: Settings) -> Relevance | None:
    """What a file must hold to concern the configuration's import rules; None when a
    compat pattern has no piece to look for (then any import may match)."""
    words: set[str] = set()
    for entries in (settings[DEPRECATED_MODULES], settings[LEGACY_MODULES]):
        words.update(module.rpartition(".")[2] for module in entries)
    words.update(settings[CANONICAL_SYMBOLS])
    pieces: set[str] = set()
    for pattern in settings[COMPAT_PATTERNS]:
        literal = [piece for piece in re.split(r"[^A-Za-z0-9_]+|\[[^\]]*\]", pattern) if piece]
        if not literal:
            return None
        pieces.add(max(literal, key=len))
    return Relevance(frozenset(words), tuple(sorted(pieces)))


def render(
    proposal: Proposal, kept: Mapping[str, str], header: Sequence[str], footer: Sequence[str]
) -> list[str]:
    """The section's lines (without line ends): ``kept`` names the options the config
    file sets already, which are shown as comments."""
    lines = ["[flake8]", *(f"# {line}" for line in header)]
    for option, entries in proposal.entries.items():
        if not entries:
            continue
        live = option not in kept and any(entry.text for entry in entries)
        if option in kept:
            lines.append(f"# {option}: {kept[option]} sets it already, and it is kept:")
        elif live:
            lines.append(f"{option} =")
        else:
            lines.append(f"# {option}: nothing proposed; for review:")
        for entry in entries:
            lines.extend(f"    # {why}" for why in entry.why)
            if entry.text is not None:
                lines.append(f"    {entry.text}" if live else f"    #   {entry.text}")
    lines.extend(f"# {line}" for line in footer)
    return lines
