"""The ``iocluster`` command line (typer). Thin: parse, call the library, render."""

from __future__ import annotations

import iocluster.cli.table_cmds  # noqa: F401  (registers the commands)
import iocluster.cli.chains_cmds  # noqa: F401
import iocluster.cli.regional_cmds  # noqa: F401
import iocluster.cli.analysis_cmds  # noqa: F401
import iocluster.cli.scenario_cmds  # noqa: F401
import iocluster.cli.analyze_cmds  # noqa: F401
import iocluster.cli.ops_cmds  # noqa: F401
from iocluster.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``iocluster`` console script."""
    app()
