"""Trade-in-value-added sheets (issue 31), in the report language: used by the analysis
report and by ``iocluster tiva -o FILE.xlsx`` (:func:`write_tiva_workbook`).

Sheets:

``Trade in value added``
    By exporting region (a multiregional table: gross exports, domestic and foreign value
    added, the domestic value added in other regions' exports, GVC participation), by
    cluster, which services (the value added of each service sector in the exports of
    each cluster), and on a multiregional table where each region's value added comes from.
``Value added by exporter``
    The same by exporting sector.
``Exports decomposed`` (given a KWW frame)
    Koopman, Wang & Wei's nine terms of each region's gross exports.

Headers name the OECD indicator of each column (``EXGR_DVA`` …); amounts are in the
table's unit, shares are fractions shown as %.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from iocluster.io.atomic import atomic_write
from iocluster.io.textsafe import force_text_cells
from iocluster.model.provenance import RunInfo
from iocluster.regional.interregional.analysis import is_interregional, region_names
from iocluster.regional.multiregional.decompose import KWW_TERMS
from iocluster.regional.multiregional.layout import OUTSIDE
from iocluster.regional.multiregional.tiva import TIVA_NAMES, TradeInValueAdded
from iocluster.reports.i18n import money_unit, tr
from iocluster.reports.impact.tables import bold
from iocluster.reports.style import (
    Column,
    color_scale,
    data_bar,
    fonts,
    print_workbook,
    write_table,
    write_title,
)
from iocluster.table import IOTable

__all__ = ["HEADER_ROW", "tiva_sheets", "write_tiva_workbook"]

HEADER_ROW = 4
#: Service sectors listed in the "which services" table (the largest by all exports).
SERVICES_SHOWN = 25
#: Regions up to which the origin matrix is written (R × R cells).
MAX_MATRIX = 60

#: (column, label key) of the amounts, in order.
_AMOUNTS = (
    ("exports", "gross_exports"),
    ("exports_intermediate", "exports_intermediate"),
    ("exports_final", "exports_final"),
    ("dva", "dva_exports"),
    ("fva", "fva_exports"),
    ("other", "other_inputs_exports"),
    ("services_dva", "services_dva_exports"),
    ("services_fva", "services_fva_exports"),
    ("dvafx", "dvafx_exports"),
)
_SHARES = ("dva_share", "fva_share", "services_dva_share", "services_fva_share", "dvafx_share")


def _label(col: str, key: str, lang: str, national: bool) -> str:
    if col == "fva" and national:
        key = "import_content_exports"
    code = TIVA_NAMES.get(col)
    return f"{tr(key, lang)} ({code})" if code else tr(key, lang)


def _columns(df: pd.DataFrame, lang: str, money: str, national: bool) -> list[Column]:
    cols = [Column(c, _label(c, k, lang, national), money, "money") for c, k in _AMOUNTS if c in df]
    for c in _SHARES:
        if c in df:
            base = dict(_AMOUNTS)[c.removesuffix("_share")]
            label = f"{_label(c.removesuffix('_share'), base, lang, national).split(' (')[0]}: "
            label += f"{tr('share_of_exports', lang)} ({TIVA_NAMES[c]})"
            cols.append(Column(c, label, fmt="share"))
    if "gvc_participation" in df:
        cols.append(Column("gvc_participation", tr("gvc_participation", lang), fmt="share"))
        cols.append(Column("gvc_position", tr("gvc_position", lang), fmt="0.000"))
    return cols


def _region_label(table: IOTable, lang: str) -> dict[str, str]:
    names = region_names(table, lang) if is_interregional(table) else {}
    return {**names, OUTSIDE: tr("outside_region", lang), "other": tr("other_inputs_short", lang)}


def _section(ws: Any, row: int, key: str, lang: str) -> int:
    ws.cell(row=row, column=1, value=tr(key, lang)).font = bold()
    return row + 1


def tiva_sheets(
    wb: Any, r: TradeInValueAdded, table: IOTable, lang: str, *, kww: pd.DataFrame | None = None
) -> None:
    """Add the trade-in-value-added sheets of ``r`` (and the KWW sheet) to ``wb``."""
    national = r.by_region is None
    money = money_unit(table.meta.scale, table.meta.currency, lang)
    where = _region_label(table, lang)
    ws = wb.create_sheet(tr("tiva_sheet_name", lang)[:31])
    write_title(ws, tr("tiva_sheet", lang),
                tr("tiva_sub_national" if national else "tiva_sub_mrio", lang))  # fmt: skip
    row = HEADER_ROW
    region_col = Column("region", tr("region_col", lang), width=20)
    if r.by_region is not None:
        df = r.by_region.reset_index()
        df["region"] = [where.get(k, k) for k in df["region"]]
        rng = write_table(ws, df, [region_col, *_columns(df, lang, money, national)], row=row)
        data_bar(ws, rng.data_range(1))
        note = ws.cell(row=rng.last_row + 1, column=1, value=tr("gvc_note", lang))
        note.font = fonts()["subtitle_font"]
        row = rng.last_row + 4
    if r.by_cluster is not None and len(r.by_cluster):
        row = _section(ws, row - 1, "tiva_by_cluster", lang)
        df = r.by_cluster.reset_index()
        head = [Column("cluster", tr("cluster", lang), width=22)]
        if "region" in df:
            df["region"] = [where.get(k, k) for k in df["region"]]
            head.insert(0, region_col)
        rng = write_table(ws, df, [*head, *_columns(df, lang, money, national)], row=row,
                          freeze=row == HEADER_ROW)  # fmt: skip
        row = rng.last_row + 4
    if len(r.services):
        row = _section(ws, row - 1, "tiva_services", lang)
        df = r.services.head(SERVICES_SHOWN).reset_index()
        head = [Column("code", tr("code", lang)), Column("name", tr("services_sector_col", lang),
                                                         width=40)]  # fmt: skip
        if "region" in df:
            df["region"] = [where.get(k, k) for k in df["region"]]
            head.insert(0, region_col)
        groups = [c for c in df.columns if c not in ("region", "code", "name")]
        vals = [Column(c, tr("all_exports", lang) if c == "all_exports" else c, money, "money")
                for c in groups]  # fmt: skip
        rng = write_table(ws, df, [*head, *vals], row=row, freeze=row == HEADER_ROW)
        data_bar(ws, rng.data_range(len(head) + len(vals) - 1), "70AD47")
        row = rng.last_row + 4
    if r.origins is not None and r.origins.shape[1] <= MAX_MATRIX:
        row = _section(ws, row - 1, "tiva_origins", lang)
        df = r.origins.reset_index()
        df["origin"] = [where.get(k, k) for k in df["origin"]]
        mcols = [Column("origin", tr("origin_col", lang), width=24)]
        mcols += [Column(str(k), where.get(str(k), str(k)), money, "money")
                  for k in r.origins.columns]  # fmt: skip
        rng = write_table(ws, df, mcols, row=row, freeze=False)
        for k in range(1, len(mcols)):
            color_scale(ws, rng.data_range(k))
    _by_sector_sheet(wb, r, table, lang, money, national, where)
    if kww is not None:
        _kww_sheet(wb, kww, lang, money, where)


def _by_sector_sheet(
    wb: Any,
    r: TradeInValueAdded,
    table: IOTable,
    lang: str,
    money: str,
    national: bool,
    where: dict[str, str],
) -> None:
    ws = wb.create_sheet(tr("tiva_sector_sheet", lang)[:31])
    write_title(ws, tr("tiva_by_sector", lang), table.meta.title)
    df = r.by_sector.reset_index()
    head = [Column("code", tr("code", lang)), Column("name", tr("sector", lang), width=40)]
    if "region" in df:
        df["region"] = [where.get(k, k) for k in df["region"]]
        head.insert(1, Column("region", tr("region_col", lang), width=20))
    rng = write_table(ws, df, [*head, *_columns(df, lang, money, national)], row=HEADER_ROW)
    data_bar(ws, rng.data_range(len(head)))


def _kww_sheet(wb: Any, kww: pd.DataFrame, lang: str, money: str, where: dict[str, str]) -> None:
    ws = wb.create_sheet(tr("kww_sheet", lang)[:31])
    write_title(ws, tr("kww_sheet", lang), tr("kww_sub", lang))
    df = kww.reset_index()
    df["exporter"] = [where.get(k, k) for k in df["exporter"]]
    cols = [Column("exporter", tr("exporter_col", lang), width=20),
            Column("exports", tr("gross_exports", lang), money, "money")]  # fmt: skip
    cols += [Column(t, tr(f"kww_{t}", lang), money, "money") for t in KWW_TERMS]
    rng = write_table(ws, df, cols, row=HEADER_ROW)
    ws.cell(row=rng.last_row + 2, column=1, value=tr("va_abbrev", lang))


def write_tiva_workbook(
    path: str | Path,
    r: TradeInValueAdded,
    table: IOTable,
    *,
    lang: str = "en",
    kww: pd.DataFrame | None = None,
    info: RunInfo | None = None,
    force: bool = False,
) -> Path:
    """Write the trade-in-value-added workbook (:func:`tiva_sheets` and the About sheet
    saying what produced it, ``info``) atomically."""
    from openpyxl import Workbook

    from iocluster.reports.about import about_rows, mark_illustrative, write_about_sheet

    wb = Workbook()
    wb.remove(wb.active)
    tiva_sheets(wb, r, table, lang, kww=kww)
    rows = about_rows(table, lang=lang, assumptions=table.domestic().meta.assumptions,
                      info=info)  # fmt: skip
    write_about_sheet(wb, rows, lang)
    if info is not None:
        mark_illustrative(wb, info, lang)
    print_workbook(wb, HEADER_ROW, stacked={wb.worksheets[0].title})
    force_text_cells(wb)
    return atomic_write(Path(path), lambda tmp: wb.save(tmp), force=force)
