"""The IMPLAN-style impact workbook of ``iocluster shock`` (written atomically).

Sheets: Summary; Impacts by sector; Clusters; Multipliers; Decomposition; Prices;
Monte Carlo (when drawn); Assumptions (the scenarios as parsed, the table's metadata, the
closure, the import assumption, the program version and the command).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from iocluster.io.atomic import atomic_write
from iocluster.scenarios.results import ImpactResults
from iocluster.scenarios.spec import ScenarioFile
from iocluster.table import IOTable

__all__ = ["scenario_rows", "write_impact_workbook"]


def scenario_rows(sf: ScenarioFile) -> pd.DataFrame:
    """The scenarios as parsed: one row per shock and field."""
    rows = []
    for name, members in sf.clusters:
        rows.append(("(clusters)", "", "", name, ", ".join(members)))
    for sc in sf.scenarios:
        for i, s in enumerate(sc.shocks, start=1):
            for fname, val in vars(s).items():
                if val in ((), "", None):
                    continue
                text = (
                    val.describe()
                    if hasattr(val, "describe")
                    else (", ".join(val) if isinstance(val, tuple) else str(val))
                )
                rows.append((sc.name, str(i), s.kind, fname.rstrip("_"), text))
    return pd.DataFrame(rows, columns=["scenario", "shock", "kind", "field", "value"])


def _style(ws: object, widths: Sequence[int]) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    for cell in ws[1]:  # type: ignore[index]
        cell.font = Font(bold=True)
    for k, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(k)].width = w  # type: ignore[attr-defined]
    ws.freeze_panes = "A2"  # type: ignore[attr-defined]


def write_impact_workbook(
    path: Path,
    results: ImpactResults,
    table: IOTable,
    sf: ScenarioFile,
    *,
    command: str = "",
    force: bool = False,
) -> None:
    """Write the workbook to ``path`` (refuses to overwrite unless ``force``)."""
    from iocluster import __version__

    wide = results.by_sector.pivot_table(
        index=[results.by_sector["scenario_name"], results.by_sector.index],
        columns="measure",
        values="change",
        sort=False,
    )
    wide.index.names = ["scenario", "code"]
    meta = table.meta.to_dict()
    info = [
        ("program", f"iocluster {__version__}"),
        ("command", command),
        ("scenario file", sf.source),
        ("seed", str(sf.seed)),
        ("unit", table.meta.unit),
        ("table", repr(table)),
    ]
    info += [(f"table {k}", str(v)) for k, v in meta.items() if k != "assumptions"]
    info += [("assumption", a) for a in results.assumptions]
    sheets: list[tuple[str, pd.DataFrame, bool]] = [
        ("Summary", results.totals.reset_index(), False),
        ("Impacts by sector", wide.reset_index(), False),
        ("Impacts detail", results.by_sector.reset_index(), False),
        ("Clusters", results.clusters.reset_index(), False),
        ("Effects", results.effects.reset_index(), False),
        ("Multipliers", results.multipliers.reset_index(), False),
        ("Services content", results.services_content.reset_index(), False),
        ("Decomposition", results.decomposition.reset_index(), False),
        ("Prices", results.prices.reset_index(), False),
    ]
    if results.montecarlo is not None:
        sheets.append(("Monte Carlo", results.montecarlo.reset_index(), False))
    sheets.append(("Assumptions", pd.DataFrame(info, columns=["item", "value"]), False))
    sheets.append(("Scenarios", scenario_rows(sf), False))

    def _write(tmp: Path) -> None:
        with pd.ExcelWriter(tmp, engine="openpyxl") as xw:
            for name, df, _ in sheets:
                df.to_excel(xw, sheet_name=name[:31], index=False)
                ws = xw.sheets[name[:31]]
                _style(ws, [18] * len(df.columns) if name != "Assumptions" else [18, 120])
                for row in ws.iter_rows(min_row=2):
                    for cell in row:
                        if isinstance(cell.value, float):
                            cell.number_format = "#,##0.00"

    atomic_write(path, _write, force=force)
