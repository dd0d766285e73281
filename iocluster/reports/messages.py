"""Library texts a report shows, in the report language.

Every sentence of the library — a validation detail, a flag's reason, an assumption, a
warning, an error — comes as a keyed :class:`~iocluster.core.messages.Message` and is
written here from the catalogues in the report's language; plain text is the user's own
words (a table's own assumptions, a scenario's description, a file name) and is shown as
it is. Nothing is translated by pattern (issue 28).

>>> message(Message("check.productive.pass", rho=0.3461), "ru")
'спектральный радиус A = 0,3461 < 1'
>>> message("the user's own words", "ru")
"the user's own words"
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from iocluster.core.messages import Message, render

if TYPE_CHECKING:
    from iocluster.errors import IOClusterError

__all__ = ["error_text", "fault_message", "message"]


def message(text: object, lang: str) -> str:
    """A keyed :class:`Message` in ``lang``; any other text (the user's own words) as it
    is."""
    return render(text, lang) if isinstance(text, Message) else str(text)


def fault_message(exc: OSError | MemoryError) -> Message:
    """What the system refused, as the command line and the lab say it: a missing file, a
    permission, a folder where a file was expected, another OS error (in the system's own
    words), or memory."""
    if isinstance(exc, MemoryError):
        return Message("cli.out_of_memory")
    path = str(exc.filename)
    if isinstance(exc, FileNotFoundError):
        return Message("cli.no_such_file", path=path)
    if isinstance(exc, PermissionError):
        return Message("cli.permission_denied", path=path)
    if isinstance(exc, IsADirectoryError):
        return Message("cli.is_a_folder", path=path)
    reason = str(exc.strerror or exc)  # disk full, read-only file system, quota, ...
    if exc.filename:
        return Message("cli.os_error_at", path=path, reason=reason)
    return Message("cli.os_error", reason=reason)


def error_text(exc: IOClusterError, lang: str = "en") -> str:
    """An error as the user reads it in ``lang``: where it is (file, sheet, cell), then
    what is wrong (its keyed message in ``lang``). The command line writes errors with it
    in ``--lang``, the lab in the page's language."""
    where = ""
    loc = exc.location
    if loc is not None and str(loc):
        parts = [Path(loc.file).name] if loc.file is not None else []
        if loc.sheet is not None:
            parts.append(render(Message("cli.sheet", name=loc.sheet), lang))
        if loc.cell is not None:
            parts.append(message(loc.cell, lang))
        where = ", ".join(parts) + ": "
    return where + message(exc.message, lang)
