"""The ``iocluster`` command line (typer). Thin: parse, call the library, render.

Each ``*_cmds`` module registers its commands on :data:`iocluster.cli.app.app` when
imported; importing them here builds the whole command set.
"""

from __future__ import annotations

from iocluster.cli import (
    analysis_cmds,
    analyze_cmds,
    chains_cmds,
    lab_cmds,
    ops_cmds,
    regional_cmds,
    scenario_cmds,
    table_cmds,
    trade_cmds,
)
from iocluster.cli.app import app

__all__ = ["app", "main"]

COMMAND_MODULES = (
    table_cmds,
    analysis_cmds,
    scenario_cmds,
    chains_cmds,
    trade_cmds,
    regional_cmds,
    ops_cmds,
    analyze_cmds,
    lab_cmds,
)


def main() -> None:
    """Entry point of the ``iocluster`` console script."""
    app()
