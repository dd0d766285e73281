"""Every field of a scenario file, documented once: kind, field, meaning, allowed values,
default.

The README's scenario-field table and the README sheet of the Excel template
(:mod:`iocluster.scenarios.template`) are both this list; a test checks that every field
:mod:`iocluster.scenarios.parse_toml` accepts is here and in the README. A new shock kind
adds its rows here (ARCHITECTURE.md, "Where to add a shock kind").

"required" in the default column: the file must state the field (no silent default).

>>> [f.field for f in FIELDS if f.kind == "extraction"]
['sectors', 'from', 'to', 'both_directions', 'keep_final_demand']
"""

from __future__ import annotations

from dataclasses import dataclass

from iocluster.scenarios.spec import BALANCE_RULES

__all__ = ["FIELDS", "Field", "markdown_table"]

_NAMES = "codes, prefixes (C13*), sector names or cluster names"
_PARAM = (
    "a number, a range [low, high] (uniform) or {dist = triangular | normal | uniform, "
    "low, mode, high, mean, sd}"
)


@dataclass(frozen=True)
class Field:
    """One documented field."""

    kind: str  #: a shock kind, "any shock", "scenario" or "file"
    field: str
    meaning: str
    allowed: str
    default: str
    #: False for a field the Excel scenario sheet has no column for (TOML files only)
    in_sheet: bool = True


# fmt: off
FIELDS: tuple[Field, ...] = (
    Field("file", "seed", "Seed of the Monte Carlo draws", "integer ≥ 0", "12345"),
    Field("file", "draws", "Monte Carlo draws (0: point estimates only)", "integer ≥ 0", "0"),
    Field("file", "[clusters]", "Named sets of sectors, usable in every name field",
          f"name = [{_NAMES}]", "the table's cluster tag"),
    Field("scenario", "name", "Scenario name (sheet and column titles)", "text", "required"),
    Field("scenario", "description", "What the scenario means, shown in the reports", "text",
          "empty"),
    Field("scenario", "fixed_output", "Sectors whose output cannot change (mixed model, "
          "Miller & Blair 2009 §13.1): their final demand gives way", _NAMES, "none"),
    Field("scenario", "capacity", "Sectors whose output may grow by at most this many "
          "percent", "{code = max % growth}", "none"),
    Field("scenario", "give_way", "What meets demand a held sector cannot supply",
          "imports, exports", "imports"),
    Field("file", "taxes", "Tax file of the tax and subsidy shocks (rates by sector and "
          "instrument), or inline [[taxes]] rows", "a path beside the scenario file (CSV, "
          "xlsx, TOML)", "the table's net taxes on production only"),
    Field("file", "bridge", "Investment bridge (asset × product shares) replacing the "
          "default's columns", "a path beside the scenario file (CSV, xlsx)",
          "derived from the table's gross fixed capital formation"),
    Field("any shock", "kind", "What changes", "coefficients, import_substitution, "
          "final_demand, productivity, extraction, prices, tax, subsidy, investment",
          "required"),
    Field("any shock", "note", "A note kept with the shock", "text", "empty"),
    Field("any shock", "region", "On an interregional table: the region the shock's "
          "sector fields are restricted to (national codes and clusters select that "
          "region's sectors)", "a region key (fergana, tashkent_city, …)", "every region"),
    # coefficients
    Field("coefficients", "rows", "Supplying products whose input coefficients change",
          _NAMES, "required"),
    Field("coefficients", "cols", "Using sectors whose input coefficients change", _NAMES,
          "required"),
    Field("coefficients", "operation", "How value changes each coefficient aᵢⱼ",
          "scale (value in %), add (Δa), set (a)", "scale"),
    Field("coefficients", "value", "The change", _PARAM, "required"),
    Field("coefficients", "mode", "Each cell, or each column's block total spread in "
          "proportion to its cells", "per_cell, distribute", "per_cell"),
    Field("coefficients", "balance", "What gives way so each changed column still sums to "
          "its output ('none' leaves it unbalanced)", ", ".join(BALANCE_RULES),
          "required"),
    # import substitution
    Field("import_substitution", "products", "Imported products partly bought at home "
          "instead", _NAMES, "required"),
    Field("import_substitution", "users", "Sectors whose imported inputs are substituted",
          _NAMES, "none (give users and/or categories)"),
    Field("import_substitution", "categories", "Final-demand categories whose imports are "
          "substituted", "roles or category names", "none"),
    Field("import_substitution", "share", "Share θ of those imports now supplied at home",
          f"0–1; {_PARAM}", "required"),
    # final demand
    Field("final_demand", "sectors", "Sectors whose final demand changes", _NAMES,
          "required"),
    Field("final_demand", "category", "The final demand that changes",
          "a role (exports, household, government, npish, investment, inventories, "
          "interregional) or a category name of the table", "required"),
    Field("final_demand", "change", "The change", _PARAM, "required"),
    Field("final_demand", "unit", "Unit of change", "percent, absolute (table units)",
          "percent"),
    Field("final_demand", "mode", "Each sector, or the total spread in proportion to the "
          "category's demand", "per_cell, distribute", "per_cell"),
    # productivity
    Field("productivity", "sectors", "Sectors whose coefficients change", _NAMES,
          "required"),
    Field("productivity", "target", "Which coefficients: jobs per unit of output or value "
          "added per unit", "employment, value_added", "employment"),
    Field("productivity", "change", "Percent change of the coefficient (or of productivity)",
          _PARAM, "required"),
    Field("productivity", "productivity", "Read change as productivity: coefficient ÷ "
          "(1 + change/100)", "true, false", "false"),
    Field("productivity", "satellite", "The employment row changed", "a satellite row name",
          "every satellite row"),
    # extraction
    Field("extraction", "sectors", "Sectors extracted: their rows and columns of A set "
          "to 0", _NAMES, "none (give sectors, or from and to)"),
    Field("extraction", "from", "Suppliers whose linkages to the to group are removed",
          _NAMES, "none (with to)"),
    Field("extraction", "to", "Users whose inputs from the from group are removed", _NAMES,
          "none (with from)"),
    Field("extraction", "both_directions", "Also remove the linkages from to back to from",
          "true, false", "false"),
    Field("extraction", "keep_final_demand", "Keep the extracted sectors' final demand",
          "true, false", "false"),
    # prices
    Field("prices", "sectors", "Sectors whose price or unit value added changes", _NAMES,
          "required"),
    Field("prices", "target", "price: the products' price set exogenously; value_added: "
          "unit value added changes (cost push)", "price, value_added", "price"),
    Field("prices", "change", "Percent change (negative: cheaper)", _PARAM, "required"),
    # tax and subsidy (the same fields)
    *(
        row
        for kind in ("tax", "subsidy")
        for row in (
            Field(kind, "sectors", "Sectors whose rate changes", _NAMES, "required"),
            Field(kind, "instrument", "The instrument of the tax file (or the table's "
                  "table_net_taxes_on_production)", "an instrument name", "required"),
            Field(kind, "change", "The change of the rate", _PARAM, "required"),
            Field(kind, "unit", "percent: of the current rate (−50 halves it); points: "
                  "percentage points of the base", "percent, points", "percent"),
            Field(kind, "pass_through", "Share of the cost change passed on to prices",
                  _PARAM + " in [0, 1]", "1 (full)"),
            Field(kind, "export_elasticity", "Price elasticity of the sectors' exports",
                  _PARAM + " (≤ 0)", "0 (fixed quantities)"),
            Field(kind, "phasing", "Share of the change in force by year (TOML files "
                  "only)", "{year = share in [0, 1]}", "all at once", in_sheet=False),
        )
    ),
    # investment
    Field("investment", "asset", "Asset type bought", "machinery, construction, transport, "
          "ict, other", "machinery"),
    Field("investment", "amount", "Amount of capital formation in table units, spread "
          "over products by the bridge and split into domestic and imported supply",
          _PARAM, "required"),
    # New shock kinds add their rows here, before this line.
)
# fmt: on


def markdown_table(fields: tuple[Field, ...] = FIELDS) -> str:
    """The fields as the README's markdown table.

    >>> print(markdown_table(FIELDS[:1]))
    | kind | field | meaning | allowed values | default |
    |---|---|---|---|---|
    | file | `seed` | Seed of the Monte Carlo draws | integer ≥ 0 | 12345 |
    """
    lines = ["| kind | field | meaning | allowed values | default |", "|---|---|---|---|---|"]
    for f in fields:
        allowed = f.allowed.replace("|", "\\|")
        lines.append(f"| {f.kind} | `{f.field}` | {f.meaning} | {allowed} | {f.default} |")
    return "\n".join(lines)
