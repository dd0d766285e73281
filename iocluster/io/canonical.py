"""The canonical layout, shared by the workbook (one sheet per block) and the CSV folder
(one file per block): an :class:`~iocluster.table.IOTable` as named rectangular blocks.

Every per-sector block has a header row (``code`` then column names) and one row per
sector, labelled by its code, in any order. Primary inputs and satellite rows are stored
transposed (one column per row of ``V`` or ``F``), so that every block reads the same
way; this is also the layout of the published 2022 Uzbekistan CSV files.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, overload

import numpy as np

from iocluster.table import FD_ROLES, VA_ROLES, IOTable, TableMeta, assumption_from

__all__ = [
    "ACCOUNTS",
    "BLOCKS",
    "META_KEYS",
    "README",
    "BlockRows",
    "meta_from_dict",
    "meta_to_dict",
    "table_blocks",
]

#: Per-sector blocks in write order (sheet names / CSV file stems).
BLOCKS = (
    "sectors",
    "intermediate_use",
    "final_demand",
    "value_added",
    "supply",
    "satellites",
    "import_use",
    "import_final_demand",
)
ACCOUNTS = "accounts"
META_KEYS = (
    "title", "year", "region", "currency", "scale", "source", "notes", "illustrative",
    "illustrative_reason", "assumptions", "kind", "import_rule",
)  # fmt: skip
_RESERVED = {"code", "name", "label"}

README = f"""\
iocluster canonical input-output table

One sheet per block (in a CSV folder: one file per block, NAME.csv, and metadata.json).
Every per-sector sheet has a header row ('code' then one column name per column) and one
row per sector, labelled by its code. Rows may come in any order; codes are matched after
normalisation (spaces and line breaks collapsed, Cyrillic look-alike letters in codes
such as А, В, С, Е, Н, К, М, О, Р, Т, Х read as Latin). Numbers are plain numbers: no
formulas without cached values, no text; empty cells are errors (write 0).

Sheets
  metadata          key | value rows: title, year, region, currency (e.g. UZS), scale
                    (e.g. million), source, notes, illustrative (TRUE/FALSE),
                    illustrative_reason (why the numbers are not real), assumption
                    (one row each; an assumption iocluster stated has its keyed
                    message as JSON in a third column, message, so reports write it in
                    any language), kind (domestic | total), import_rule
                    (proportional | all_uses). In a CSV folder: metadata.json.
  sectors           code | name | label | any further columns are sector tags (e.g.
                    cluster). name: display name; label: the code as published.
  accounts          block | name | role | unit: the role of every column of
                    final_demand, value_added and satellites. Optional: without it roles
                    are recognised from the column names (English, Russian, Uzbek).
  intermediate_use  Z: rows = supplying product, columns = using sector (codes).
                    Total use (domestic + imported) when kind = total.
  final_demand      Y: one column per final-demand category.
  value_added       V transposed: one column per primary-input row. A gross value added
                    column is a total: checked against its components and dropped; any
                    part of GVA not in the components is kept as a row of role other.
  supply            output (x) | imports (m, by product; required when kind = total) |
                    total_resources (optional check: output + imports).
  satellites        F transposed: one column per satellite row (e.g. employment_total),
                    units in accounts (employment.csv is read as satellites too).
  import_use        Zm (optional): imported intermediate use of a domestic table.
  import_final_demand  Ym (optional): imported final use of a domestic table.

Roles
  final_demand: {", ".join(FD_ROLES)}
  value_added:  {", ".join(VA_ROLES)}
  satellites:   any name; unit e.g. persons

Identities: rows Z1 + Y1 = x (+ m when kind = total); columns x = 1'Z + 1'V.
"""


def meta_to_dict(table: IOTable) -> dict[str, Any]:
    """Metadata plus table kind and import rule, as a JSON-ready dict."""
    d = table.meta.to_dict()
    d["kind"] = table.kind
    d["import_rule"] = table.import_rule
    return d


def meta_from_dict(d: dict[str, Any]) -> tuple[TableMeta, dict[str, str]]:
    """:class:`TableMeta` and the extra keys (``kind``, ``import_rule``) from a dict."""
    from iocluster.core.messages import Message
    from iocluster.errors import InputError

    unknown = set(d) - set(META_KEYS)
    if unknown:
        raise InputError(
            Message("io.meta.unknown_key", key=sorted(unknown)[0], keys=list(META_KEYS))
        )
    year = d.get("year")
    if year in (None, ""):
        year = None
    else:
        try:
            year = int(year)
        except (TypeError, ValueError):
            raise InputError(Message("io.meta.year", field="year", value=repr(year))) from None
    ill = d.get("illustrative", False)
    if isinstance(ill, str):
        ill = ill.strip().lower() in ("true", "1", "yes")
    assumptions = d.get("assumptions") or ()
    if isinstance(assumptions, str):
        assumptions = (assumptions,)
    meta = TableMeta(
        **{
            k: "" if d.get(k) is None else str(d[k])
            for k in (
                "title",
                "region",
                "currency",
                "scale",
                "source",
                "notes",
                "illustrative_reason",
            )
        },
        year=year,
        illustrative=bool(ill),
        assumptions=tuple(assumption_from(a) for a in assumptions),
    )
    extra = {k: str(d[k]) for k in ("kind", "import_rule") if d.get(k) not in (None, "")}
    return meta, extra


class BlockRows(Sequence[list[Any]]):
    """A per-sector block as rows: the header (``code`` and the column names), then one
    row per sector, ``[code, *values]``, made from the array when asked for, so a writer
    holds one row of Python floats at a time, not the whole block (``4 n²`` floats' worth
    of objects for ``Z``)."""

    def __init__(self, codes: Sequence[str], columns: Sequence[str], values: Any) -> None:
        self.codes = list(codes)
        self.header: list[Any] = ["code", *columns]
        self.values = np.asarray(values, dtype=np.float64).reshape(len(self.codes), len(columns))

    @property
    def width(self) -> int:
        """Cells per row (the code and the values)."""
        return len(self.header)

    def __len__(self) -> int:
        return len(self.codes) + 1

    @overload
    def __getitem__(self, i: int) -> list[Any]: ...
    @overload
    def __getitem__(self, i: slice) -> list[list[Any]]: ...
    def __getitem__(self, i: int | slice) -> list[Any] | list[list[Any]]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        k = i + len(self) if i < 0 else i
        if not 0 <= k < len(self):
            raise IndexError(i)
        return self.header if k == 0 else [self.codes[k - 1], *self.values[k - 1].tolist()]

    def __iter__(self) -> Iterator[list[Any]]:
        yield self.header
        for code, row in zip(self.codes, self.values, strict=True):
            yield [code, *row.tolist()]


def _per_sector(table: IOTable, columns: list[str], block: Any) -> BlockRows:
    """Header plus one row per sector of the (n × k) array ``block``."""
    return BlockRows(table.codes, columns, block)


def table_blocks(table: IOTable) -> dict[str, Sequence[list[Any]]]:
    """The table as named blocks of rows (header first), in the canonical layout; the
    per-sector blocks are :class:`BlockRows`, made row by row as they are written."""
    from iocluster.core.messages import Message
    from iocluster.errors import InputError

    clash = _RESERVED & set(table.tags)
    if clash:
        raise InputError(Message("io.canon.reserved_tag", name=sorted(clash)[0]))
    sectors: list[list[Any]] = [["code", "name", "label", *table.tags]]
    for i, code in enumerate(table.codes):
        sectors.append(
            [code, table.names[i], table.labels[i], *(v[i] for v in table.tags.values())]
        )
    codes = list(table.codes)
    out: dict[str, Sequence[list[Any]]] = {"sectors": sectors}
    out["intermediate_use"] = _per_sector(table, codes, table.Z)
    out["final_demand"] = _per_sector(table, list(table.fd_names), table.Y)
    out["value_added"] = _per_sector(table, list(table.va_names), table.V.T)
    supply = [table.x] if table.m is None else [table.x, table.m]
    out["supply"] = _per_sector(table, ["output", "imports"][: len(supply)], np.stack(supply, 1))
    if table.satellite_names:
        out["satellites"] = _per_sector(table, list(table.satellite_names), table.F.T)
    if table.Zm is not None:
        out["import_use"] = _per_sector(table, codes, table.Zm)
    if table.Ym is not None:
        out["import_final_demand"] = _per_sector(table, list(table.fd_names), table.Ym)
    acc: list[list[Any]] = [["block", "name", "role", "unit"]]
    acc += [["final_demand", n, r, ""] for n, r in zip(table.fd_names, table.fd_roles, strict=True)]
    acc += [["value_added", n, r, ""] for n, r in zip(table.va_names, table.va_roles, strict=True)]
    acc += [
        ["satellites", n, "satellite", u]
        for n, u in zip(table.satellite_names, table.satellite_units, strict=True)
    ]
    out[ACCOUNTS] = acc
    return out
