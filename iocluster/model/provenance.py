"""What produced a result: the settings and inputs every output file carries.

A :class:`RunInfo` is made once per run (:func:`run_info`) from the table and the
settings as resolved (the closure, with ``None`` the open model; the seed and draws), and
travels with the results to every writer: the About sheet and each data sheet's header of
a workbook, the ``meta`` key of a JSON document, the ``datapackage.json`` descriptor
beside CSV files. A number copied out of any of them still says what it is: its unit,
the closure and propensity to consume, the import rule, whether it is illustrative (and
which input made it so), the seed and draws, the checksums of the table and of every
input file, the program version and the command.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from iocluster._version import __version__
from iocluster.core.messages import Message
from iocluster.model.closure import (
    Closure,
    closure_sentence,
    household_coefficients,
    household_imports,
)
from iocluster.table import IOTable

__all__ = [
    "NOISE_RTOL",
    "Caveat",
    "ClosureInfo",
    "InputFile",
    "RunInfo",
    "file_digest",
    "run_info",
]

#: A change smaller than this times the baseline total of its measure is rounding noise,
#: written as exactly 0 (stated in every report's assumptions).
NOISE_RTOL = 1e-12


def file_digest(path: str | Path) -> str:
    """SHA-256 of a file's bytes, or of a folder's files (names and bytes, sorted)."""
    p = Path(path)
    h = hashlib.sha256()
    files = sorted(f for f in p.rglob("*") if f.is_file()) if p.is_dir() else [p]
    for f in files:
        if p.is_dir():
            h.update(str(f.relative_to(p)).encode("utf-8"))
        with f.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    return h.hexdigest()


@dataclass(frozen=True)
class InputFile:
    """One input of a run: its role (``table``, ``scenario``, ``taxes``, ``bridge``,
    ``clusters``, ``regional data``, ``names``), file name, SHA-256 and, when it says it
    is illustrative, why (:mod:`iocluster.io.illustrative`)."""

    role: str
    name: str
    sha256: str
    illustrative: str = ""

    @classmethod
    def of(cls, role: str, path: str | Path, illustrative: str = "") -> InputFile:
        """The input at ``path`` (its digest computed now)."""
        return cls(role, Path(path).name, file_digest(path), illustrative)


@dataclass(frozen=True)
class ClosureInfo:
    """The Type II closure a result used: household income row (``compensation`` or
    ``value_added``), household column basis (``consumption`` or ``income``), corner
    coefficient, the implied marginal propensity to consume domestic products, imported
    household consumption per unit of income, and the closure's sentence."""

    income: str
    column: str
    corner: float
    propensity: float
    household_imports: float
    text: Message | str

    @property
    def sentence(self) -> Message:
        """The closure's sentence and its implied propensity to consume."""
        return closure_sentence(self.text, self.propensity)

    @classmethod
    def of(cls, table: IOTable, closure: Closure) -> ClosureInfo:
        """The closure as it applies to ``table``."""
        _, h_c, corner = household_coefficients(table, closure)
        return cls(
            closure.income,
            closure.column,
            corner,
            float(h_c.sum()) + corner,
            household_imports(table, closure),
            closure.describe(),
        )


@dataclass(frozen=True)
class Caveat:
    """Why a result is illustrative: the ``role`` of the input that says so (``table``,
    ``taxes``, ``bridge``, ``regional data`` …) and that input's own words (its ``#
    ILLUSTRATIVE …`` line or metadata; "" when it is only flagged)."""

    role: str
    text: str = ""


def _import_rule(table: IOTable) -> str:
    if table.kind == "total":
        return table.import_rule  # proportional | all_uses (DESIGN.md §2)
    return "domestic table (imports given)"


@dataclass(frozen=True)
class RunInfo:
    """Everything a result needs to describe itself (see the module docstring).

    ``closure`` None is the open model (no induced effects, no Type II); ``illustrative``
    lists which inputs make the numbers illustrative and why (empty: real data);
    ``seed`` None and ``draws`` 0 mean point estimates only.
    """

    table: str
    table_checksum: str
    unit: str
    sectors: int
    import_rule: str
    closure: ClosureInfo | None = None
    illustrative: tuple[Caveat, ...] = ()
    inputs: tuple[InputFile, ...] = ()
    seed: int | None = None
    draws: int = 0
    command: str = ""
    version: str = __version__
    noise_rtol: float = NOISE_RTOL

    @property
    def is_illustrative(self) -> bool:
        """Whether any input is illustrative."""
        return bool(self.illustrative)

    def with_inputs(self, files: Iterable[InputFile]) -> RunInfo:
        """With more inputs; an illustrative input makes the result illustrative."""
        new = [f for f in files if f not in self.inputs]
        reasons = [
            *self.illustrative,
            *(Caveat(f.role, f.illustrative) for f in new if f.illustrative),
        ]
        return dataclasses.replace(
            self, inputs=(*self.inputs, *new), illustrative=tuple(dict.fromkeys(reasons))
        )

    def with_command(self, command: str) -> RunInfo:
        """With the command line that made the result."""
        return dataclasses.replace(self, command=command)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the ``meta`` of JSON documents and data packages)."""
        d = dataclasses.asdict(self)
        d["closure"] = (
            "open model (no Type II closure, no induced effects)"
            if self.closure is None
            else {**dataclasses.asdict(self.closure), "text": str(self.closure.text)}
        )
        d["illustrative"] = [dataclasses.asdict(c) for c in self.illustrative]
        d["inputs"] = [dataclasses.asdict(f) for f in self.inputs]
        return d

    def summary(self) -> str:
        """One English line for a sheet's header or a file's caption: the illustrative
        mark, the closure, the import rule."""
        closure = (
            "open model"
            if self.closure is None
            else f"Type II closure on {self.closure.income.replace('_', ' ')}, household "
            f"column per unit of {self.closure.column}, propensity to consume "
            f"{self.closure.propensity:.3f}"
        )
        mark = "ILLUSTRATIVE, not official statistics; " if self.illustrative else ""
        return f"{mark}{closure}; import rule {self.import_rule}"


def run_info(
    table: IOTable,
    closure: Closure | None = None,
    *,
    inputs: Iterable[InputFile] = (),
    seed: int | None = None,
    draws: int = 0,
    command: str = "",
) -> RunInfo:
    """The :class:`RunInfo` of a run on ``table`` with ``closure`` as resolved (``None``:
    the open model); the table's own illustrative reason comes first."""
    m = table.meta
    info = RunInfo(
        table=m.title or "untitled table",
        table_checksum=table.checksum,
        unit=m.unit,
        sectors=table.n,
        import_rule=_import_rule(table),
        closure=None if closure is None else ClosureInfo.of(table, closure),
        illustrative=(Caveat("table", m.illustrative_reason),) if m.illustrative else (),
        seed=seed,
        draws=draws,
        command=command,
    )
    return info.with_inputs(inputs)
