"""The documented Excel scenario template (``iocluster scenario-template``).

Drop-downs (data validation lists) offer the shock kinds, operations, modes, balancing
rules, units, targets and distributions, the final-demand categories (roles, and the
table's categories when a table is given), and for the sector columns the cluster names
(of a clusters file, or the table's cluster tag) and the table's sector codes (typing a
comma-separated list or a prefix such as ``C13*`` stays allowed). The README sheet lists
every field as the README does (:mod:`iocluster.scenarios.fields`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from iocluster.io.atomic import atomic_write
from iocluster.io.textsafe import force_text_cells
from iocluster.scenarios.fields import FIELDS
from iocluster.scenarios.kinds import KINDS, SHOCK_KINDS
from iocluster.scenarios.offers import category_values, table_cluster_names
from iocluster.scenarios.parse_excel import COLUMNS, PARAM_FIELD
from iocluster.table import IOTable

__all__ = ["write_scenario_template"]

#: What the ``scenarios`` sheet adds to the fields of a TOML file (README sheet, last rows).
_SHEET_HELP = (
    ("sheet scenarios", "scenario", "Scenario name; rows with the same name form one "
     "scenario, applied in order", "", "text", "required"),
    ("sheet scenarios", "value", "The parameter of every kind ("
     + "; ".join(f"{k}: {v}" for k, v in PARAM_FIELD.items()) + ")", "", "a number",
     "required unless dist is given"),
    ("sheet scenarios", "dist, low, most_likely, high, mean, sd", "Instead of value: "
     "uniform (low, high), triangular (low, most_likely, high), normal (mean, sd, optional "
     "low/high); runs a seeded Monte Carlo", "", "numbers", "none"),
    ("sheet clusters", "cluster, members", "Named sets of sectors", "", "a name; codes or "
     "prefixes, comma-separated", "none"),
    ("sheet settings", "seed, draws", "Seed and number of Monte Carlo draws", "", "integers",
     "12345, 0"),
)  # fmt: skip


def _choices() -> dict[str, tuple[str, ...]]:
    """The drop-down of every column with a fixed set of values: the kinds, each choice
    field (the choices of every kind that has it), the booleans, the distributions."""
    out: dict[str, tuple[str, ...]] = {"kind": SHOCK_KINDS}
    for cls in KINDS.values():
        for f in cls.own_specs():
            if f.key not in COLUMNS:
                continue
            if f.value == "choice":
                out[f.key] = tuple(dict.fromkeys([*out.get(f.key, ()), *f.choices]))
            elif f.value == "bool":
                out[f.key] = ("TRUE", "FALSE")
    out["dist"] = ("uniform", "triangular", "normal")
    return out


#: Columns whose drop-down offers cluster names and sector codes.
_SECTOR_COLS = tuple(
    dict.fromkeys(f.key for cls in KINDS.values() for f in cls.own_specs() if f.value == "sectors")
)


def write_scenario_template(
    path: Path,
    table: IOTable | None = None,
    *,
    clusters: Mapping[str, Sequence[str]] | None = None,
    force: bool = False,
) -> None:
    """Write the template workbook to ``path`` (atomically).

    ``clusters`` (name -> member codes, e.g. from a clusters file) fill the clusters
    sheet and join the sector drop-downs; the README sheet lists every field of a
    scenario (:data:`iocluster.scenarios.fields.FIELDS`): kind, field, meaning, allowed
    values, default.
    """
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
    given = dict(clusters or {})
    if table is not None:
        names += table_cluster_names(table)
    names = [*given, *(n for n in names if n not in given)]  # cluster names first
    names += list(table.codes) if table is not None else []
    names += ["services", "textiles"] if table is None and not given else []
    lists.append(["names"])
    for nm in names:
        lists.append([nm])
    lists.sheet_state = "hidden"
    for col, choices in _choices().items():
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
    for name, members in given.items():
        cl.append([name, ", ".join(members)])
    if not given:
        cl.append(["textiles", "C13*, C14" if table is None else ""])
        cl.append(["services", "H49-51, H52, K64" if table is None else ""])
    # the category drop-down: the roles, and the table's own category names
    cats = category_values(table)
    lists.cell(row=1, column=2, value="categories")
    for i, cat in enumerate(cats):
        lists.cell(row=i + 2, column=2, value=cat)
    k = COLUMNS.index("category") + 1
    dv = DataValidation(type="list", formula1=f"=lists!$B$2:$B${len(cats) + 1}",
                        allow_blank=True, showErrorMessage=False)  # fmt: skip
    ws.add_data_validation(dv)
    dv.add(f"{get_column_letter(k)}2:{get_column_letter(k)}500")
    st = wb.create_sheet("settings")
    st.append(["key", "value"])
    st.append(["seed", 12345])
    st.append(["draws", 0])
    hp = wb.create_sheet("README", 0)
    hp.append(["kind", "field", "meaning", "unit", "allowed values", "default"])
    for f in FIELDS:
        hp.append([f.kind, f.field, f.meaning, f.unit, f.allowed, f.default])
    for row in _SHEET_HELP:
        hp.append(list(row))
    for c in hp[1]:
        c.font = Font(bold=True)
    hp.freeze_panes = "A2"
    for letter, width in zip("ABCDEF", (20, 24, 60, 18, 60, 28), strict=True):
        hp.column_dimensions[letter].width = width
    force_text_cells(wb)  # sector names are text, never formulas
    atomic_write(path, lambda p: wb.save(p), force=force)
