"""The text scans that spare a parse: what counts as a module writing its own namespace."""

from __future__ import annotations

import pytest

from flake8_ssot.model.text_scan import may_write_namespace


@pytest.mark.parametrize(
    "source",
    [
        b"globals()['X'] = 1\n",
        b"g = globals ( )\n",
        b"vars().update(names)\n",
        b"locals()['x'] = 1\n",
        b"exec(code)\n",
        b"setattr(sys.modules[__name__], 'X', 1)\n",
        b"sys.modules.get(__spec__.name)\n",
        b"sys._getframe(0).f_globals['X'] = None\n",
        b"f.__globals__.update(x=1)\n",
        b"__builtins__['x'] += 1\n",
        b"del sys._getframe(0).f_globals['X']\n",
        b"obj.globals()\n",  # an attribute call of that name: taken for one
    ],
)
def test_writes(source: bytes) -> None:
    assert may_write_namespace(source)


@pytest.mark.parametrize(
    "source",
    [
        b"",
        b"name = sys._getframe(1).f_globals['__name__']\n",
        b"if f.__globals__['x'] == 1: pass\n",
        b"myglobals()\nnotexec(x)\nsubmodules[__name__]\n",
        b"\xc3\xa9globals()\n",  # a longer (non-ASCII) name ending in "globals"
        b"execute(x)\nvariables = 1\n",
    ],
)
def test_reads_and_other_names(source: bytes) -> None:
    assert not may_write_namespace(source)
