"""Warnings on the command line: iocluster's as one ``warning:`` line each, other
libraries' (numpy, pandas) shown as Python shows them, once, never swallowed, and never
fed back into the list being printed (which looped until memory ran out)."""

from __future__ import annotations

import warnings

from typer.testing import CliRunner

import iocluster.io as io_module
from iocluster.cli import app
from iocluster.datasets import data_path


def test_a_library_warning_is_shown_once(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    real = io_module.read_table

    def noisy(*args: object, **kw: object):  # type: ignore[no-untyped-def]
        warnings.warn("overflow encountered in reduce", RuntimeWarning, stacklevel=1)
        warnings.warn("overflow encountered in reduce", RuntimeWarning, stacklevel=1)
        return real(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(io_module, "read_table", noisy)
    r = CliRunner().invoke(app, ["info", str(data_path("miller_blair_2_3.xlsx"))])
    assert r.exit_code == 0, r.output
    assert r.stderr.count("RuntimeWarning: overflow encountered in reduce") == 1
