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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from iocluster.core.budget import check_toml_document, check_toml_file
from iocluster.core.messages import Message
from iocluster.errors import InputError, Location, Text
from iocluster.io.cells import cell_text, did_you_mean
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


def _number(v: object, where: str | Text, col: str) -> float:
    at = Message("io.tax.column", where=where, column=col)
    if v is None or (isinstance(v, str) and not v.strip()):
        return math.nan
    if isinstance(v, bool):
        raise InputError(Message("io.tax.not_number", where=at, value=repr(v)))
    try:
        f = float(str(v).strip().replace(",", ".")) if isinstance(v, str) else float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InputError(Message("io.tax.not_number", where=at, value=repr(v))) from None
    if not math.isfinite(f):
        raise InputError(Message("io.tax.not_finite", where=at, value=repr(v)))
    return check_value(f, at)


def _choice(v: object, allowed: tuple[str, ...], default: str, where: str | Text, col: str) -> str:
    s = cell_text(v).strip().lower() if v is not None else ""
    if not s:
        return default
    if s not in allowed:
        raise InputError(
            Message(
                "io.tax.not_one_of",
                where=Message("io.tax.column", where=where, column=col),
                value=s,
                allowed=list(allowed),
                hint=did_you_mean(s, allowed),
            )
        )
    return s


def tax_records(
    rows: list[Mapping[str, object]], wheres: Sequence[str | Text]
) -> tuple[TaxRecord, ...]:
    """Check rows (column name → cell) and make records; ``wheres`` locate each row.
    The same sector and instrument twice is an error naming both rows (a later row for
    some of the sectors of an earlier one, ``C13`` after ``*``, overrides it)."""
    out = []
    first: dict[tuple[str, str], str | Text] = {}
    for row, where in zip(rows, wheres, strict=True):
        for col in row:
            if col not in _COLUMNS:
                raise InputError(
                    Message(
                        "io.tax.unknown_column",
                        where=where,
                        column=str(col),
                        hint=did_you_mean(str(col), _COLUMNS),
                        expected=list(_COLUMNS),
                    )
                )
        sector = cell_text(row.get("sector")).strip()
        instrument = cell_text(row.get("instrument")).strip()
        if not sector:
            raise InputError(
                Message(
                    "io.tax.sector_required",
                    where=Message("io.tax.column", where=where, column="sector"),
                )
            )
        if not instrument:
            raise InputError(
                Message(
                    "io.tax.instrument_required",
                    where=Message("io.tax.column", where=where, column="instrument"),
                    example="land_tax",
                )
            )
        key = (sector.casefold(), instrument.casefold())
        if key in first:
            raise InputError(
                Message(
                    "io.tax.twice",
                    where=where,
                    sector=sector,
                    instrument=instrument,
                    first=first[key],
                )
            )
        first[key] = where
        rate = _number(row.get("rate"), where, "rate")
        amount = _number(row.get("amount"), where, "amount")
        if math.isnan(rate) == math.isnan(amount):
            raise InputError(
                Message("io.tax.rate_or_amount", where=where, rate="rate", amount="amount")
            )
        if not math.isnan(rate) and not 0.0 <= rate < 10.0:
            raise InputError(
                Message(
                    "io.tax.rate_range",
                    where=Message("io.tax.column", where=where, column="rate"),
                    rate=rate,
                    subsidy="kind = subsidy",
                )
            )
        if not math.isnan(amount) and amount < 0:
            raise InputError(
                Message(
                    "io.tax.amount_negative",
                    where=Message("io.tax.column", where=where, column="amount"),
                    amount=amount,
                    subsidy="kind = subsidy",
                )
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
                where=str(where),
            )
        )
    if not out:
        raise InputError(Message("io.tax.no_rows"))
    return tuple(out)


def _read_toml(p: Path) -> tuple[TaxRecord, ...]:
    check_toml_file(p)
    try:
        doc = tomllib.loads(p.read_text(encoding="utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(Message("io.toml.invalid", detail=str(exc)), Location(file=p)) from exc
    check_toml_document(doc, p)
    rows = doc.get("tax")
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise InputError(Message("io.tax.no_tables", table="[[tax]]"), Location(p))
    wheres = [
        Message("io.tax.where_toml", source=p.name, table="[[tax]]", k=k)
        for k in range(1, len(rows) + 1)
    ]
    return tax_records(rows, wheres)


def read_tax_file(path: str | Path, sheet: str | int | None = None) -> tuple[TaxRecord, ...]:
    """Read a tax file (``.csv``, ``.xlsx`` or ``.toml``; see the module docstring)."""
    p = Path(path)
    if not p.is_file():
        raise InputError(Message("io.tax.not_found", path=str(p)))
    if p.suffix.lower() == ".toml":
        return _read_toml(p)
    df = read_frame(p, sheet)
    df.columns = [str(c).strip().lower() for c in df.columns]
    if "sector" not in df.columns or "instrument" not in df.columns:
        raise InputError(
            Message(
                "io.tax.header",
                columns="sector, instrument, base",
                rate="rate",
                amount="amount",
                more="kind, source",
                found=[str(c) for c in df.columns],
            ),
            Location(
                file=p,
                sheet=None if sheet is None else str(sheet),
                cell=Message("io.where.row", row="1"),
            ),
        )
    rows = [{k: v for k, v in r.items() if v is not None} for r in df.to_dict("records")]
    wheres: list[str | Text] = [
        Message("io.tax.where_row", source=p.name, row=str(i))
        if sheet is None
        else Message("io.tax.where_sheet_row", source=p.name, sheet=str(sheet), row=str(i))
        for i in df.index
    ]
    return tax_records(rows, wheres)  # type: ignore[arg-type]
