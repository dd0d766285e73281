"""What a lab session does, without the web page: open a table (the bundled example, the
table given at start, a file of the lab's folder, an upload) with every check the command
line applies, check a shock against it, run the scenario, and say how to get the same
numbers from the command line. The page (:mod:`iocluster.lab.app`) only calls these.

Nothing here is shared between sessions but the start settings (:class:`LabConfig`) and
immutable tables: every table a tab opens or uploads, and its scenario, live in that
tab's session only.
"""

from __future__ import annotations

import re
import shlex
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from iocluster.core.budget import UPLOAD_BYTES
from iocluster.core.choices import ClosureChoice
from iocluster.core.messages import Message
from iocluster.errors import (
    InputError,
    IOClusterError,
    IOClusterWarning,
    Location,
    ScenarioError,
)
from iocluster.io.checked import read_checked_table
from iocluster.lab.document import Draft
from iocluster.model.closure import Closure, chosen_closure
from iocluster.reports.messages import fault_message
from iocluster.table import IOTable

__all__ = [
    "TABLE_SUFFIXES",
    "LabConfig",
    "Opened",
    "Problem",
    "RunOutcome",
    "check_draft",
    "folder_tables",
    "guarded",
    "open_choice",
    "open_upload",
    "problem_of",
    "run_draft",
    "safe_name",
    "shock_command",
]

#: Files the lab opens as tables (a folder of CSV files is opened from the lab's folder).
TABLE_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".npz")
EXAMPLE = "example"
START = "start"


@dataclass(frozen=True)
class LabConfig:
    """What ``iocluster lab`` was started with: a table (or none), the one folder whose
    tables the page may list and open (or none), the regions file of the map, and a
    names file (sector names by language) for the start table; the page's first
    language (``--lang``)."""

    table: Path | None = None
    root: Path | None = None
    regions: Path | None = None
    names: Path | None = None
    lang: str = "en"


@dataclass(frozen=True, eq=False)
class Opened:
    """A table a session opened: the table, the name it is shown by, the path the
    command line would be given, and its names file (``NAME_names.csv`` beside it)."""

    table: IOTable
    label: str
    path: str
    names: Path | None = None

    def shown(self, lang: str) -> IOTable:
        """The table with its sector names (and title, region, source) in ``lang`` from
        its names file, when it has one (else Uzbek Latin names written in Cyrillic on an
        ``uz-Cyrl`` page, as the command line does); the numbers are the same."""
        from iocluster.io.names import apply_sector_names, names_in_language

        if self.names is None:
            return names_in_language(self.table, lang)
        return apply_sector_names(self.table, self.names, lang)


@dataclass(frozen=True)
class Problem:
    """A wrong input as the command line states it: one message, or a summary and every
    problem (a scenario with several); ``unexpected`` for a fault inside the lab."""

    message: Message | str
    problems: tuple[str, ...] = ()
    unexpected: bool = False
    #: the iocluster error it states: written in the page's language when shown
    error: IOClusterError | None = field(default=None, compare=False)

    def in_language(self, lang: str) -> tuple[str, tuple[str, ...]]:
        """The message and the problems in ``lang``, as ``iocluster --lang`` writes them
        (:func:`iocluster.reports.messages.error_text`); the lab's own words as they are."""
        from iocluster.reports.messages import error_text, message

        e = self.error
        if e is None:
            return message(self.message, lang), self.problems
        if isinstance(e, ScenarioError) and e.problems:
            return message(e.summary, lang) + ":", tuple(message(p, lang) for p in e.problems)
        return error_text(e, lang), ()


@dataclass(frozen=True, eq=False)
class RunOutcome:
    """A scenario's results, the closure used, the seconds the run took, the warnings."""

    results: Any
    closure: Closure | None
    seconds: float
    warnings: tuple[Message | str, ...] = field(default_factory=tuple)


def problem_of(exc: BaseException) -> Problem:
    """The located message the command line prints for ``exc`` (``cli.app``'s contract),
    or an unexpected fault named by its type only (never a traceback)."""
    if isinstance(exc, ScenarioError) and exc.problems:
        return Problem(f"{exc.summary}:", tuple(str(p) for p in exc.problems), error=exc)
    if isinstance(exc, IOClusterError):
        return Problem(str(exc), error=exc)
    if isinstance(exc, OSError | MemoryError):
        return Problem(fault_message(exc))
    return Problem(type(exc).__name__, unexpected=True)


def guarded(fn: Callable[[], Any]) -> tuple[Any, Problem | None, tuple[Message | str, ...]]:
    """``fn()`` with iocluster's warnings caught (one line each) and any exception turned
    into a :class:`Problem`: ``(value or None, problem or None, warnings)``."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", IOClusterWarning)
        try:
            value, problem = fn(), None
        except Exception as exc:  # every fault becomes a message on the page
            if not isinstance(exc, IOClusterError | OSError | MemoryError):
                import logging
                import traceback

                logging.getLogger("iocluster.lab").error("".join(traceback.format_exception(exc)))
            value, problem = None, problem_of(exc)
    said = [_said(w.message) for w in caught if issubclass(w.category, IOClusterWarning)]
    return value, problem, tuple(dict.fromkeys(said))


def _said(warning: Warning | str) -> Message | str:
    """A warning's keyed message (shown in the page's language), else its text."""
    arg = warning.args[0] if isinstance(warning, Warning) and warning.args else warning
    return arg if isinstance(arg, Message) else str(arg)


def _inside(path: Path, root: Path) -> bool:
    try:
        return path.resolve().is_relative_to(root.resolve())
    except OSError:
        return False


def folder_tables(root: Path, depth: int = 2, limit: int = 500) -> list[str]:
    """The tables in the lab's folder, as paths relative to it: files with a table
    suffix and folders of CSV files (``intermediate_use.csv``), ``depth`` levels deep at
    most; nothing whose real path leaves the folder (a link pointing out is skipped)."""
    found: list[str] = []

    def walk(d: Path, level: int) -> None:
        try:
            entries = sorted(d.iterdir())
        except OSError:
            return
        for p in entries:
            if len(found) >= limit or p.name.startswith(".") or not _inside(p, root):
                continue
            if p.is_dir():
                if (p / "intermediate_use.csv").is_file():
                    found.append(p.relative_to(root).as_posix())
                elif level < depth:
                    walk(p, level + 1)
            elif p.suffix.lower() in TABLE_SUFFIXES:
                found.append(p.relative_to(root).as_posix())

    walk(root, 1)
    return found


def _example_path() -> Path:
    from iocluster.datasets import data_path

    return data_path("example_economy.xlsx")


def names_beside(path: Path) -> Path | None:
    """A table's names file beside it (``example_economy_names.csv`` for
    ``example_economy.xlsx``), or None."""
    p = path.parent / f"{path.stem}_names.csv"
    return p if p.is_file() else None


def _opened(path: Path, label: str, names: Path | None = None) -> Opened:
    return Opened(read_checked_table(path), label, str(path), names or names_beside(path))


def open_choice(config: LabConfig, choice: str) -> Opened:
    """Open the bundled example (``"example"``), the start table (``"start"``) or a
    table of the lab's folder (its relative path, which must be one the folder lists)."""
    if choice == EXAMPLE:
        p = _example_path()
        return _opened(p, p.name)
    if choice == START and config.table is not None:
        return _opened(config.table, config.table.name, config.names)
    if config.root is None or choice not in folder_tables(config.root):
        raise InputError(Message("lab.not_in_folder", choice=choice))
    p = config.root / choice
    return _opened(p, choice)


def safe_name(name: str) -> str:
    """A file name from a browser, without folders or odd characters."""
    base = Path(name.replace("\\", "/")).name
    return re.sub(r"[^\w.\-]+", "_", base).strip("._") or "upload"


def open_upload(name: str, datapath: Path, folder: Path) -> Opened:
    """Open an uploaded table: at most ``IOCLUSTER_MAX_UPLOAD_BYTES``, a table suffix,
    read under the user's own file name (``folder`` is the session's own) so every
    message names the file, sheet and cell as the command line would."""
    safe = safe_name(name)
    suffix = Path(safe).suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        formats = tuple(s.lstrip(".") for s in TABLE_SUFFIXES)
        raise InputError(Message("lab.not_a_table_file", formats=formats), Location(safe))
    UPLOAD_BYTES.check(datapath.stat().st_size, f"{safe}: the upload of")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / safe
    datapath.replace(target)
    return Opened(read_checked_table(target), safe, safe)


def check_draft(opened: Opened, draft: Draft) -> None:
    """Parse the draft's document and resolve every name against the table, as
    ``iocluster shock`` does before it runs (raises the located :class:`ScenarioError`)."""
    from iocluster.scenarios.parse_toml import scenario_file_from_dict
    from iocluster.scenarios.validate import validate_file

    validate_file(scenario_file_from_dict(draft.document()), opened.table, None)


def run_draft(opened: Opened, draft: Draft, closure: ClosureChoice) -> RunOutcome:
    """Run the draft on the table with the closure chosen, timed (``iocluster shock``
    with the same file and ``--closure`` gives the same numbers)."""
    from iocluster.scenarios.params import shock_where
    from iocluster.scenarios.problems import at
    from iocluster.scenarios.run import run_document

    if not draft.shocks:
        raise ScenarioError(at(shock_where(draft.name), Message("lab.no_shocks_yet")))
    start = time.perf_counter()
    cl = chosen_closure(opened.table, closure)
    res = run_document(opened.table, draft.document(), closure=cl)
    return RunOutcome(res, cl, time.perf_counter() - start)


def shock_command(opened: Opened, closure: ClosureChoice, toml_name: str, **extra: str) -> str:
    """The ``iocluster shock`` line that reproduces the lab's numbers."""
    parts = ["iocluster", "shock", opened.path, toml_name]
    if closure != "compensation":
        parts += ["--closure", closure]
    for k, v in extra.items():
        parts += [f"--{k.replace('_', '-')}", v]
    return " ".join(shlex.quote(p) for p in parts)
