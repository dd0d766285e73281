"""``iocluster lab``: the scenario lab, a local web page (:mod:`iocluster.lab`)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Annotated

import typer

from iocluster.cli.app import command
from iocluster.cli.common import LangOpt, NamesOpt, RegionsOpt, in_language, said
from iocluster.errors import InputError

#: What the lab needs beyond the core install (the ``lab`` extra).
LAB_MODULES = ("shiny", "plotly", "uvicorn")
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


@command("lab")
def lab(
    table: Annotated[
        Path | None,
        typer.Argument(help="help.lab.table", show_default=False),
    ] = None,
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="help.lab.port")] = 8050,
    host: Annotated[
        str,
        typer.Option(
            "--host",
            help="help.lab.host",
        ),
    ] = "127.0.0.1",
    root: Annotated[
        Path | None,
        typer.Option(
            "--root",
            help="help.lab.root",
        ),
    ] = None,
    regions: RegionsOpt = None,
    names: NamesOpt = None,
    browser: Annotated[
        bool, typer.Option("--browser/--no-browser", help="help.lab.browser")
    ] = True,
    lang: LangOpt = "en",
) -> None:
    """The ``lab`` command (its help: ``help.lab``)."""
    from iocluster.core.messages import Message

    missing = [m for m in LAB_MODULES if importlib.util.find_spec(m) is None]
    if missing:
        raise InputError(
            Message("lab.needs", missing=missing, command="pip install 'iocluster[lab]'")
        )
    if table is not None and not table.exists():
        raise FileNotFoundError(2, "no such file", str(table))
    if root is not None and not root.is_dir():
        raise InputError(Message("lab.root_not_folder", path=str(root)))
    if host not in LOCAL_HOSTS:
        other = Message("lab.other_host", host=host, port=str(port))  # the port ungrouped
        typer.echo(f"{said('cli.warning')} {in_language(other)}", err=True)
    from iocluster.lab import serve

    serve(
        table,
        host=host,
        port=port,
        root=root,
        regions=regions,
        names=names,
        lang=lang,
        open_browser=browser,
    )
