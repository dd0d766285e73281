"""Every field of a scenario file, documented once: kind, field, meaning, unit, allowed
values, default.

The file- and scenario-level fields are listed here; every shock kind's fields come from
the kind's own definition (:mod:`iocluster.scenarios.kinds`, one :class:`~iocluster.
scenarios.fieldspec.FieldSpec` per field). The README's scenario-field table and the
README sheet of the Excel template (:mod:`iocluster.scenarios.template`) are both this
list; a test checks that every field the parser accepts is here and in the README.

"required" in the default column: the file must state the field (no silent default).

>>> [f.field for f in FIELDS if f.kind == "extraction"]
['sectors', 'from', 'to', 'both_directions', 'keep_final_demand']
"""

from __future__ import annotations

from dataclasses import dataclass

from iocluster.scenarios.fieldspec import NAMES_TEXT
from iocluster.scenarios.kinds import KINDS, SHOCK_KINDS, Shock

__all__ = ["FIELDS", "Field", "markdown_table"]


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
    unit: str = ""


# fmt: off
_SETTINGS: tuple[Field, ...] = (
    Field("file", "seed", "Seed of the Monte Carlo draws", "integer ≥ 0", "12345"),
    Field("file", "draws", "Monte Carlo draws (0: point estimates only)", "integer ≥ 0", "0"),
    Field("file", "[clusters]", "Named sets of sectors, usable in every name field",
          f"name = [{NAMES_TEXT}]", "the table's cluster tag"),
    Field("scenario", "name", "Scenario name (sheet and column titles)", "text", "required"),
    Field("scenario", "description", "What the scenario means, shown in the reports", "text",
          "empty"),
    Field("scenario", "fixed_output", "Sectors whose output cannot change (mixed model, "
          "Miller & Blair 2009 §13.1): their final demand gives way", NAMES_TEXT, "none"),
    Field("scenario", "capacity", "Sectors whose output may grow by at most this many "
          "percent", "{code = max % growth}", "none", unit="%"),
    Field("scenario", "give_way", "What meets demand a held sector cannot supply",
          "imports, exports", "imports"),
    Field("file", "taxes", "Tax file of the tax and subsidy shocks (rates by sector and "
          "instrument), or inline [[taxes]] rows", "a path beside the scenario file (CSV, "
          "xlsx, TOML)", "the table's net taxes on production only"),
    Field("file", "bridge", "Investment bridge (asset × product shares) replacing the "
          "default's columns", "a path beside the scenario file (CSV, xlsx)",
          "derived from the table's gross fixed capital formation"),
    Field("any shock", "kind", "What changes", ", ".join(SHOCK_KINDS), "required"),
)
# fmt: on


def _kind_fields() -> tuple[Field, ...]:
    """The common shock fields, then each kind's own, from the kinds' definitions."""
    rows = [("any shock", f) for f in Shock.specs()]
    rows += [(kind, f) for kind, cls in KINDS.items() for f in cls.own_specs()]
    return tuple(
        Field(kind, f.key, f.meaning, f.allowed, f.default, f.in_sheet, f.unit) for kind, f in rows
    )


FIELDS: tuple[Field, ...] = _SETTINGS + _kind_fields()


def markdown_table(fields: tuple[Field, ...] = FIELDS) -> str:
    """The fields as the README's markdown table.

    >>> print(markdown_table(FIELDS[:1]))
    | kind | field | meaning | unit | allowed values | default |
    |---|---|---|---|---|---|
    | file | `seed` | Seed of the Monte Carlo draws |  | integer ≥ 0 | 12345 |
    """
    lines = [
        "| kind | field | meaning | unit | allowed values | default |",
        "|---|---|---|---|---|---|",
    ]
    for f in fields:
        allowed = f.allowed.replace("|", "\\|")
        lines.append(
            f"| {f.kind} | `{f.field}` | {f.meaning} | {f.unit} | {allowed} | {f.default} |"
        )
    return "\n".join(lines)
