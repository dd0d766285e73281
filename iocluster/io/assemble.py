"""Build an :class:`IOTable` from the canonical blocks (workbook sheets or CSV files).

Shared by the workbook and the CSV-folder readers, so both read the same layout the same
way. Every error names the file, sheet and cell.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from iocluster.core.labels import normalize_label, normalize_text
from iocluster.core.messages import Message
from iocluster.errors import Location, TableFormatError
from iocluster.io.canonical import ACCOUNTS, meta_from_dict
from iocluster.io.cells import Grid
from iocluster.io.checks import check_total, fd_role, with_gva
from iocluster.io.roles import Role, lookup, mapping_role
from iocluster.table import IOTable

__all__ = ["assemble"]


def _header(grid: Grid) -> list[tuple[int, str]]:
    """(column, name) of the header row's named columns after the code column."""
    out = []
    for c in range(1, grid.ncols):
        name = normalize_text(grid.text(0, c))
        if name:
            out.append((c, name))
        elif any(not grid.is_blank(r, c) for r in range(1, grid.nrows)):
            raise grid.error(0, c, Message("io.canon.header_empty"))
    return out


def _sector_rows(grid: Grid, index: Mapping[str, int]) -> list[int]:
    """Grid row of each sector (in table order); errors name unknown or missing codes."""
    pos: dict[int, int] = {}
    for r in range(1, grid.nrows):
        raw = grid.text(r, 0)
        if not normalize_text(raw):
            if any(not grid.is_blank(r, c) for c in range(grid.ncols)):
                raise grid.error(r, 0, Message("io.canon.code_empty"))
            continue
        key = normalize_label(raw)
        if key not in index:
            from iocluster.io.cells import did_you_mean

            hint = did_you_mean(key, list(index))
            raise grid.error(r, 0, Message("io.canon.unknown_code", sector=raw, hint=hint))
        if index[key] in pos:
            raise grid.error(r, 0, Message("io.canon.duplicate_row", sector=key))
        pos[index[key]] = r
    codes = list(index)
    for i, code in enumerate(codes):
        if i not in pos:
            raise TableFormatError(
                Message("io.canon.missing_row", sector=code), Location(grid.file, grid.sheet)
            )
    return [pos[i] for i in range(len(codes))]


def _values(grid: Grid, rows: list[int], cols: list[int]) -> np.ndarray:
    return grid.numbers(rows, cols)


def _block(grid: Grid, index: Mapping[str, int]) -> tuple[list[tuple[int, str]], np.ndarray]:
    """The header's (column, name) pairs and the values of the sector rows under them."""
    header = _header(grid)
    return header, _values(grid, _sector_rows(grid, index), [c for c, _ in header])


def _square(grid: Grid, index: Mapping[str, int]) -> np.ndarray:
    header, vals = _block(grid, index)
    order: list[int] = []
    for c, name in header:
        key = normalize_label(name)
        if key not in index:
            raise grid.error(0, c, Message("io.canon.column_not_code", name=name))
        if index[key] in order:
            raise grid.error(0, c, Message("io.canon.duplicate_column", sector=key))
        order.append(index[key])
    if len(order) != len(index):
        missing = next(k for k, i in index.items() if i not in order)
        raise TableFormatError(
            Message(
                "io.canon.missing_column", sector=missing, expected=len(index), found=len(order)
            ),
            Location(grid.file, grid.sheet),
        )
    if order == list(range(len(order))):  # columns in table order: no copy
        return vals
    out = np.empty_like(vals)
    out[:, order] = vals
    return out


def _sectors(grids: Mapping[str, Grid]) -> tuple[list[str], list[str], list[str], dict]:
    if "sectors" in grids:
        g = grids["sectors"]
        head = {normalize_text(g.text(0, c)).lower(): c for c in range(g.ncols)}
        if "code" not in head:
            raise g.error(0, 0, Message("io.canon.no_code_column", column="code"))
        rows = [r for r in range(1, g.nrows) if normalize_text(g.text(r, head["code"]))]
        raw = [g.text(r, head["code"]) for r in rows]
        names = [g.text(r, head["name"]) if "name" in head else "" for r in rows]
        lab = head.get("label")
        labels = [g.text(r, lab) if lab is not None else c for r, c in zip(rows, raw, strict=True)]
        tags = {
            normalize_text(g.text(0, c)): [g.text(r, c) for r in rows]
            for c in range(g.ncols)
            if c not in (head.get("code"), head.get("name"), head.get("label"))
            and normalize_text(g.text(0, c))
        }
        codes = [normalize_label(c) for c in raw]
        if "name" not in head:
            names = codes
        return codes, names, labels, tags
    g = grids["intermediate_use"]
    raw = [g.text(r, 0) for r in range(1, g.nrows) if normalize_text(g.text(r, 0))]
    codes = [normalize_label(c) for c in raw]
    return codes, codes, raw, {}


def _accounts(grid: Grid | None) -> dict[tuple[str, str], tuple[int, str, str]]:
    out: dict[tuple[str, str], tuple[int, str, str]] = {}
    if grid is None:
        return out
    for r in range(1, grid.nrows):
        block, name = normalize_text(grid.text(r, 0)), normalize_text(grid.text(r, 1))
        if block or name:
            out[(block, name)] = (
                r,
                normalize_text(grid.text(r, 2)),
                normalize_text(grid.text(r, 3)),
            )
    return out


def _role(
    acc: Mapping[tuple[str, str], tuple[int, str, str]],
    grid: Grid,
    block: str,
    col: int,
    name: str,
    axis: str,
    mapping: Mapping[str, str] | None,
) -> Role | None:
    if (block, name) in acc:
        r, role, unit = acc[(block, name)]
        if block == "satellites":
            return Role("sat", "", unit)
        try:
            return mapping_role(role, axis=axis)
        except ValueError as exc:
            raise TableFormatError(
                getattr(exc, "message", str(exc)),
                Location(grid.file, ACCOUNTS, Message("io.where.row", row=str(r + 1))),
            ) from None
    return lookup(name, mapping, axis=axis)


def _sector_index(grids: Mapping[str, Grid], codes: list[str]) -> dict[str, int]:
    index = {c: i for i, c in enumerate(codes)}
    if len(index) != len(codes):
        dup = next(c for c in codes if codes.count(c) > 1)
        block = "sectors" if "sectors" in grids else "intermediate_use"
        src = grids[block]
        raise TableFormatError(
            Message("io.canon.duplicate_code", sector=dup, block=block),
            Location(src.file, src.sheet),
        )
    return index


def _final_demand(
    g: Grid | None, index: Mapping[str, int], acc: Any, mapping: Mapping[str, str] | None,
    Z: np.ndarray, codes: list[str],
) -> tuple[np.ndarray, list[str], list[str]]:  # fmt: skip
    """``Y`` with its category names and roles; totals columns are checked, not kept."""
    if g is None:
        return np.zeros((len(codes), 0)), [], []
    header, vals = _block(g, index)
    keep, totals, names, roles = [], [], [], []
    for j, (c, name) in enumerate(header):
        role = _role(acc, g, "final_demand", c, name, "column", mapping)
        if role is not None and role.kind == "total":
            totals.append((name, vals[:, j]))
        elif role is None or role.kind == "fd":
            keep.append(j)
            names.append(name)
            roles.append(fd_role(role) if role else "other")
        elif role.kind != "ignore":
            raise g.error(
                0, c, Message("io.canon.not_fd", name=name, kind=role.kind, block=ACCOUNTS)
            )
    Y = vals[:, keep]
    for name, t in totals:
        parts = {
            Message("io.part.sum_fd"): Y.sum(1),
            Message("io.part.total_use"): Z.sum(1) + Y.sum(1),
        }
        check_total(Message("io.total.fd", name=name), t, parts, codes)
    return Y, names, roles


def _value_added(
    g: Grid | None, index: Mapping[str, int], acc: Any, mapping: Mapping[str, str] | None
) -> tuple[list[tuple[str, Role, np.ndarray]], list[tuple[str, np.ndarray]]]:
    """The primary-input rows (gross value added taken in: :func:`with_gva`) and the
    totals rows to check."""
    va: list[tuple[str, Role, np.ndarray]] = []
    gva: list[np.ndarray] = []
    totals: list[tuple[str, np.ndarray]] = []
    if g is None:
        return va, totals
    header, vals = _block(g, index)
    for j, (c, name) in enumerate(header):
        role = _role(acc, g, "value_added", c, name, "row", mapping) or Role("va", "other")
        if role.kind in ("va", "imports"):
            va.append((name, Role("va", role.role), vals[:, j]))
        elif role.kind == "gva":
            if ("value_added", name) in acc:
                va.append((name, Role("va", "value_added"), vals[:, j]))
            else:
                gva.append(vals[:, j])
        elif role.kind in ("total", "output"):
            totals.append((name, vals[:, j]))
        elif role.kind != "ignore":
            raise g.error(
                0, c, Message("io.canon.not_va", name=name, kind=role.kind, block=ACCOUNTS)
            )
    return with_gva(va, gva, "gross_value_added"), totals


def _satellites(
    grids: Mapping[str, Grid], index: Mapping[str, int], acc: Any,
    mapping: Mapping[str, str] | None,
) -> tuple[np.ndarray, list[str], list[str]]:  # fmt: skip
    """Satellite rows (the ``satellites`` and ``employment`` blocks) with their units."""
    names: list[str] = []
    units: list[str] = []
    rows: list[np.ndarray] = []
    for block in ("satellites", "employment"):
        if block not in grids:
            continue
        g = grids[block]
        header, vals = _block(g, index)
        for j, (c, name) in enumerate(header):
            role = _role(acc, g, "satellites", c, name, "row", mapping)
            names.append(name)
            units.append(role.unit if role is not None else "")
            rows.append(vals[:, j])
    return np.array(rows).reshape(len(rows), len(index)), names, units


def _import_use(
    grids: Mapping[str, Grid], index: Mapping[str, int], fd_names: list[str]
) -> tuple[np.ndarray | None, np.ndarray | None]:
    """The import-use blocks ``Zᵐ`` and ``Yᵐ`` of a domestic table, when given."""
    Zm = _square(grids["import_use"], index) if "import_use" in grids else None
    Ym = _block(grids["import_final_demand"], index)[1] if "import_final_demand" in grids else None
    if Ym is not None and Ym.shape[1] != len(fd_names):
        raise grids["import_final_demand"].error(
            0,
            0,
            Message(
                "io.canon.import_fd_columns",
                n=len(fd_names),
                names=list(fd_names) or Message("io.canon.no_fd_block"),
                found=int(Ym.shape[1]),
            ),
        )
    return Zm, Ym


def assemble(
    grids: Mapping[str, Grid],
    meta_dict: dict[str, Any],
    *,
    mapping: Mapping[str, str] | None = None,
) -> IOTable:
    """The table held by canonical blocks ``grids`` (keyed by block name): sectors, then
    ``Z``, final demand, primary inputs, supply, satellites and import use, each block
    read by its own step and the totals checked."""
    if "intermediate_use" not in grids:
        raise TableFormatError(Message("io.canon.no_z"))
    codes, names, labels, tags = _sectors(grids)
    index = _sector_index(grids, codes)
    n = len(codes)
    acc = _accounts(grids.get(ACCOUNTS))
    meta, extra = meta_from_dict(meta_dict)
    Z = _square(grids["intermediate_use"], index)
    Y, fd_names, fd_roles = _final_demand(grids.get("final_demand"), index, acc, mapping, Z, codes)
    va, va_totals = _value_added(grids.get("value_added"), index, acc, mapping)
    x, m = _supply(grids.get("supply"), index, Z, Y, codes)
    kind = extra.get("kind") or ("total" if m is not None and np.any(m != 0) else "domestic")
    if kind == "total" and m is None:
        raise TableFormatError(Message("io.canon.total_needs_imports", block="supply"))
    V = np.array([v for _, _, v in va]).reshape(len(va), n)
    parts = {
        Message("io.part.sum_primary"): V.sum(0),
        Message("io.part.total_inputs"): Z.sum(0) + V.sum(0),
    }
    if x is not None:
        parts[Message("io.part.output")] = x
    for name, t in va_totals:
        check_total(Message("io.total.primary", name=name), t, parts, codes)
    F, sat_names, sat_units = _satellites(grids, index, acc, mapping)
    Zm, Ym = _import_use(grids, index, fd_names)
    return IOTable.from_arrays(
        Z=Z, Y=Y, V=V, codes=codes, names=names, labels=labels, x=x,
        fd_names=fd_names, fd_roles=fd_roles,
        va_names=[v[0] for v in va], va_roles=[v[1].role for v in va],
        F=F, satellite_names=sat_names, satellite_units=sat_units,
        kind=kind,  # type: ignore[arg-type]
        m=m, Zm=Zm, Ym=Ym, tags=tags, meta=meta,
        import_rule=extra.get("import_rule", "proportional"),  # type: ignore[arg-type]
    )  # fmt: skip


def _supply(
    grid: Grid | None, index: Mapping[str, int], Z: np.ndarray, Y: np.ndarray, codes: list[str]
) -> tuple[np.ndarray | None, np.ndarray | None]:
    if grid is None:
        return None, None
    header, vals = _block(grid, index)
    x = m = None
    totals = []
    for j, (c, name) in enumerate(header):
        role = lookup(name, None, axis="column")
        kind = role.kind if role else ""
        if kind == "output" and x is None:
            x = vals[:, j]
        elif kind == "imports" and m is None:
            m = vals[:, j]
        elif kind == "total":
            totals.append((name, vals[:, j]))
        else:
            raise grid.error(
                0,
                c,
                Message(
                    "io.canon.supply_column",
                    choices="output, imports",
                    last="total_resources",
                    name=name,
                ),
            )
    for name, t in totals:
        parts = {Message("io.part.row_sums"): Z.sum(1) + Y.sum(1)}
        if x is not None:
            parts[Message("io.part.output_plus_imports")] = x + (0 if m is None else m)
        check_total(Message("io.total.supply", name=name), t, parts, codes)
    return x, m
