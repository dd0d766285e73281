"""Small helpers shared by the format readers: read a sheet or CSV as text cells."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from iocluster.errors import Location, TableFormatError
from iocluster.labels import normalize_text

__all__ = ["read_grid", "to_number", "txt"]


def read_grid(path: Path, sheet: str | int | None = None) -> pd.DataFrame:
    """The whole sheet (or CSV) as a frame of stripped strings, no header."""
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        try:
            df = pd.read_excel(
                path, sheet_name=0 if sheet is None else sheet, header=None, dtype=object
            )
        except ValueError as exc:
            raise TableFormatError(str(exc), Location(file=path, sheet=str(sheet))) from exc
    else:
        df = pd.read_csv(path, header=None, dtype=object, keep_default_na=False)
    return df.map(
        lambda v: "" if v is None or (isinstance(v, float) and np.isnan(v)) else normalize_text(v)
    )


def to_number(text: str, loc: Location) -> float:
    """A cell as a float: blanks and ``...``/``(D)`` (suppressed) are 0."""
    t = text.replace(",", "").strip()
    if t in ("", "...", "…", "(D)", "-", "—"):
        return 0.0
    try:
        return float(t)
    except ValueError:
        raise TableFormatError(f"expected a number, found '{text}'", loc) from None


def txt(grid: pd.DataFrame, r: int, c: int) -> str:
    """The text of one cell of a :func:`read_grid` frame."""
    return str(grid.iat[r, c])
