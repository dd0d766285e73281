"""Parse scenario sheets of an Excel workbook (the layout ``scenario-template`` writes).

Sheet ``scenarios``: one row per shock; ``scenario`` names the scenario the shock
belongs to (rows of one scenario are applied in order), ``kind`` the shock kind, and the
other columns the shock's fields (lists as comma-separated text). The parameter of the
shock (``value``, ``share`` or ``change``) is the ``value`` column, or a distribution
given by ``dist`` with ``low``/``most_likely``/``high`` or ``mean``/``sd``. Optional sheet
``clusters``: columns ``cluster`` and ``members``. Optional sheet ``settings``: ``key``,
``value`` rows (``seed``, ``draws``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from iocluster.core.messages import Message
from iocluster.errors import Location, ScenarioError, Text
from iocluster.io.cells import place
from iocluster.scenarios.kinds import KINDS
from iocluster.scenarios.params import shock_of
from iocluster.scenarios.parse_toml import scenario_file_from_dict, with_source_file
from iocluster.scenarios.problems import at
from iocluster.scenarios.spec import ScenarioFile

__all__ = ["COLUMNS", "PARAM_FIELD", "read_scenario_excel"]

#: the parameter of each kind that the sheet's ``value`` column (or distribution
#: columns) gives: its first required parameter (``share``, ``change``, ``amount`` ...)
PARAM_FIELD = {
    kind: next(f.key for f in cls.own_specs() if f.value == "param" and f.required)
    for kind, cls in KINDS.items()
    if any(f.value == "param" and f.required for f in cls.own_specs())
}
_DIST_COLS = ("dist", "low", "most_likely", "high", "mean", "sd")
#: columns of the ``scenarios`` sheet, in template order: every field a kind has a
#: column for (its value parameter aside), then the value and distribution columns
COLUMNS = (
    "scenario",
    "description",
    "kind",
    *dict.fromkeys(
        f.key
        for kind, cls in KINDS.items()
        for f in cls.own_specs()
        if f.in_sheet and f.key != PARAM_FIELD.get(kind)
    ),
    "region",
    "value",
    *_DIST_COLS,
    "note",
)


def _cell(v: Any) -> Any:
    if isinstance(v, str):
        v = v.strip()
        return v if v else None
    return v


def read_scenario_excel(path: str | Path) -> ScenarioFile:
    """Read the scenario workbook; errors name the file, sheet and row."""
    from iocluster.io.cells import open_workbook

    p = Path(path)
    wb = open_workbook(p, csv_hint=False)
    if "scenarios" not in wb.sheetnames:
        raise ScenarioError(
            at(p.name, Message("scenarios.no_sheet", sheet="scenarios", sheets=wb.sheetnames))
        )
    rows = list(wb["scenarios"].iter_rows(values_only=True))
    if not rows:
        raise ScenarioError(at(f"{p.name}, sheet 'scenarios'", Message("scenarios.sheet_empty")))
    header = [str(h).strip().lower() if h is not None else "" for h in rows[0]]
    for h in header:
        if h and h not in COLUMNS:
            raise ScenarioError(
                at(
                    f"{p.name}, sheet 'scenarios', row 1",
                    Message("scenarios.unknown_column", column=h),
                )
            )
    for need in ("scenario", "kind"):
        if need not in header:
            raise ScenarioError(
                at(
                    f"{p.name}, sheet 'scenarios', row 1",
                    Message("scenarios.missing_column", column=need),
                )
            )
    scen: dict[str, dict[str, Any]] = {}
    for r, row in enumerate(rows[1:], start=2):
        rec = {h: _cell(v) for h, v in zip(header, row, strict=False) if h}
        if all(v is None for v in rec.values()):
            continue
        where = _row_place(p, "scenarios", r)
        name, kind = rec.pop("scenario", None), rec.get("kind")
        if name is None or kind is None:
            raise ScenarioError(at(where, Message("scenarios.row_needs", a="scenario", b="kind")))
        desc = rec.pop("description", None)
        s = scen.setdefault(str(name), {"name": str(name), "shock": []})
        if desc:
            s["description"] = str(desc)
        shock: dict[str, Any] = {k: v for k, v in rec.items() if v is not None}
        dist = {k: shock.pop(k) for k in _DIST_COLS if k in shock}
        pf = PARAM_FIELD.get(str(kind).strip().lower())
        if pf is not None:
            if "dist" in dist:
                d = {("mode" if k == "most_likely" else k): v for k, v in dist.items()}
                shock[pf] = d
            elif "value" in shock:
                shock[pf] = shock.pop("value")
            elif "low" in dist and "high" in dist:
                shock[pf] = [dist["low"], dist["high"]]
        elif dist or "value" in shock:
            raise ScenarioError(at(where, Message("scenarios.takes_no_value", kind=kind)))
        shock["_row"] = r
        s["shock"].append(shock)
    doc: dict[str, Any] = {"scenario": list(scen.values())}
    if "clusters" in wb.sheetnames:
        cl: dict[str, str] = {}
        for r, row in enumerate(wb["clusters"].iter_rows(min_row=2, values_only=True), 2):
            if row and row[0] is not None:
                if len(row) < 2 or row[1] is None:
                    raise ScenarioError(
                        at(_row_place(p, "clusters", r), Message("scenarios.no_members"))
                    )
                cl[str(row[0]).strip()] = str(row[1])
        doc["clusters"] = cl
    if "settings" in wb.sheetnames:
        for r, row in enumerate(wb["settings"].iter_rows(min_row=2, values_only=True), 2):
            if row and row[0] in ("seed", "draws") and len(row) > 1 and row[1] is not None:
                try:
                    doc[str(row[0])] = int(row[1])
                except (TypeError, ValueError):
                    said = Message("scenarios.whole_number", key=str(row[0]), value=repr(row[1]))
                    raise ScenarioError(at(_row_place(p, "settings", r), said)) from None
    wb.close()
    rowmap = {
        (s["name"], j): sh.pop("_row")
        for s in doc["scenario"]
        for j, sh in enumerate(s["shock"], start=1)
    }

    def row_of(problem: Text | str) -> list[str | Text]:
        """The file, sheet and row of the shock a problem names (its keyed place)."""
        shock = shock_of(problem)
        return _row_place(p, "scenarios", rowmap.get(shock) if shock else None)

    try:
        return with_source_file(scenario_file_from_dict(doc, source=str(p)), p)
    except ScenarioError as exc:
        problems = tuple(at(row_of(q), q) for q in exc.problems)
        head = _row_place(p, "scenarios") if problems else row_of(exc.message)
        summary = at(head, exc.summary) if exc.summary else ""
        raise ScenarioError(at(head, exc.message), problems=problems, summary=summary) from None


def _row_place(p: Path, sheet: str, row: int | None = None) -> list[str | Text]:
    """``file, sheet 'name', row r``, said in the message's language
    (:func:`~iocluster.io.cells.place`)."""
    cell = Message("io.where.row", row=str(row)) if row is not None else None
    return place(Location(p, sheet, cell))
