"""Expected messages, one helper per message kind the rules declare (arguments by name)."""

from __future__ import annotations

from tables import M, m

# SOT001


def config_error(error: str) -> M:
    return m("config-error", error=error)


# SOT101 and the parts of its advice


def deprecated(module: str, deadline: M | str = "", reason: M | str = "") -> M:
    return m("deprecated", module=module, deadline=deadline, reason=reason)


def advised(module: str, *advice: M, deadline: M | str = "", reason: M | str = "") -> M:
    return m("deprecated-advised", module=module, advice=advice, deadline=deadline, reason=reason)


def reason(text: str) -> M:
    return m("reason", text=text)


def due(removed_in: str) -> M:
    return m("removal-due", removed_in=removed_in)


def overdue(removed_in: str, version: str) -> M:
    return m("removal-overdue", removed_in=removed_in, version=version)


def import_from(names: str, module: str) -> M:
    return m("import-from", names=names, module=module)


def import_as(module: str, name: str, alias: str) -> M:
    return m("import-as", module=module, name=name, alias=alias)


def defined(names: str, module: str) -> M:
    return m("defined-itself", names=names, module=module)


def defined_many(names: str, module: str) -> M:
    return m("defined-itself-many", names=names, module=module)


def chosen(module: str, name: str, sources: str) -> M:
    return m("chosen", module=module, name=name, sources=sources)


def star_unread(module: str, name: str, source: str) -> M:
    return m("star-unread", module=module, name=name, source=source)


def served_by_getattr(module: str, name: str) -> M:
    return m("getattr", module=module, name=name)


def replacement_own(names: str, module: str, facade: str) -> M:
    kind = "replacement-own-many" if ", " in names else "replacement-own"
    return m(kind, names=names, module=module, facade=facade)


def does_not_define(module: str, name: str) -> M:
    return m("does-not-define", module=module, name=name)


def not_provided(facade: str, name: str, *modules: str) -> M:
    """A name the facade does not provide at all, and the modules that define one."""
    if len(modules) == 1:
        return m("not-provided-one", facade=facade, name=name, module=modules[0])
    if modules:
        return m("not-provided-many", facade=facade, name=name, modules=", ".join(modules))
    return m("not-provided-none", facade=facade, name=name)


def fallback(module: str, name: str, source: str) -> M:
    return m("fallback", module=module, name=name, source=source)


def writes_namespace(module: str, name: str) -> M:
    return m("writes-namespace", module=module, name=name)


def set_at_run_time(name: str, module: str, home: str) -> M:
    return m("set-at-run-time", name=name, module=module, home=home)


def use(module: str) -> M:
    return m("use", module=module)


# SOT201


def legacy(module: str, deadline: M | str = "", reason: M | str = "") -> M:
    return m("legacy", module=module, deadline=deadline, reason=reason)


def legacy_use(module: str, replacement: str, deadline: M | str = "", reason: M | str = "") -> M:
    return m("legacy-use", module=module, replacement=replacement, deadline=deadline, reason=reason)


def legacy_use_missing(
    module: str, replacement: str, names: str, deadline: M | str = "", reason: M | str = ""
) -> M:
    return m(
        "legacy-use-missing",
        module=module,
        replacement=replacement,
        names=names,
        deadline=deadline,
        reason=reason,
    )


def inside_replaced(
    module: str, entry: str, replacement: str, deadline: M | str = "", reason: M | str = ""
) -> M:
    return m(
        "inside-replaced",
        module=module,
        entry=entry,
        replacement=replacement,
        deadline=deadline,
        reason=reason,
    )


def inside(module: str, entry: str, deadline: M | str = "", reason: M | str = "") -> M:
    return m("inside", module=module, entry=entry, deadline=deadline, reason=reason)


# SOT301


def compat(module: str, pattern: str) -> M:
    return m("compat", module=module, pattern=pattern)


# SOT401-SOT404


def uncollected_name(name: str, count: str, patterns: str, config: str) -> M:
    return m("name", name=name, count=count, patterns=patterns, config=config)


def constructor(name: str, count: str, constructor: str) -> M:
    return m("constructor", name=name, count=count, constructor=constructor)


def file_name(module: str, count: str, patterns: str, config: str) -> M:
    return m("file-name", module=module, count=count, patterns=patterns, config=config)


def outside_testpaths(module: str, count: str, patterns: str, config: str) -> M:
    return m("outside-testpaths", module=module, count=count, patterns=patterns, config=config)


# SOT501, SOT502


def second_definition(kind: str, name: str, home: str) -> M:
    return m("second-definition", kind=kind, name=name, home=home)


def not_defined(name: str, module: str, home: str) -> M:
    return m("not-defined", name=name, module=module, home=home)


def served(name: str, module: str, home: str) -> M:
    return m("served", name=name, module=module, home=home)


def side_door(names: str, module: str, home: str) -> M:
    return m("side-door", names=names, module=module, home=home)


def dynamic_home(name: str, module: str, home: str) -> M:
    return m("dynamic-home", name=name, module=module, home=home)


def replacement_unread(name: str, module: str, facade: str) -> M:
    return m("replacement-unread", name=name, module=module, facade=facade)


def lazy_home(name: str, module: str, home: str) -> M:
    return m("lazy-home", name=name, module=module, home=home)


def rebound(name: str, module: str, home: str) -> M:
    return m("rebound", name=name, module=module, home=home)


def unrecursed(module: str, count: str, directory: str, patterns: str, config: str) -> M:
    return m(
        "norecursedirs",
        module=module,
        count=count,
        directory=directory,
        patterns=patterns,
        config=config,
    )
