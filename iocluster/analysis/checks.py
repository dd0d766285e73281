"""The outcome of one check of a table (what :func:`iocluster.analysis.validate.validate_table`
and the data-artefact checks of :mod:`iocluster.analysis.artefacts` return)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["Check", "Status"]

Status = Literal["PASS", "WARN", "FAIL"]


@dataclass(frozen=True)
class Check:
    """One check's outcome: ``status`` with a ``detail`` that names sectors and sizes."""

    name: str
    status: Status
    detail: str
    value: float = float("nan")
