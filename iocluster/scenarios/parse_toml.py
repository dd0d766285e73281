"""Parse scenario files written in TOML (DESIGN.md §4).

Layout (the bundled examples in ``data/scenarios/`` use every shock kind)::

    seed = 2024                       # Monte Carlo seed (optional)
    [clusters]
    textiles = ["А01.16", "C13*", "C14"]
    services = ["H49-51", "H52", "K64"]

    [[scenario]]
    name = "integration"
    [[scenario.shock]]
    kind = "coefficients"
    rows = ["services"]
    cols = ["textiles"]
    operation = "scale"
    value = [10, 30]                  # a range: uniform draws
    balance = "imports"

:func:`scenario_file_from_dict` turns the parsed document (from TOML or from an Excel
sheet) into a frozen :class:`~iocluster.scenarios.spec.ScenarioFile`; every error names
the scenario, the shock (position and kind) and the field.
"""

from __future__ import annotations

import difflib
import math
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from iocluster.core.budget import check_toml_document, check_toml_file
from iocluster.errors import InputError, ScenarioError, close_matches
from iocluster.io.magnitude import check_value
from iocluster.io.taxes import read_tax_file, tax_records
from iocluster.scenarios.spec import (
    ASSET_TYPES,
    BALANCE_RULES,
    GIVE_WAY,
    SHOCK_KINDS,
    CoefficientShock,
    ExtractionShock,
    FinalDemandShock,
    ImportSubstitutionShock,
    InvestmentShock,
    Param,
    PriceShock,
    ProductivityShock,
    Scenario,
    ScenarioFile,
    Shock,
    SubsidyShock,
    TaxShock,
    shock_where,
)

__all__ = [
    "parse_param",
    "read_scenario_toml",
    "scenario_file_from_dict",
    "scenario_file_from_text",
]

_TOP_KEYS = {
    "seed",
    "draws",
    "clusters",
    "scenario",
    "title",
    "description",
    "taxes",
    "bridge",
}


def _num(v: object, where: str) -> float:
    if isinstance(v, bool) or not isinstance(v, int | float | str):
        raise ScenarioError(f"{where}: expected a number, got {v!r}")
    try:
        f = float(v)
    except ValueError:
        raise ScenarioError(f"{where}: expected a number, got {v!r}") from None
    if not math.isfinite(f):
        raise ScenarioError(f"{where}: expected a finite number, got {v!r}")
    return check_value(f, where, ScenarioError)  # the tables' rule: at most 1e20


def parse_param(v: object, where: str) -> Param:
    """A number, ``[low, high]`` (uniform) or a table with ``dist`` and its fields.

    >>> parse_param([1, 3], "x").describe()
    'uniform[1, 3]'
    >>> parse_param({"dist": "normal", "mean": 2, "sd": 1, "low": 0}, "x").bounds()
    (0.0, inf)
    """
    if isinstance(v, list | tuple):
        if len(v) != 2:
            raise ScenarioError(f"{where}: a range must be [low, high], got {list(v)!r}")
        lo, hi = _num(v[0], where), _num(v[1], where)
        if lo > hi:
            raise ScenarioError(f"{where}: range [low, high] has low {lo:g} above high {hi:g}")
        return Param("uniform", low=lo, high=hi)
    if isinstance(v, Mapping):
        d = dict(v)
        dist = str(d.pop("dist", d.pop("distribution", "")))
        if dist not in ("uniform", "triangular", "normal"):
            raise ScenarioError(
                f"{where}: 'dist' must be uniform, triangular or normal, got '{dist}'"
            )
        need = {"uniform": ("low", "high"), "triangular": ("low", "mode", "high")}.get(
            dist, ("mean", "sd")
        )
        allowed = set(need) | ({"low", "high"} if dist == "normal" else set())
        for k in d:
            if k not in allowed:
                raise ScenarioError(f"{where}: unknown key '{k}' for a {dist} distribution")
        for k in need:
            if k not in d:
                raise ScenarioError(f"{where}: a {dist} distribution needs '{k}'")
        vals = {k: _num(x, f"{where}.{k}") for k, x in d.items()}
        p = Param(dist, **vals)  # type: ignore[arg-type]
        lo, hi = p.bounds()
        if lo > hi:
            raise ScenarioError(f"{where}: low {lo:g} is above high {hi:g}")
        if dist == "triangular" and not lo <= p.mode <= hi:
            raise ScenarioError(f"{where}: mode {p.mode:g} must lie in [low, high]")
        if dist == "normal" and not (p.sd > 0 and lo <= p.mean <= hi):
            raise ScenarioError(f"{where}: needs sd > 0 and the mean inside [low, high]")
        return p
    return Param.fixed(_num(v, where))


def _names(v: object, where: str) -> tuple[str, ...]:
    if isinstance(v, str):
        v = [s for s in (p.strip() for p in v.split(",")) if s] if "," in v else [v]
    if not isinstance(v, list | tuple) or not all(isinstance(s, str) for s in v):
        raise ScenarioError(f"{where}: expected a list of sector codes or cluster names")
    return tuple(s.strip() for s in v if s.strip())


def _choice(v: object, allowed: tuple[str, ...], where: str) -> str:
    s = str(v).strip().lower()
    if s not in allowed:
        hint = close_matches(s, allowed)
        raise ScenarioError(f"{where}: '{v}' is not one of {', '.join(allowed)}{hint}")
    return s


def _bool(v: object, where: str) -> bool:
    if isinstance(v, bool):
        return v
    if isinstance(v, str) and v.strip().lower() in ("true", "yes", "1", "false", "no", "0"):
        return v.strip().lower() in ("true", "yes", "1")
    raise ScenarioError(f"{where}: expected true or false, got {v!r}")


def _phasing(v: object, where: str) -> tuple[tuple[int, float], ...]:
    """``{2025 = 0.5, 2026 = 1}``: the share of a tax change in force by year."""
    if not isinstance(v, Mapping) or not v:
        raise ScenarioError(f"{where}: expected a table of year = share, e.g. {{2025 = 0.5}}")
    out = []
    for k, x in v.items():
        try:
            year = int(str(k))
        except ValueError:
            raise ScenarioError(f"{where}: '{k}' is not a year") from None
        share = _num(x, f"{where}.{k}")
        if not 0.0 <= share <= 1.0:
            raise ScenarioError(f"{where}.{k}: share {share:g} is outside [0, 1]")
        out.append((year, share))
    return tuple(sorted(out))


def _tax_fields() -> dict[str, Callable[[object, str], Any]]:
    return {
        "sectors": _names,
        "instrument": lambda v, w: str(v).strip(),
        "change": parse_param,
        "unit": lambda v, w: _choice(v, ("percent", "points"), w),
        "pass_through": parse_param,
        "export_elasticity": parse_param,
        "phasing": _phasing,
    }


# field name -> converter(value, where) per kind; "from" is spelled from_ internally
def _fields(kind: str) -> dict[str, Callable[[object, str], Any]]:
    names, param = _names, parse_param
    common: dict[str, Callable[[object, str], Any]] = {
        "note": lambda v, w: str(v),
        "region": lambda v, w: str(v).strip(),
    }
    table: dict[str, dict[str, Callable[[object, str], Any]]] = {
        "coefficients": {
            "rows": names,
            "cols": names,
            "operation": lambda v, w: _choice(v, ("scale", "add", "set"), w),
            "value": param,
            "mode": lambda v, w: _choice(v, ("per_cell", "distribute"), w),
            "balance": lambda v, w: _choice(v, BALANCE_RULES, w),
        },
        "import_substitution": {
            "products": names,
            "users": names,
            "categories": names,
            "share": param,
        },
        "final_demand": {
            "sectors": names,
            "category": lambda v, w: str(v).strip(),
            "change": param,
            "unit": lambda v, w: _choice(v, ("percent", "absolute"), w),
            "mode": lambda v, w: _choice(v, ("per_cell", "distribute"), w),
        },
        "productivity": {
            "sectors": names,
            "target": lambda v, w: _choice(v, ("employment", "value_added"), w),
            "change": param,
            "productivity": _bool,
            "satellite": lambda v, w: str(v).strip(),
        },
        "extraction": {
            "sectors": names,
            "from": names,
            "to": names,
            "both_directions": _bool,
            "keep_final_demand": _bool,
        },
        "prices": {
            "sectors": names,
            "target": lambda v, w: _choice(v, ("value_added", "price"), w),
            "change": param,
        },
        "tax": _tax_fields(),
        "subsidy": _tax_fields(),
        "investment": {
            "asset": lambda v, w: _choice(v, ASSET_TYPES, w),
            "amount": param,
        },
    }
    return {**common, **table[kind]}


#: Fields a shock must state. ``balance`` and ``category`` have no default: a silent
#: ``balance = "none"`` leaves the changed columns unbalanced, and a silent category
#: changes whichever demand the default names (README, Conventions).
_REQUIRED = {
    "coefficients": ("rows", "cols", "value", "balance"),
    "import_substitution": ("products", "share"),
    "final_demand": ("sectors", "category", "change"),
    "productivity": ("sectors", "change"),
    "extraction": (),
    "prices": ("sectors", "change"),
    "tax": ("sectors", "instrument", "change"),
    "subsidy": ("sectors", "instrument", "change"),
    "investment": ("asset", "amount"),
}
_WHY_REQUIRED = {
    "balance": (
        f"; say what gives way so each changed column still sums to its output: one of "
        f"{', '.join(BALANCE_RULES)} ('none' leaves the column unbalanced)"
    ),
    "category": (
        "; name the final demand that changes: a role (exports, household, government, "
        "npish, investment, inventories, interregional) or a category of the table"
    ),
}
_CLASSES: dict[str, type[Shock]] = {
    "coefficients": CoefficientShock,
    "import_substitution": ImportSubstitutionShock,
    "final_demand": FinalDemandShock,
    "productivity": ProductivityShock,
    "extraction": ExtractionShock,
    "prices": PriceShock,
    "tax": TaxShock,
    "subsidy": SubsidyShock,
    "investment": InvestmentShock,
}


def _shock(raw: object, scen: str, index: int) -> Shock:
    where0 = shock_where(scen, index)
    if not isinstance(raw, Mapping):
        raise ScenarioError(f"{where0}: expected a table of fields")
    if "kind" not in raw:
        raise ScenarioError(
            f"{where0}, field 'kind': missing; expected one of {', '.join(SHOCK_KINDS)}"
        )
    kind = str(raw["kind"]).strip().lower()
    if kind not in SHOCK_KINDS:
        near = difflib.get_close_matches(kind, SHOCK_KINDS, n=1, cutoff=0.6)
        hint = (
            f"; did you mean '{near[0]}'?"
            if near
            else f"; expected one of {', '.join(SHOCK_KINDS)}"
        )
        raise ScenarioError(f"{where0}, field 'kind': unknown kind '{raw['kind']}'{hint}")
    fields = _fields(kind)
    kw: dict[str, Any] = {}
    for key, val in raw.items():
        if key == "kind":
            continue
        where = shock_where(scen, index, kind, key)
        if key not in fields:
            hint = close_matches(key, list(fields))
            raise ScenarioError(f"{where}: unknown field for a {kind} shock{hint}")
        kw["from_" if key == "from" else key] = fields[key](val, where)
    for key in _REQUIRED[kind]:
        if key not in raw or (isinstance(raw[key], str) and not raw[key].strip()):
            why = _WHY_REQUIRED.get(key, "")
            raise ScenarioError(f"{shock_where(scen, index, kind, key)}: required, missing{why}")
    return _CLASSES[kind](**kw)


_CAPACITY_KEYS = ("fixed_output", "capacity", "give_way")


def _capacity_fields(s: Mapping[str, Any], name: str) -> dict[str, Any]:
    """The mixed model's keys of a scenario: ``fixed_output = [sectors]``,
    ``capacity = {sector = max % growth}`` and ``give_way = "imports" | "exports"``."""
    out: dict[str, Any] = {}
    if "fixed_output" in s:
        out["fixed_output"] = _names(s["fixed_output"], f"scenario '{name}', 'fixed_output'")
    if "capacity" in s:
        raw = s["capacity"]
        where = f"scenario '{name}', 'capacity'"
        if not isinstance(raw, Mapping):
            raise ScenarioError(f"{where}: expected a table of sector = maximum % output growth")
        caps = tuple((str(k), _num(v, f"{where}.{k}")) for k, v in raw.items())
        for k, v in caps:
            if v < -100.0:
                raise ScenarioError(f"{where}.{k}: {v:g} is below -100 %")
        out["capacity"] = caps
    if "give_way" in s:
        out["give_way"] = _choice(s["give_way"], GIVE_WAY, f"scenario '{name}', 'give_way'")
    return out


def scenario_file_from_dict(doc: Mapping[str, Any], source: str = "") -> ScenarioFile:
    """Build a :class:`ScenarioFile` from a parsed document (TOML or Excel)."""
    for key in doc:
        if key == "closure":
            raise ScenarioError(
                "'closure' is not a scenario setting: the Type II closure is chosen with "
                "--closure and --closure-column (or closure= in run_scenarios); remove it "
                "from the scenario file"
            )
        if key not in _TOP_KEYS:
            raise ScenarioError(f"unknown top-level key '{key}'{close_matches(key, _TOP_KEYS)}")
    clusters_raw = doc.get("clusters", {})
    if not isinstance(clusters_raw, Mapping):
        raise ScenarioError("[clusters] must be a table of name = [codes]")
    clusters = tuple((str(k), _names(v, f"cluster '{k}'")) for k, v in clusters_raw.items())
    raw_scen = doc.get("scenario", [])
    if isinstance(raw_scen, Mapping):
        raw_scen = [raw_scen]
    if not raw_scen:
        raise ScenarioError("the file defines no scenario (expected [[scenario]] tables)")
    scenarios: list[Scenario] = []
    seen: set[str] = set()
    for i, s in enumerate(raw_scen, start=1):
        if not isinstance(s, Mapping):
            raise ScenarioError(f"scenario {i}: expected a table")
        name = str(s.get("name", f"scenario_{i}")).strip()
        if name in seen:
            raise ScenarioError(f"scenario '{name}': the name is used twice")
        seen.add(name)
        for key in s:
            if key not in ("name", "description", "shock", *_CAPACITY_KEYS):
                raise ScenarioError(f"scenario '{name}': unknown key '{key}'")
        shocks_raw = s.get("shock", [])
        if isinstance(shocks_raw, Mapping):
            shocks_raw = [shocks_raw]
        if not shocks_raw:
            raise ScenarioError(f"scenario '{name}': no shocks ([[scenario.shock]] tables)")
        shocks = tuple(_shock(r, name, j) for j, r in enumerate(shocks_raw, start=1))
        scenarios.append(
            Scenario(name, shocks, str(s.get("description", "")), **_capacity_fields(s, name))
        )
    seed = doc.get("seed", 12345)
    draws = doc.get("draws", 0)
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ScenarioError(f"'seed' must be a non-negative integer, got {seed!r}")
    if isinstance(draws, bool) or not isinstance(draws, int) or draws < 0:
        raise ScenarioError(f"'draws' must be a non-negative integer, got {draws!r}")
    return ScenarioFile(
        scenarios=tuple(scenarios),
        clusters=clusters,
        source=source,
        seed=seed,
        draws=draws,
        **_policy_files(doc, source),
    )


def _beside(v: object, source: str, key: str) -> Path:
    if not isinstance(v, str) or not v.strip():
        raise ScenarioError(f"'{key}' must be the path of a file (relative to the scenario file)")
    p = Path(v.strip())
    return p if p.is_absolute() or not source else Path(source).parent / p


def _policy_files(doc: Mapping[str, Any], source: str) -> dict[str, Any]:
    """``taxes``: a tax file (CSV, xlsx or TOML, beside the scenario file) or inline
    ``[[taxes]]`` rows; ``bridge``: an investment bridge file (read with the table)."""
    out: dict[str, Any] = {}
    if "taxes" in doc:
        raw = doc["taxes"]
        try:
            if isinstance(raw, list):
                where = [f"[[taxes]] {k}" for k in range(1, len(raw) + 1)]
                if not all(isinstance(r, Mapping) for r in raw):
                    raise ScenarioError("'taxes': expected a file path or [[taxes]] tables")
                out["taxes"] = tax_records(raw, where)
                out["tax_source"] = "the scenario file's [[taxes]]"
            else:
                p = _beside(raw, source, "taxes")
                out["taxes"] = read_tax_file(p)
                out["tax_source"], out["tax_file"] = p.name, str(p)
        except InputError as exc:
            raise ScenarioError(f"'taxes': {exc}") from None
    if "bridge" in doc:
        out["bridge"] = str(_beside(doc["bridge"], source, "bridge"))
    return out


def scenario_file_from_text(text: str, source: str) -> ScenarioFile:
    """A scenario file's TOML text as the reader takes it: syntax, the budgets of the
    document (strings, arrays, scenarios) and the scenario language; every error is
    prefixed with the file's name."""
    name = Path(source).name
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(f"{name}: not valid TOML: {exc}") from exc
    except RecursionError:
        raise ScenarioError(
            f"{name}: not valid TOML: nested more deeply than any scenario file needs"
        ) from None
    check_toml_document(doc, name)
    try:
        return scenario_file_from_dict(doc, source=source)
    except ScenarioError as exc:
        raise ScenarioError(f"{name}: {exc.message}") from None


def read_scenario_toml(path: str | Path) -> ScenarioFile:
    """Read a TOML scenario file; a syntax error names the file, line and column."""
    p = Path(path)
    check_toml_file(p)  # size budgets (iocluster.core.budget)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ScenarioError(
            f"{p.name}: not UTF-8 text (byte {exc.start}); expected a TOML scenario file"
        ) from exc
    return scenario_file_from_text(text, str(p))
