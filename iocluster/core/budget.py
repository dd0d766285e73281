"""Resource budgets: every parameter that sizes work or memory is checked up front.

An untrusted table or scenario file, or a mistyped option (``--draws 1000000000``),
must not make the kernel kill the process with nothing said. Each :class:`Budget` has a
default that fits a laptop and a ``IOCLUSTER_MAX_...`` environment variable that raises
it; a value over budget is refused before any work with one message that names the
option (or the file) and the variable.

=========================  ==============================  ============  =======================
budget                     environment variable            default       checked
=========================  ==============================  ============  =======================
Monte Carlo draws (time)   ``IOCLUSTER_MAX_DRAWS``         100,000       ``--draws``, ``draws``
paths listed (SPA)         ``IOCLUSTER_MAX_PATHS``         100,000       ``--top`` (0 = all)
path depth (SPA)           ``IOCLUSTER_MAX_DEPTH``         100           ``--depth``
SPA nodes kept             ``IOCLUSTER_MAX_SPA_NODES``     20,000,000    ``--threshold``
sectors of a table         ``IOCLUSTER_MAX_SECTORS``       20,000        every table read
TOML file size (bytes)     ``IOCLUSTER_MAX_TOML_BYTES``    10,000,000    scenario, clusters
TOML string length         ``IOCLUSTER_MAX_TOML_STRING``   10,000        scenario, clusters
TOML array length          ``IOCLUSTER_MAX_TOML_ARRAY``    100,000       scenario, clusters
scenarios in one file      ``IOCLUSTER_MAX_SCENARIOS``     1,000         scenario files
shocks in one file         ``IOCLUSTER_MAX_SHOCKS``        10,000        scenario files, MARIO
RAS/GRAS iterations        ``IOCLUSTER_MAX_ITERATIONS``    1,000,000     ``--max-iter``
file uploaded to the lab   ``IOCLUSTER_MAX_UPLOAD_BYTES``  200,000,000   ``iocluster lab`` uploads
=========================  ==============================  ============  =======================

The draws budget can also be raised for one command with ``--max-draws N``.

>>> DRAWS.check(50, "--draws")
>>> try:
...     DRAWS.check(10**9, "--draws")
... except InputError as exc:
...     print(str(exc)[:58])
--draws 1,000,000,000 is above the budget of 100,000 Monte
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from iocluster.core.messages import Message
from iocluster.errors import InputError, Text

__all__ = [
    "BUDGETS",
    "DEPTH",
    "DRAWS",
    "DRAWS_HINT",
    "ITERATIONS",
    "PATHS",
    "SCENARIOS",
    "SECTORS",
    "SHOCKS",
    "SPA_NODES",
    "TOML_ARRAY",
    "TOML_BYTES",
    "TOML_STRING",
    "UPLOAD_BYTES",
    "Budget",
    "check_options",
    "check_toml_document",
    "check_toml_file",
    "count_text",
    "usable_cores",
]


def count_text(value: int) -> str:
    """A whole number as a message shows it: with thousands separators, or in powers of
    ten beyond 15 digits (``--draws`` given 300 digits is no 400-character message).

    >>> count_text(1_000_000), count_text(10**300)
    ('1,000,000', '1.00e+300')
    """
    digits = str(abs(value))
    if len(digits) <= 15:
        return f"{value:,}"
    sign = "-" if value < 0 else ""
    return f"{sign}{digits[0]}.{digits[1:3]}e+{len(digits) - 1}"


@dataclass(frozen=True)
class Budget:
    """A limit on one size, with its default and the variable that raises it."""

    what: Text
    env: str
    default: int

    @property
    def limit(self) -> int:
        """The limit in force: the environment variable when set to an integer >= 0."""
        raw = os.environ.get(self.env, "").replace("_", "").replace(",", "").strip()
        if not raw:
            return self.default
        try:
            value = int(float(raw)) if "e" in raw.lower() else int(raw)
        except ValueError:
            raise InputError(
                Message("io.budget.env_not_number", env=self.env, value=repr(os.environ[self.env]))
            ) from None
        return max(value, 0)

    def check(
        self, value: int, where: str | Text, *, hint: str | Text = "", limit: int | None = None
    ) -> None:
        """Raise :class:`InputError` naming ``where`` when ``value`` is over the limit
        (``limit`` when given, e.g. ``--max-draws``; else :attr:`limit`)."""
        limit = self.limit if limit is None else limit
        if value > limit:
            shown = {k: v if len(str(abs(v))) <= 15 else count_text(v) for k, v in
                     (("value", value), ("limit", limit))}  # fmt: skip
            params = {"where": where, **shown, "what": self.what, "env": self.env}
            if hint:
                raise InputError(Message("io.budget.over_hint", params, hint=hint))
            raise InputError(Message("io.budget.over", params))


DRAWS = Budget(Message("io.budget.draws"), "IOCLUSTER_MAX_DRAWS", 100_000)
#: Monte Carlo memory is bounded whatever the draws (streamed batches and a bounded
#: reservoir, :mod:`iocluster.scenarios.montecarlo`): the draws budget stands for time.
DRAWS_HINT = Message("io.budget.hint_draws")
PATHS = Budget(Message("io.budget.paths"), "IOCLUSTER_MAX_PATHS", 100_000)
DEPTH = Budget(Message("io.budget.depth"), "IOCLUSTER_MAX_DEPTH", 100)
SPA_NODES = Budget(Message("io.budget.spa_nodes"), "IOCLUSTER_MAX_SPA_NODES", 20_000_000)
SECTORS = Budget(Message("io.budget.sectors"), "IOCLUSTER_MAX_SECTORS", 20_000)
TOML_BYTES = Budget(Message("io.budget.toml_bytes"), "IOCLUSTER_MAX_TOML_BYTES", 10_000_000)
TOML_STRING = Budget(Message("io.budget.toml_string"), "IOCLUSTER_MAX_TOML_STRING", 10_000)
TOML_ARRAY = Budget(Message("io.budget.toml_array"), "IOCLUSTER_MAX_TOML_ARRAY", 100_000)
SCENARIOS = Budget(Message("io.budget.scenarios"), "IOCLUSTER_MAX_SCENARIOS", 1_000)
#: every shock is solved once more for its own contribution (the by-shock results):
#: about 15 ms and 0.2 MB each on a 20- or 136-sector table
SHOCKS = Budget(Message("io.budget.shocks"), "IOCLUSTER_MAX_SHOCKS", 10_000)
ITERATIONS = Budget(Message("io.budget.iterations"), "IOCLUSTER_MAX_ITERATIONS", 1_000_000)
UPLOAD_BYTES = Budget(Message("io.budget.upload_bytes"), "IOCLUSTER_MAX_UPLOAD_BYTES", 200_000_000)

BUDGETS = (DRAWS, PATHS, DEPTH, SPA_NODES, SECTORS, TOML_BYTES, TOML_STRING, TOML_ARRAY,
           SCENARIOS, SHOCKS, ITERATIONS, UPLOAD_BYTES)  # fmt: skip

#: Command-line parameters checked before a command runs: name -> (flag, budget, hint).
_OPTIONS: dict[str, tuple[str, Budget, Message]] = {
    "draws": ("--draws", DRAWS, DRAWS_HINT),
    "top": ("--top", PATHS, Message("io.budget.hint_top")),
    "depth": ("--depth", DEPTH, Message("io.budget.hint_depth")),
    "max_iter": ("--max-iter", ITERATIONS, Message("io.budget.hint_iter")),
}


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system says, else
    every core): the most worker processes that help.

    >>> usable_cores() >= 1
    True
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return max(1, os.cpu_count() or 1)


def check_options(params: Mapping[str, object]) -> None:
    """Check the size options of a command (``--draws``, ``--top``, ``--depth``,
    ``--max-iter``); ``--max-draws`` (``max_draws``) replaces the draws budget."""
    raised = params.get("max_draws")
    for name, (flag, budget, hint) in _OPTIONS.items():
        value = params.get(name)
        if isinstance(value, int) and not isinstance(value, bool):
            limit = raised if budget is DRAWS and isinstance(raised, int) else None
            budget.check(value, flag, hint=hint, limit=limit)


def check_toml_file(path: str | Path) -> None:
    """Refuse a TOML file larger than :data:`TOML_BYTES` before reading it."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError:
        return  # the reader reports a missing or unreadable file
    TOML_BYTES.check(size, Message("io.budget.file_size", name=p.name))


def check_toml_document(doc: object, path: str | Path) -> None:
    """Walk a parsed TOML document: strings, arrays and the number of scenarios within
    their budgets; the message names the file and the key."""
    name = Path(path).name
    scenarios = doc.get("scenario") if isinstance(doc, dict) else None
    if isinstance(scenarios, list):
        SCENARIOS.check(
            len(scenarios), Message("io.budget.scenario_tables", name=name, table="[[scenario]]")
        )
    max_string, max_array = TOML_STRING.limit, TOML_ARRAY.limit
    stack: list[tuple[str, object]] = [("", doc)]
    while stack:
        key, v = stack.pop()
        if isinstance(v, str):
            if len(v) > max_string:
                TOML_STRING.check(len(v), Message("io.budget.toml_string_at", name=name, key=key))
        elif isinstance(v, dict):
            for k, item in v.items():
                if len(k) > max_string:
                    TOML_STRING.check(len(k), Message("io.budget.toml_key_at", name=name, key=key))
                stack.append((f"{key}.{k}" if key else str(k), item))
        elif isinstance(v, list):
            if len(v) > max_array:
                TOML_ARRAY.check(len(v), Message("io.budget.toml_array_at", name=name, key=key))
            stack.extend((f"{key}[{i}]", item) for i, item in enumerate(v))
