"""The documented Excel scenario template (``iocluster scenario-template``).

Drop-downs (data validation lists) offer the shock kinds, operations, modes, balancing
rules, units, targets and distributions, and — when a table is given — its sector codes
and cluster names for the sector columns (typing a comma-separated list or a prefix such
as ``C13*`` stays allowed).
"""

from __future__ import annotations

from pathlib import Path

from iocluster.io.atomic import atomic_write
from iocluster.io.textsafe import force_text_cells
from iocluster.scenarios.parse_excel import COLUMNS
from iocluster.scenarios.spec import ASSET_TYPES, BALANCE_RULES, SHOCK_KINDS
from iocluster.table import IOTable

__all__ = ["write_scenario_template"]

_HELP = [
    ("scenario", "Scenario name; rows with the same name form one scenario, applied in order."),
    (
        "kind",
        "coefficients | import_substitution | final_demand | productivity | extraction | prices"
        " | tax | subsidy | investment",
    ),
    (
        "rows, cols",
        "coefficients: supplier rows × user columns (codes, prefixes like C13*, "
        "cluster names; comma-separated).",
    ),
    (
        "sectors",
        "final_demand, productivity, prices, extraction: sector codes, sector names or a cluster.",
    ),
    (
        "category",
        "final_demand, required: the demand that changes: exports (foreign), household, "
        "government, npish, investment, inventories, interregional, or a category name.",
    ),
    (
        "products, users, categories",
        "import_substitution: imported products, the using sectors and/or final-demand categories.",
    ),
    ("from, to", "extraction of the linkages from one group of sectors to another."),
    ("operation", "coefficients: scale (percent) | add (Δa) | set (a)."),
    (
        "mode",
        "per_cell: each cell/sector; distribute: the column (or total) change spread in "
        "proportion to existing values.",
    ),
    (
        "balance",
        "coefficients, required: value_added | imports | other_inputs | none: what gives "
        "way so column sums stay ('none' leaves the column unbalanced).",
    ),
    ("unit", "final_demand: percent | absolute (table units); tax, subsidy: percent | points."),
    (
        "instrument, pass_through, export_elasticity",
        "tax, subsidy: the instrument (of the tax file named in a TOML scenario, or the "
        "table's table_net_taxes_on_production; unit points starts a new one at 0), the "
        "share passed on to prices (default 1) and the exports' price elasticity (default 0).",
    ),
    (
        "asset",
        "investment: machinery | construction | transport | ict | other; 'value' is the "
        "amount in table units.",
    ),
    ("target", "productivity: employment | value_added; prices: price | value_added."),
    ("productivity", "TRUE: 'value' is a productivity change (coefficient ÷ (1 + v/100))."),
    ("value", "The parameter: percent, Δa, share θ (0–1) or change."),
    (
        "dist, low, most_likely, high, mean, sd",
        "Instead of value: uniform (low, high), triangular (low, most_likely, high), normal "
        "(mean, sd, optional low/high). Runs a seeded Monte Carlo.",
    ),
    ("clusters sheet", "cluster | members (comma-separated codes or prefixes)."),
    ("settings sheet", "seed and draws for the Monte Carlo."),
]
_CHOICES = {
    "kind": SHOCK_KINDS,
    "operation": ("scale", "add", "set"),
    "mode": ("per_cell", "distribute"),
    "balance": BALANCE_RULES,
    "unit": ("percent", "absolute", "points"),
    "asset": ASSET_TYPES,
    "target": ("employment", "value_added", "price"),
    "dist": ("uniform", "triangular", "normal"),
    "productivity": ("TRUE", "FALSE"),
    "both_directions": ("TRUE", "FALSE"),
    "keep_final_demand": ("TRUE", "FALSE"),
}
_SECTOR_COLS = ("rows", "cols", "sectors", "products", "users", "from", "to")


def write_scenario_template(
    path: Path, table: IOTable | None = None, *, force: bool = False
) -> None:
    """Write the template workbook to ``path`` (atomically)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "scenarios"
    ws.append(list(COLUMNS))
    example = {
        "scenario": "integration",
        "kind": "coefficients",
        "rows": "services",
        "cols": "textiles",
        "operation": "scale",
        "mode": "per_cell",
        "balance": "value_added",
        "value": 20,
    }
    ws.append([example.get(c) for c in COLUMNS])
    for c in ws[1]:
        c.font = Font(bold=True)
    ws.freeze_panes = "A2"
    lists = wb.create_sheet("lists")
    names: list[str] = []
    if table is not None:
        names = list(table.codes)
        for tag in ("cluster", "clusters"):
            if tag in table.tags:
                names += sorted({v for v in table.tags[tag] if v})
    names += ["services", "textiles"] if table is None else []
    lists.append(["names"])
    for nm in names:
        lists.append([nm])
    lists.sheet_state = "hidden"
    for col, choices in _CHOICES.items():
        k = COLUMNS.index(col) + 1
        dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
        ws.add_data_validation(dv)
        dv.add(f"{get_column_letter(k)}2:{get_column_letter(k)}500")
    if names:
        for col in _SECTOR_COLS:
            k = COLUMNS.index(col) + 1
            dv = DataValidation(
                type="list",
                formula1=f"=lists!$A$2:$A${len(names) + 1}",
                allow_blank=True,
                showErrorMessage=False,
            )
            ws.add_data_validation(dv)
            dv.add(f"{get_column_letter(k)}2:{get_column_letter(k)}500")
    cl = wb.create_sheet("clusters")
    cl.append(["cluster", "members"])
    cl.append(["textiles", "C13*, C14" if table is None else ""])
    cl.append(["services", "H49-51, H52, K64" if table is None else ""])
    st = wb.create_sheet("settings")
    st.append(["key", "value"])
    st.append(["seed", 12345])
    st.append(["draws", 0])
    hp = wb.create_sheet("README", 0)
    hp.append(["column", "meaning"])
    for row in _HELP:
        hp.append(list(row))
    hp.column_dimensions["A"].width = 34
    hp.column_dimensions["B"].width = 110
    force_text_cells(wb)  # sector names are text, never formulas
    atomic_write(path, lambda p: wb.save(p), force=force)
