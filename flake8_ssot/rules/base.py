"""What every rule module declares and returns: codes, options, message kinds, diagnostics.

A rule module (one per family of codes) owns everything about itself: its
codes and their documentation, the options it reads, its detection, its
message kinds with their templates, and its fix. The engine's registry is
built from these declarations, so anything that lists codes or options
(flake8's ``--help``, the misspelled-key check, ``check-config``,
``explain``, the README's tables) reads them here, and a diagnostic's text
can only come from a template declared beside its code.

These types live below the engine (which imports the rules) and above the
model (which knows nothing of codes), as DESIGN.md's arrows require.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Generic, TypeAlias, TypeVar

from flake8_ssot.model.record import Record

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

#: A raw option value as it reaches the engine: flake8 splits ``comma_separated_list``
#: options into words; every other value is the config file's text.
RawValue: TypeAlias = str | Sequence[str]


class ConfigError(Exception):
    """A malformed ``ssot-*`` option entry; its text is the one line users see."""

    def __init__(self, option: str, entry: str, problem: str) -> None:
        super().__init__(f"flake8-ssot: {option}: entry {entry!r}: {problem}")


class Option(Generic[T_co]):
    """One ``ssot-*`` option: how flake8 takes it, how the docs describe it, how it parses.

    The parser turns the raw value into what the rule reads (raising
    :class:`ConfigError` for a malformed entry), so a rule never sees text.
    """

    __slots__ = (
        "name",
        "value",
        "default_text",
        "help",
        "parse",
        "default",
        "comma_separated_list",
        "describe",
    )

    def __init__(
        self,
        name: str,
        *,
        value: str,
        default_text: str,
        help: str,
        parse: Callable[[RawValue, Path], T_co],
        default: str = "",
        comma_separated_list: bool = False,
        describe: Callable[[Any], list[str]] | None = None,
    ) -> None:
        self.name = name
        #: What a value looks like (the README's "value" column).
        self.value = value
        #: The default in words (the README's "default" column).
        self.default_text = default_text
        #: flake8's ``--help`` text.
        self.help = help
        #: Raw value and the config file's directory -> the parsed value.
        self.parse = parse
        #: The raw default flake8 hands the plugin when the option is not set.
        self.default = default
        #: flake8 splits the value at commas and whitespace itself (a list of words).
        self.comma_separated_list = comma_separated_list
        #: ``check-config``'s account of the option, given the rules' context, where
        #: the parsed value alone does not tell it: the text after the option's
        #: heading, then lines of its own.
        self.describe = describe

    def __repr__(self) -> str:
        return f"Option({self.name!r})"


class Settings:
    """The parsed value of every option, read by rules through the option itself.

    ``settings[LEGACY_MODULES]`` is typed by the option's parser, so a rule
    cannot misspell an option name or misread its type.
    """

    __slots__ = ("_values", "config_file", "config_dir")

    def __init__(
        self, values: Mapping[str, object], config_file: Path | None, config_dir: Path
    ) -> None:
        self._values = dict(values)
        #: The flake8 config file the options came from, if any.
        self.config_file = config_file
        #: Relative paths in options are read from here.
        self.config_dir = config_dir

    def __getitem__(self, option: Option[T]) -> T:
        value: T = self._values[option.name]  # type: ignore[assignment]
        return value


class Section(Record):
    """One headed part of a code's documentation: prose, or a fenced block."""

    __slots__ = ("heading", "text", "language")

    def __init__(self, heading: str, text: str, language: str | None = None) -> None:
        self.heading = heading
        self.text = text
        #: The fenced block's language; None for prose.
        self.language = language


class Code:
    """One public error code and its documentation, as ruff's rule pages lay it out.

    Declared once, in its rule module, and compared as that one object.
    """

    __slots__ = (
        "code",
        "title",
        "summary",
        "what_it_does",
        "why",
        "example",
        "use_instead",
        "fixable",
        "example_language",
    )

    def __init__(
        self,
        code: str,
        title: str,
        summary: str,
        what_it_does: str,
        why: str,
        example: str,
        use_instead: str,
        fixable: bool,
        example_language: str = "python",
    ) -> None:
        self.code = code
        self.title = title
        #: What it fires on, in a line (the README table's column).
        self.summary = summary
        self.what_it_does = what_it_does
        self.why = why
        #: A fenced block that fires, and the block to write instead.
        self.example = example
        self.use_instead = use_instead
        #: ``flake8-ssot fix`` rewrites some of its findings.
        self.fixable = fixable
        #: The fenced blocks' language: ``python``, ``text`` (a file layout) or ``ini``.
        self.example_language = example_language

    @property
    def fix_note(self) -> str:
        """Whether ``flake8-ssot fix`` can rewrite the code's findings, in a sentence."""
        if self.fixable:
            return "Fix is sometimes available: `flake8-ssot fix` rewrites what it can."
        return "No automatic fix."

    def sections(self, options: Sequence[Option[object]]) -> tuple[Section, ...]:
        """The documentation, ruff's rule page layout: README and ``explain`` both print it."""
        return (
            Section("What it does", self.what_it_does),
            Section("Why is this bad?", self.why),
            Section("Example", self.example, self.example_language),
            Section("Use instead", self.use_instead, self.example_language),
            Section("Options", ", ".join(f"`{option.name}`" for option in options)),
        )


class MessageKind:
    """One way a finding (or a reason ``fix`` gives) is worded: a template and its name.

    ``code`` is the code whose findings it words, or None for a part of a
    message or a reason shared by several codes. Declared once, in its rule
    module, and compared as that one object.
    """

    __slots__ = ("code", "name", "template", "broken")

    def __init__(self, code: str | None, name: str, template: str, broken: bool = False) -> None:
        self.code = code
        self.name = name
        self.template = template
        #: It words an import that does not get what it names today (it fails, or gets a
        #: fallback value): ``status`` lists those first.
        self.broken = broken

    def __call__(self, **args: Argument) -> Message:
        return Message(self, tuple(args.items()))


class Message(Record):
    """A message kind with its typed arguments; the text exists only as the template renders it.

    An argument may itself be a message (advice inside a finding) or a tuple
    of messages, which render joined with ``; ``.
    """

    __slots__ = ("kind", "args")

    def __init__(self, kind: MessageKind, args: tuple[tuple[str, Argument], ...]) -> None:
        self.kind = kind
        self.args = args

    def arg(self, name: str) -> Argument:
        return dict(self.args)[name]

    @property
    def text(self) -> str:
        return self.kind.template.format(**{name: _rendered(value) for name, value in self.args})

    @property
    def broken(self) -> bool:
        """Whether it, or advice inside it, words an import that does not get what it names."""
        return self.kind.broken or any(
            item.broken
            for _, value in self.args
            for item in (value if isinstance(value, tuple) else (value,))
            if isinstance(item, Message)
        )


Argument: TypeAlias = str | int | Message | tuple[Message, ...] | tuple[str, ...]


def _rendered(value: Argument) -> str:
    if isinstance(value, Message):
        return value.text
    if isinstance(value, tuple):
        return "; ".join(_rendered(item) for item in value)
    return str(value)


def joined(messages: Sequence[Message]) -> str:
    """Several messages of one statement, as one finding's text."""
    return "; ".join(message.text for message in messages)


class Edit(Record):
    """Replace ``text[start:end]`` (code-point offsets) of a file with ``replacement``.

    ``statement`` is the (line, column) of the statement the edit changes,
    and ``planned`` what Python must read there afterwards: the fixer
    accepts the edited file only when it is the old one with exactly those
    statements swapped in.
    """

    __slots__ = ("start", "end", "replacement", "statement", "planned")

    def __init__(
        self,
        start: int,
        end: int,
        replacement: str,
        statement: tuple[int, int],
        planned: tuple[object, ...],
    ) -> None:
        self.start = start
        self.end = end
        self.replacement = replacement
        self.statement = statement
        self.planned = planned


class Fix(Record):
    """What ``fix`` does about one diagnostic: the edits it makes and what it leaves, and why.

    An import statement that imports several names may move some and leave
    others: both halves are here. Several diagnostics of one statement share
    its edit.
    """

    __slots__ = ("edits", "refusals", "rewritten")

    def __init__(
        self, edits: tuple[Edit, ...], refusals: tuple[Message, ...], rewritten: int = 0
    ) -> None:
        self.edits = edits
        #: Each reason a part of the finding is left to a person.
        self.refusals = refusals
        #: Imported names the edits rewrite.
        self.rewritten = rewritten


class Diagnostic(Record):
    """One finding, as data: what flake8 prints is rendered from it, and nothing else.

    ``subject`` is the stable identity of what the finding is about (the
    configured entry, the module and names, the class): it does not change
    when unrelated lines move, so a baseline can match it.
    """

    __slots__ = (
        "code",
        "path",
        "line",
        "col",
        "end_line",
        "end_col",
        "messages",
        "subject",
        "fix",
        "detail",
    )

    def __init__(
        self,
        code: str,
        path: str,
        line: int,
        col: int,
        end_line: int,
        end_col: int,
        messages: tuple[Message, ...],
        subject: tuple[str, ...],
        fix: Fix | None = None,
        detail: object = None,
    ) -> None:
        self.code = code
        self.path = path
        self.line = line
        self.col = col
        self.end_line = end_line
        self.end_col = end_col
        self.messages = messages
        self.subject = subject
        #: What ``fix`` does about it; None until a fix is planned (or when there is none).
        self.fix = fix
        #: The rule's own facts behind the finding, for planning its fix.
        self.detail = detail

    def with_fix(self, fix: Fix) -> Diagnostic:
        """The same finding with the fix planned for it."""
        return Diagnostic(
            self.code,
            self.path,
            self.line,
            self.col,
            self.end_line,
            self.end_col,
            self.messages,
            self.subject,
            fix,
            self.detail,
        )

    @property
    def text(self) -> str:
        """The message flake8 prints after the code."""
        return joined(self.messages)


def diagnostic(
    path: str,
    line: int,
    col: int,
    messages: Sequence[Message],
    subject: tuple[str, ...],
    *,
    end: tuple[int, int] | None = None,
    detail: object = None,
    code: str | None = None,
) -> Diagnostic:
    """A diagnostic whose code is its messages' code (they must agree), unless ``code``
    escalates it (an overdue deadline: the same words under another code)."""
    own = messages[0].kind.code
    assert own is not None and all(message.kind.code == own for message in messages)
    code = code or own
    end_line, end_col = end if end is not None else (line, col)
    return Diagnostic(
        code, path, line, col, end_line, end_col, tuple(messages), subject, None, detail
    )


# Entry parsing shared by the rules' option parsers.


def split_entries(raw: RawValue) -> list[str]:
    """Entries of a list option: one per line, or comma-separated on the command line.

    flake8 hands multi-line options over as one raw string. Module entries
    cannot contain commas (dotted names and PEP 440 versions have none), so
    commas are accepted as separators too, for ``--ssot-...`` flags. A
    ``; reason TEXT`` clause is free text: it runs to the end of its line,
    commas, ``;`` and ``#`` included.
    """
    text = raw if isinstance(raw, str) else "\n".join(raw)
    entries: list[str] = []
    for line in text.split("\n"):
        reason = REASON_CLAUSE.search(line)
        head, tail = (line[: reason.start()], line[reason.start() :]) if reason else (line, "")
        if "#" in head:
            head, tail = head.split("#", 1)[0], ""
        parts = [part.strip() for part in head.split(",")]
        if tail:
            parts[-1] = f"{parts[-1]} {tail.strip()}"
        entries.extend(part for part in parts if part)
    return entries


#: Where an entry's free-text reason starts.
REASON_CLAUSE = re.compile(r";\s*reason(?=\s|$)")


def single_value(raw: RawValue) -> str:
    """A one-value option's text, stripped, however flake8 handed it over."""
    return (raw if isinstance(raw, str) else " ".join(raw)).strip()


def words(raw: RawValue) -> list[str]:
    """A ``comma_separated_list`` option's words, whether flake8 split them already or not."""
    if isinstance(raw, str):
        return [word for word in re.split(r"[,\s]", raw) if word]
    return [word for word in raw if word.strip()]


def identifier_text(text: str) -> str:
    """Names as Python reads them: it normalises identifiers to NFKC.

    ``ｐkg.old`` in the config is the module that ``import pkg.old`` (or
    ``import ｐkg.old``) imports, so the entry must match it.
    """
    return unicodedata.normalize("NFKC", text.strip())
