"""The scenario lab: a local web page for economists who do not write TOML
(``iocluster lab``, issue 32).

Built on Shiny for Python (``pip install 'iocluster[lab]'``): each browser tab is its own
session on the server, so two tabs never share a table or a scenario; every widget's
words are ours, so the page reads whole in every report language; its scripts and styles
ship inside the installed packages (Shiny's, and the plotly.js of the plotly package), so
nothing is fetched from the network.

Modules: ``session`` (open, check, run: no web code), ``document`` (the scenario as
data and TOML), ``forms`` (the shock forms from the kinds' field specs), ``views`` and
``charts`` (results as frames and figures), ``layout``, ``results`` and ``downloads``
(the page), ``app`` (the Shiny server), and :func:`serve` here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["serve", "upload_guard"]


def upload_guard(app: Any, limit: int) -> Any:
    """An ASGI wrapper refusing an upload whose body is larger than ``limit`` bytes (by
    its declared length, and while it streams), before it reaches the disk."""

    async def guarded(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope.get("type") != "http" or "/upload/" not in scope.get("path", ""):
            await app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length", b"0")
        if int(declared or 0) > limit:
            await _too_large(send)
            return
        seen = 0

        async def counted() -> Any:
            nonlocal seen
            msg = await receive()
            seen += len(msg.get("body", b""))
            if seen > limit:
                raise ValueError("upload larger than the budget")
            return msg

        await app(scope, counted, send)

    return guarded


async def _too_large(send: Any) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"text/plain")],
        }
    )
    await send({"type": "http.response.body", "body": b"upload larger than the budget"})


def serve(
    table: Path | None = None,
    *,
    host: str = "127.0.0.1",
    port: int = 8050,
    root: Path | None = None,
    regions: Path | None = None,
    names: Path | None = None,
    lang: str = "en",
    open_browser: bool = True,
) -> None:
    """Serve the lab on ``host:port`` until interrupted (opening the browser on it)."""
    import threading
    import webbrowser

    import uvicorn

    from iocluster.core.budget import UPLOAD_BYTES
    from iocluster.core.messages import Message, render
    from iocluster.lab.app import make_app
    from iocluster.lab.session import LabConfig

    app = upload_guard(make_app(LabConfig(table, root, regions, names, lang)), UPLOAD_BYTES.limit)
    shown = "localhost" if host in ("127.0.0.1", "localhost") else host
    url = f"http://{shown}:{port}/"
    print(render(Message("lab.serving", url=url, keys="Ctrl+C"), lang), flush=True)
    if open_browser:
        threading.Timer(1.0, lambda: webbrowser.open(url)).start()
    uvicorn.run(app, host=host, port=port, log_level="warning")
