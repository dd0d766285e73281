"""Read a tax file: the rates of tax and subsidy instruments by sector.

One row per sector and instrument (CSV, an Excel sheet, or ``[[tax]]`` tables in TOML)::

    sector,instrument,base,rate,amount,kind,source
    C13*,property_tax,output,0.012,,tax,"illustrative: 1.2 % of output"
    C14,land_tax,output,,52000,tax,"illustrative"
    *,vat,consumption,0.12,,tax,"Tax Code art. 258 (standard rate)"

- ``sector``: a code, a name, a code prefix (``C13*``), a cluster name or ``*`` (every
  sector); resolved against the table when the scenario runs.
- ``instrument``: a name (``property_tax``, ``land_tax``, ``vat``, ``export_subsidy`` …).
- ``base``: what the rate applies to, per sector: ``output`` (the default),
  ``value_added``, ``compensation``, ``operating_surplus`` or ``consumption`` (domestic
  final consumption of the product: households, government, NPISH; exports zero-rated).
- ``rate`` (a share of the base, 0.05 = 5 %) or ``amount`` (table units per year; the
  rate is then the amount over the baseline base): exactly one of the two.
- ``kind``: ``tax`` (the default) or ``subsidy`` (revenue counted negative).
- ``source``: where the rate comes from (shown in the report's assumptions).

Every error names the file, the row (or TOML table) and the column.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from iocluster.core.budget import check_toml_document, check_toml_file
from iocluster.errors import InputError, Location, close_matches
from iocluster.io.cells import cell_text
from iocluster.io.frames import read_frame
from iocluster.io.magnitude import check_value

__all__ = ["TAX_BASES", "TAX_KINDS", "TaxRecord", "read_tax_file", "tax_records"]

TAX_BASES = ("output", "value_added", "compensation", "operating_surplus", "consumption")
TAX_KINDS = ("tax", "subsidy")
_COLUMNS = ("sector", "instrument", "base", "rate", "amount", "kind", "source", "note")


@dataclass(frozen=True)
class TaxRecord:
    """One row of a tax file (``rate`` or ``amount`` is NaN when not given)."""

    sector: str
    instrument: str
    base: str = "output"
    rate: float = math.nan
    amount: float = math.nan
    kind: str = "tax"
    source: str = ""
    where: str = ""


def _number(v: object, where: str, col: str) -> float:
    if v is None or (isinstance(v, str) and not v.strip()):
        return math.nan
    if isinstance(v, bool):
        raise InputError(f"{where}, column '{col}': expected a number, got {v!r}")
    try:
        f = float(str(v).strip().replace(",", ".")) if isinstance(v, str) else float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InputError(f"{where}, column '{col}': expected a number, got {v!r}") from None
    if not math.isfinite(f):
        raise InputError(f"{where}, column '{col}': expected a finite number, got {v!r}")
    return check_value(f, f"{where}, column '{col}'")


def _choice(v: object, allowed: tuple[str, ...], default: str, where: str, col: str) -> str:
    s = cell_text(v).strip().lower() if v is not None else ""
    if not s:
        return default
    if s not in allowed:
        raise InputError(
            f"{where}, column '{col}': '{s}' is not one of {', '.join(allowed)}"
            f"{close_matches(s, allowed)}"
        )
    return s


def tax_records(rows: list[Mapping[str, object]], wheres: list[str]) -> tuple[TaxRecord, ...]:
    """Check rows (column name → cell) and make records; ``wheres`` locate each row.
    The same sector and instrument twice is an error naming both rows (a later row for
    some of the sectors of an earlier one, ``C13`` after ``*``, overrides it)."""
    out = []
    first: dict[tuple[str, str], str] = {}
    for row, where in zip(rows, wheres, strict=True):
        for col in row:
            if col not in _COLUMNS:
                raise InputError(
                    f"{where}: unknown column '{col}'{close_matches(str(col), _COLUMNS)}; "
                    f"expected {', '.join(_COLUMNS)}"
                )
        sector = cell_text(row.get("sector")).strip()
        instrument = cell_text(row.get("instrument")).strip()
        if not sector:
            raise InputError(f"{where}, column 'sector': required, a code, prefix or '*'")
        if not instrument:
            raise InputError(f"{where}, column 'instrument': required, a name such as 'land_tax'")
        key = (sector.casefold(), instrument.casefold())
        if key in first:
            raise InputError(
                f"{where}: sector '{sector}', instrument '{instrument}' is given twice "
                f"({first[key]} and here); give each sector and instrument once"
            )
        first[key] = where
        rate = _number(row.get("rate"), where, "rate")
        amount = _number(row.get("amount"), where, "amount")
        if math.isnan(rate) == math.isnan(amount):
            raise InputError(f"{where}: give exactly one of 'rate' (a share) and 'amount'")
        if not math.isnan(rate) and not 0.0 <= rate < 10.0:
            raise InputError(
                f"{where}, column 'rate': {rate:g} is not a share of the base in [0, 10) "
                "(write 5 % as 0.05; a subsidy is kind = subsidy with a positive rate)"
            )
        if not math.isnan(amount) and amount < 0:
            raise InputError(
                f"{where}, column 'amount': {amount:g} is negative (a subsidy is kind = "
                "subsidy with a positive amount)"
            )
        out.append(
            TaxRecord(
                sector=sector,
                instrument=instrument,
                base=_choice(row.get("base"), TAX_BASES, "output", where, "base"),
                rate=rate,
                amount=amount,
                kind=_choice(row.get("kind"), TAX_KINDS, "tax", where, "kind"),
                source=cell_text(row.get("source") or row.get("note") or "").strip(),
                where=where,
            )
        )
    if not out:
        raise InputError("the tax file has no rows")
    return tuple(out)


def _read_toml(p: Path) -> tuple[TaxRecord, ...]:
    check_toml_file(p)
    try:
        doc = tomllib.loads(p.read_text(encoding="utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"not valid TOML: {exc}", Location(file=p)) from exc
    check_toml_document(doc, p)
    rows = doc.get("tax")
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise InputError("expected [[tax]] tables, one per sector and instrument", Location(p))
    return tax_records(rows, [f"{p.name}, [[tax]] {k}" for k in range(1, len(rows) + 1)])


def read_tax_file(path: str | Path, sheet: str | int | None = None) -> tuple[TaxRecord, ...]:
    """Read a tax file (``.csv``, ``.xlsx`` or ``.toml``; see the module docstring)."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"tax file '{p}' not found")
    if p.suffix.lower() == ".toml":
        return _read_toml(p)
    df = read_frame(p, sheet)
    df.columns = [str(c).strip().lower() for c in df.columns]
    if "sector" not in df.columns or "instrument" not in df.columns:
        raise InputError(
            "expected a header row with columns sector, instrument, base, rate or amount, "
            f"kind, source; found {', '.join(map(str, df.columns))}",
            Location(file=p, sheet=None if sheet is None else str(sheet), cell="row 1"),
        )
    sh = f", sheet '{sheet}'" if sheet is not None else ""
    rows = [{k: v for k, v in r.items() if v is not None} for r in df.to_dict("records")]
    return tax_records(rows, [f"{p.name}{sh}, row {i}" for i in df.index])  # type: ignore[arg-type]
