"""Regional employment (or output) by sector: reading and validation against a table.

One sheet or CSV file holds one or many regions, in either layout:

- wide: a code column (``code``, or the first column), optionally a ``name`` column,
  then one numeric column per region;
- long: columns ``region``, ``code`` and a value column (``employment``, ``output``,
  ``value`` or ``persons``).

Headers may be in English, Russian or Uzbek (``region`` / ``регион``, ``область`` /
``viloyat``, ``hudud``; ``code`` / ``код`` / ``kod``); title rows above the header whose
first cell starts with ``#`` are skipped (the illustrative file says so there).

Regional statistics are published by economic activity (NACE sections or divisions),
not by the table's products: with a ``concordance`` (products → sections, as
:func:`iocluster.io.concordance.read_concordance` reads it) the file's codes are
sections, and each section's value is split over its products by the national
structure (the table's employment, or output, of each product within the section).

Sector codes are matched to the table's codes after label normalisation
(:func:`iocluster.core.labels.normalize_label`); a code also matches a table code that
starts with it and a note (``C10.8`` matches ``C10.8 (без 10.81)``) when that is
unambiguous. Sectors absent from the file count as zero. Total rows and columns
(``total``, ``итого``, ``всего``, ``jami``) are dropped.

Every problem raises :class:`~iocluster.errors.RegionalDataError` naming the file, the
region and the sector: an unknown sector (with a close match), a negative or missing
value, a region whose total is not positive, a region with more of a sector than the
nation.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from iocluster.core.engine import frozen_array
from iocluster.core.labels import normalize_label, normalize_text
from iocluster.core.messages import Message
from iocluster.errors import InputError, RegionalDataError, TableFormatError, Text
from iocluster.io.cells import did_you_mean, parse_number
from iocluster.io.frames import WORKBOOK_SUFFIXES, read_frame
from iocluster.io.illustrative import file_reason
from iocluster.operations.aggregate import Concordance
from iocluster.regional.data import TOLERANCE, Measure, RegionalData, national_reference
from iocluster.regional.interregional.regions import Region, Regions, region_keys
from iocluster.table import IOTable

__all__ = [
    "default_regions_file",
    "read_region_values",
    "read_regional_data",
    "read_regions",
    "regional_data_from_frame",
]

_TOTALS = {"total", "totals", "итого", "всего", "jami", "national", "all regions"}
_VALUE_COLS = (
    "employment",
    "output",
    "value",
    "persons",
    "занятость",
    "bandlik",
    "численность",
    "выпуск",
    "ishlab chiqarish",
)
#: Header words for the region and code columns of the long layout (en, ru, uz).
_REGION_COLS = ("region", "регион", "область", "viloyat", "hudud", "region_key")
_CODE_COLS = ("code", "код", "kod")


def _strip_titles(df: pd.DataFrame, source: str) -> pd.DataFrame:
    """Drop title rows above the header (first cell starting with ``#``)."""
    first = str(df.columns[0]).strip()
    if not first.startswith("#"):
        return df
    for k in range(len(df)):
        cell = df.iloc[k, 0]
        if cell is not None and str(cell).strip() and not str(cell).strip().startswith("#"):
            body = df.iloc[k + 1 :].copy()
            body.columns = [normalize_text("" if v is None else v) for v in df.iloc[k].tolist()]
            body = body.loc[:, [c != "" for c in body.columns]]
            return body
    raise RegionalDataError(Message("io.regional.only_titles", source=source))


def _measure(measure: str) -> Message | str:
    """A regional measure as a message names it (``employment``, ``output``)."""
    if measure == "employment":
        return Message("io.regional.measure_employment")
    if measure == "output":
        return Message("io.regional.measure_output")
    return measure


def _canonical_headers(df: pd.DataFrame) -> pd.DataFrame:
    """Rename ru/uz region and code headers to ``region`` and ``code``."""
    ren: dict[object, str] = {}
    for c in df.columns:
        low = normalize_text(c).lower()
        if low in _REGION_COLS and "region" not in ren.values():
            ren[c] = "region"
        elif low in _CODE_COLS and "code" not in ren.values():
            ren[c] = "code"
    return df.rename(columns=ren)


def _code_index(codes: tuple[str, ...]) -> dict[str, int]:
    index = {c.lower(): i for i, c in enumerate(codes)}
    heads: dict[str, list[int]] = {}
    for i, c in enumerate(codes):
        m = re.match(r"^[^\s(]+", c)
        if m and m.group(0) != c:
            heads.setdefault(m.group(0).lower(), []).append(i)
    for h, pos in heads.items():
        if len(pos) == 1 and h not in index:
            index[h] = pos[0]
    return index


def _to_number(value: object, where: Text) -> float:
    if isinstance(value, float) and np.isnan(value):
        return 0.0
    try:
        return parse_number(value, blank=0.0)
    except ValueError:
        raise RegionalDataError(
            Message("io.regional.not_number", where=where, value=str(value))
        ) from None


def _long_to_wide(df: pd.DataFrame, source: str) -> pd.DataFrame:
    cols = {normalize_text(c).lower(): c for c in df.columns}
    value_col = next((cols[c] for c in _VALUE_COLS if c in cols), None)
    if value_col is None:
        raise RegionalDataError(
            Message("io.regional.no_value_column", source=source, columns=list(_VALUE_COLS[:4]))
        )
    seen: set[tuple[str, str]] = set()
    for pos, (reg, code) in enumerate(zip(df[cols["region"]], df[cols["code"]], strict=True)):
        key = (normalize_text(reg), normalize_label(code))
        if key in seen:
            raise RegionalDataError(
                Message(
                    "io.regional.long_twice",
                    source=source,
                    row=str(pos + 2),
                    region=key[0],
                    sector=key[1],
                )
            )
        seen.add(key)
    wide = df.pivot(index=cols["code"], columns=cols["region"], values=value_col)
    return wide.reset_index()


def regional_data_from_frame(
    df: pd.DataFrame,
    table: IOTable,
    *,
    measure: Measure = "employment",
    satellite: str | None = None,
    source: str = "regional data",
    concordance: Concordance | None = None,
) -> RegionalData:
    """Validate a frame in either layout (see the module docstring) against ``table``.

    With ``concordance`` the file's codes are its target groups (sections), split over
    the products by the national structure (:func:`split_by_structure`).
    """
    df = _canonical_headers(_strip_titles(df.copy(), source))
    if concordance is not None:
        return _by_concordance(df, table, concordance, measure, satellite, source)
    lower = {normalize_text(c).lower(): c for c in df.columns}
    # the row as numbered in the file: read_frame's index, else a 0-based data index
    first = 0 if df.index.name == "row" else 2
    rows: list[Message | str] = [
        Message("io.regional.row_prefix", row=str(int(r) + first))
        if isinstance(r, int | np.integer)
        else ""
        for r in df.index
    ]
    if "region" in lower and "code" in lower:
        df = _long_to_wide(df, source)
        lower = {normalize_text(c).lower(): c for c in df.columns}
        rows = [""] * len(df)
    code_col = lower.get("code", df.columns[0])
    drop = {code_col} | {lower[k] for k in ("name", "names", "наименование") if k in lower}
    region_cols = [
        c for c in df.columns if c not in drop and normalize_text(c).lower() not in _TOTALS
    ]
    if not region_cols:
        raise RegionalDataError(Message("io.regional.no_regions", source=source))
    regions = tuple(normalize_text(c) for c in region_cols)
    if len(set(regions)) != len(regions):
        raise RegionalDataError(Message("io.regional.region_twice", source=source))
    nat = national_reference(table, measure, satellite)
    index = _code_index(table.codes)
    values = np.zeros((table.n, len(regions)))
    grid = df[region_cols].to_numpy(dtype=object)  # one copy: cells by position
    filled: dict[int, int] = {}
    for pos, raw in enumerate(df[code_col].tolist()):
        if raw is None or (isinstance(raw, float) and np.isnan(raw)) or str(raw).strip() == "":
            continue
        code = normalize_label(raw)
        if code.lower() in _TOTALS:
            continue
        i = index.get(code.lower())
        if i is None:
            raise RegionalDataError(
                Message(
                    "io.regional.unknown_sector",
                    source=source,
                    row=rows[pos],
                    sector=code,
                    hint=did_you_mean(code, table.codes),
                )
            )
        if i in filled:
            raise RegionalDataError(
                Message(
                    "io.regional.sector_twice",
                    source=source,
                    row=rows[pos],
                    sector=table.codes[i],
                    first=str(df[code_col].iloc[filled[i]]),
                    second=str(raw),
                )
            )
        filled[i] = pos
        for k in range(len(region_cols)):
            where = Message(
                "io.regional.cell", source=source, region=regions[k], sector=table.codes[i]
            )
            v = _to_number(grid[pos, k], where)
            if not np.isfinite(v) or v < 0:
                if v < 0:
                    raise RegionalDataError(Message("io.regional.negative", where=where, value=v))
                raise RegionalDataError(
                    Message("io.regional.not_finite", where=where, value=str(v))
                )
            values[i, k] = v
    if nat.sum() <= 0:
        raise RegionalDataError(
            Message("io.regional.national_not_positive", measure=_measure(measure))
        )
    for k, r in enumerate(regions):
        if values[:, k].sum() <= 0:
            raise RegionalDataError(
                Message(
                    "io.regional.region_zero",
                    source=source,
                    region=r,
                    measure=_measure(measure),
                    total=float(values[:, k].sum()),
                )
            )
        over = values[:, k] > nat * (1 + TOLERANCE) + TOLERANCE
        if over.any():
            i = int(np.argmax(over))
            raise RegionalDataError(
                Message(
                    "io.regional.exceeds",
                    source=source,
                    region=r,
                    sector=table.codes[i],
                    measure=_measure(measure),
                    value=float(values[i, k]),
                    national=float(nat[i]),
                )
            )
    return RegionalData(
        codes=table.codes,
        regions=regions,
        values=frozen_array(values),
        national=nat,
        measure=measure,
        source=source,
    )


def read_regional_data(
    path: str | Path,
    table: IOTable,
    *,
    measure: Measure = "employment",
    satellite: str | None = None,
    sheet: str | int = 0,
    concordance: Concordance | None = None,
) -> RegionalData:
    """Read regional employment (or output) from a CSV file or one workbook sheet.

    Raises
    ------
    RegionalDataError
        Naming the file, region and sector of the first problem.
    """
    p = Path(path)
    if not p.exists():
        raise FileNotFoundError(2, "no such file", str(p))
    if p.suffix.lower() not in (*WORKBOOK_SUFFIXES, ".csv", ".txt"):
        raise TableFormatError(Message("io.regional.file_type", source=p.name))
    df = read_frame(p, sheet)
    if df.shape[1] < 2:
        raise RegionalDataError(Message("io.regional.too_narrow", source=p.name))
    data = regional_data_from_frame(
        df, table, measure=measure, satellite=satellite, source=p.name, concordance=concordance
    )
    reason = file_reason(p, df.attrs.get("titles", ()))
    return dataclasses.replace(data, illustrative=reason) if reason else data


def _by_concordance(
    df: pd.DataFrame,
    table: IOTable,
    conc: Concordance,
    measure: Measure,
    satellite: str | None,
    source: str,
) -> RegionalData:
    """Read section values (the concordance's targets) and split them over products."""
    if tuple(normalize_label(c) for c in conc.source) != tuple(table.codes):
        try:
            order = table.sector_index(list(conc.source))
        except InputError as exc:
            raise RegionalDataError(
                Message("io.regional.concordance", message=exc.message)
            ) from None
        if sorted(order) != list(range(table.n)):
            raise RegionalDataError(Message("io.regional.concordance_codes"))
        W = np.zeros((len(conc.target), table.n))
        W[:, order] = np.asarray(conc.W)
    else:
        W = np.asarray(conc.W)
    groups = IOTable.from_arrays(
        Z=np.zeros((len(conc.target), len(conc.target))),
        Y=np.ones((len(conc.target), 1)),
        V=np.ones((1, len(conc.target))),
        codes=list(conc.target),
    )
    nat = np.asarray(national_reference(table, measure, satellite), dtype=np.float64)
    group_nat = W @ nat
    proxy = groups.replace(
        F=group_nat[None, :] + 1.0 * (group_nat[None, :] == 0),
        satellite_names=("national",),
        satellite_units=("",),
    )
    sec = regional_data_from_frame(
        df, proxy, measure="employment", satellite="national", source=source
    )
    values = split_by_structure(np.asarray(sec.values), W, nat)
    return RegionalData(
        codes=table.codes,
        regions=sec.regions,
        values=frozen_array(values),
        national=frozen_array(nat),
        measure=measure,
        source=f"{source}, sections split by national structure",
    )


def split_by_structure(values: np.ndarray, W: np.ndarray, national: np.ndarray) -> np.ndarray:
    """Split section values (G × R) over products (n) by the national structure.

    .. math:: v^r_i = \\sum_g \frac{W_{gi} E_i}{\\sum_k W_{gk} E_k} v^r_g

    where a section with no national value is split by its concordance weights alone.

    >>> split_by_structure(np.array([[10.0]]), np.array([[1.0, 1.0]]), np.array([1.0, 3.0]))
    array([[2.5],
           [7.5]])
    """
    share = W * national[None, :]
    tot = share.sum(axis=1, keepdims=True)
    wt = W.sum(axis=1, keepdims=True)
    share = np.where(tot > 0, share / np.where(tot > 0, tot, 1.0), W / np.where(wt > 0, wt, 1.0))
    return share.T @ values


def default_regions_file(table: Path) -> Path:
    """``regions.csv`` of Uzbekistan beside the table's folder, else in
    ``$IOCLUSTER_SHARED/data/uzbekistan-regions`` (names and centres of the regions)."""
    import os

    name = Path("uzbekistan-regions") / "regions.csv"
    candidates = [table.resolve().parent / name]
    if os.environ.get("IOCLUSTER_SHARED"):
        candidates.append(Path(os.environ["IOCLUSTER_SHARED"]) / "data" / name)
    for c in candidates:
        if c.is_file():
            return c
    raise InputError(
        Message("cli.no_regions_file", option="--regions PATH", looked=[str(c) for c in candidates])
    )


def read_regions(path: str | Path) -> Regions:
    """Read regions (``regions.csv``: ``iso_code``, ``name_en``, ``name_ru``,
    ``name_uz``, ``lat``, ``lon``; an optional ``key`` column, else keys from the English
    names, :func:`iocluster.regional.interregional.regions.region_keys`), in time linear
    in the number of regions.

    Raises
    ------
    RegionalDataError
        Naming the file, row and column of a missing name or a coordinate out of range.
    """
    p = Path(path)
    if not p.exists():
        raise FileNotFoundError(2, "no such file", str(p))
    df = read_frame(p)
    cols = {normalize_text(c).lower(): c for c in df.columns}
    for need in ("name_en", "lat", "lon"):
        if need not in cols:
            raise RegionalDataError(Message("io.regional.no_column", source=p.name, column=need))
    names = [normalize_text(v or "") for v in df[cols["name_en"]]]
    auto = region_keys(names)
    wanted = ("lat", "lon", "key", "iso_code", "name_ru", "name_uz")
    column: dict[str, list[Any]] = {c: df[cols[c]].tolist() for c in wanted if c in cols}
    out = []
    for k, (row, nm) in enumerate(zip(df.index, names, strict=True)):
        if not nm:
            raise RegionalDataError(
                Message("io.regional.empty_name", source=p.name, row=str(row), column="name_en")
            )
        coords = []
        for c, lim in (("lat", 90.0), ("lon", 180.0)):
            cell = Message("io.regional.row_column", source=p.name, row=str(row), column=c)
            v = _to_number(column[c][k], cell)
            if not abs(v) <= lim:
                raise RegionalDataError(
                    Message("io.regional.degrees", where=cell, value=v, limit=lim)
                )
            coords.append(v)

        def text(col: str, k: int = k) -> str:
            return normalize_text(column[col][k] or "") if col in column else ""

        key = text("key") or auto[k]
        out.append(
            Region(
                key=key,
                code=text("iso_code"),
                name_en=nm,
                name_ru=text("name_ru"),
                name_uz=text("name_uz"),
                lat=coords[0],
                lon=coords[1],
            )
        )
    seen: set[str] = set()
    for r in out:
        if r.key in seen:
            raise RegionalDataError(Message("io.regional.key_twice", source=p.name, key=r.key))
        seen.add(r.key)
    return Regions(tuple(out))


def read_region_values(path: str | Path) -> dict[str, float]:
    """One value per region (population, household income …): a CSV or sheet with a
    region column (en/ru/uz header, :data:`_REGION_COLS`) and one numeric column.

    Raises
    ------
    RegionalDataError
        Naming the file and row of a region given twice or a value that is not a
        number >= 0.
    """
    p = Path(path)
    if not p.exists():
        raise FileNotFoundError(2, "no such file", str(p))
    df = _canonical_headers(_strip_titles(read_frame(p), p.name))
    if "region" not in df.columns or df.shape[1] < 2:
        raise RegionalDataError(Message("io.regional.region_value", source=p.name, column="region"))
    col = next(c for c in df.columns if c != "region")
    out: dict[str, float] = {}
    for row, reg, v in zip(df.index, df["region"], df[col], strict=True):
        name = normalize_text(reg or "")
        if not name:
            continue
        where = Message("io.regional.row_region", source=p.name, row=str(row), region=name)
        if name in out:
            raise RegionalDataError(Message("io.regional.given_twice", where=where))
        x = _to_number(v, where)
        if not np.isfinite(x) or x < 0:
            raise RegionalDataError(Message("io.regional.not_nonnegative", where=where, value=x))
        out[name] = x
    return out
