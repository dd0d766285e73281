"""The About (or Assumptions) sheet every workbook ends with: where the table came from,
the checks, every assumption, the scenario, and how to reproduce the run."""

from __future__ import annotations

import datetime as _dt
import os
import re
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from iocluster._version import __version__
from iocluster.core.messages import Message
from iocluster.model.provenance import Caveat, RunInfo
from iocluster.reports.i18n import number, tr
from iocluster.reports.messages import check_name, message, status_label
from iocluster.reports.style import Column, fonts, write_table, write_title
from iocluster.table import IOTable

__all__ = [
    "about_rows",
    "caveat_text",
    "closure_rows",
    "mark_illustrative",
    "names_note",
    "report_time",
    "write_about_sheet",
]


def report_time() -> _dt.datetime:
    """When a report was made: ``SOURCE_DATE_EPOCH`` (seconds since 1970, UTC) when set,
    as reproducible builds do, so a rerun writes the same About sheet; else now (UTC).
    Take it once per report."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), tz=_dt.UTC)
    return _dt.datetime.now(tz=_dt.UTC)


def about_rows(
    table: IOTable,
    *,
    lang: str = "en",
    checks: pd.DataFrame | None = None,
    info: RunInfo | None = None,
    imports: Sequence[Message | str] | str = "",
    assumptions: Iterable[Message | str] = (),
    scenario: Sequence[tuple[str, str]] = (),
    extra: Sequence[tuple[str, str, str]] = (),
    created: _dt.datetime | None = None,
) -> list[tuple[str, str, str]]:
    """Rows ``(section, item, value)`` of the About/Assumptions sheet.

    ``created``: the time of the run (default :func:`report_time`); ``info``: what
    produced the results (default: the table alone, open model,
    :func:`iocluster.model.provenance.run_info`).

    Sections: table provenance (title, year, region, unit, source, notes, kind, sectors,
    why the numbers are illustrative), checks (one row per validation check: status and
    detail), assumptions (the closure and its propensity to consume, the import
    assumption ``imports``, then the table's and the analysis's), scenario (``scenario``
    pairs), and reproduce (program version, the command line, seed and draws, the
    checksums of the table and of every input file, the time of the run, reproducible
    under ``SOURCE_DATE_EPOCH``).
    """
    from iocluster.model.provenance import run_info

    info = run_info(table) if info is None else info

    m = table.meta
    prov = tr("provenance", lang)
    rows: list[tuple[str, str, str]] = [
        (prov, tr("table", lang), m.title or tr("untitled", lang)),
        (prov, tr("year", lang), "" if m.year is None else str(m.year)),
        (prov, tr("region", lang), m.region),
        (prov, tr("units_money", lang), _unit(table, lang)),
        (prov, tr("source", lang), m.source),
        (prov, tr("notes", lang), m.notes),
        (prov, tr("table_kind", lang),
         f"{tr('kind_' + table.kind, lang)}; {tr('n_sectors', lang).format(n=table.n)}"),
        (prov, tr("numbers_item", lang), tr("numbers_note", lang)),
        (prov, tr("names_item", lang), names_note(table, lang)),
    ]  # fmt: skip
    if info.illustrative:
        rows.append((prov, tr("notes", lang), tr("illustrative", lang)))
        rows += [
            (prov, tr("illustrative_why", lang), caveat_text(c, lang)) for c in info.illustrative
        ]
    if checks is not None:
        for name, r in checks.iterrows():
            item = f"{check_name(str(name), lang)}: {status_label(str(r['status']), lang)}"
            rows.append((tr("checks", lang), item, message(str(r["detail"]), lang)))
    seen: set[Message | str] = set()
    asm = tr("assumptions", lang)
    rows += closure_rows(info, lang)
    said = [imports] if isinstance(imports, str) else list(imports)
    if any(said):
        text = " ".join(message(a, lang) for a in said if a)
        rows.append((asm, tr("import_assumption", lang), text))
        seen.update(said)
    for a in [*m.assumptions, *assumptions]:
        if a and a not in seen:
            seen.add(a)
            rows.append((asm, tr("assumption", lang), message(a, lang)))
    for item, value in scenario:
        rows.append((tr("scenario", lang), item, value))
    rows.extend(extra)
    rep = tr("reproduce", lang)
    rows.append((rep, tr("program", lang), f"iocluster {info.version}"))
    rows.append((rep, tr("command", lang), info.command or tr("library_call", lang)))
    if info.draws:
        mc = f"{tr('seed', lang)} {info.seed}; {tr('draws', lang).lower()}: {info.draws}"
        rows.append((rep, tr("mc_sheet", lang), mc))
    rows.append((rep, tr("table_checksum", lang), info.table_checksum))
    for f in info.inputs:
        role = tr(f"role_{f.role}", lang)
        rows.append((rep, f"{tr('input_files', lang)}: {role}", f"{f.name} (SHA-256 {f.sha256})"))
    when = report_time() if created is None else created
    rows.append((rep, tr("created", lang), when.strftime("%Y-%m-%d %H:%M UTC")))
    # one line each; the narrow no-break spaces inside numbers (1 817,4) stay
    return [(s, i, _ASCII_SPACE.sub(" ", v).strip()) for s, i, v in rows if v.strip()]


_ASCII_SPACE = re.compile(r"[ \t\n\r\f\v]+")


def closure_rows(info: RunInfo, lang: str) -> list[tuple[str, str, str]]:
    """The closure of a run as About rows: its sentence, the implied propensity to consume
    and the import leakage of household spending, or the open model."""
    asm = tr("assumptions", lang)
    c = info.closure
    if c is None:
        return [(asm, tr("closure", lang), tr("open_model_closure", lang))]
    return [
        (asm, tr("closure", lang), message(c.text, lang)),
        (asm, tr("propensity", lang), number(c.propensity, lang, 3)),
        (asm, tr("household_imports", lang), number(c.household_imports, lang, 3)),
    ]


def caveat_text(c: Caveat, lang: str) -> str:
    """``"tax file: <the file's own words>"`` in ``lang``."""
    return f"{tr(f'role_{c.role}', lang)}: {c.text or tr('marked_illustrative', lang)}"


def mark_illustrative(wb: Any, info: RunInfo, lang: str) -> None:
    """Every sheet's title says ILLUSTRATIVE (in ``lang``) when the results are: a table
    copied out of any sheet keeps the caveat with it."""
    if not info.illustrative:
        return
    mark = tr("illustrative_mark", lang)
    for ws in wb.worksheets:
        cell = ws.cell(row=1, column=1)
        if isinstance(cell.value, str) and cell.value and mark not in cell.value:
            cell.value = f"{cell.value} — {mark}"


def names_note(table: IOTable, lang: str) -> str:
    """Says so when the table's sector names are in another language than the report's
    (and no names file gave them); "" otherwise."""
    from iocluster.io.names import names_language

    if any(str(a).startswith("Sector names from ") for a in table.meta.assumptions):
        return ""
    have = names_language(table.names)
    if not have or have == lang:
        return ""
    return tr("names_only", lang).format(langs=tr(f"lang_{have}", lang))


def _unit(table: IOTable, lang: str) -> str:
    from iocluster.reports.i18n import money_unit

    return money_unit(table.meta.scale, table.meta.currency, lang)


def write_about_sheet(
    wb: Any, rows: Sequence[tuple[str, str, str]], lang: str = "en", *, title: str = ""
) -> Any:
    """Append the About/Assumptions sheet (three wrapped columns) to workbook ``wb``,
    named and titled ``title`` (default: "About" in the report language)."""
    title = title or tr("about", lang)
    ws = wb.create_sheet(title[:31])
    df = pd.DataFrame(rows, columns=["section", "item", "value"])
    cols = [
        Column("section", tr("section", lang), width=22),
        Column("item", tr("item", lang), width=36),
        Column("value", tr("value", lang), width=110),
    ]

    start = write_title(ws, title, f"iocluster {__version__}")
    write_table(ws, df, cols, row=start, freeze=False)
    ws.freeze_panes = f"A{start + 1}"
    wrap = fonts()["wrap"]
    for r in ws.iter_rows(min_row=start + 1, max_row=start + len(df)):
        for cell in r:
            cell.alignment = wrap
        lines = max(-(-len(str(r[1].value or "")) // 34), -(-len(str(r[2].value or "")) // 100))
        ws.row_dimensions[r[0].row].height = 15 * max(1, lines)
    return ws
