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

import dataclasses
import difflib
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from iocluster.core.budget import check_toml_document, check_toml_file
from iocluster.core.messages import Message
from iocluster.errors import InputError, ScenarioError, Text
from iocluster.io.illustrative import file_reason
from iocluster.io.taxes import read_tax_file, tax_records
from iocluster.model.provenance import InputFile
from iocluster.scenarios.fieldspec import FieldSpec
from iocluster.scenarios.kinds import KINDS, SHOCK_KINDS, Shock
from iocluster.scenarios.params import Param, place_key, place_setting, shock_where
from iocluster.scenarios.params import number as _num
from iocluster.scenarios.problems import Problems, at, located, suggest, what_of
from iocluster.scenarios.spec import GIVE_WAY, Scenario, ScenarioFile
from iocluster.scenarios.sweep import read_sweep

__all__ = [
    "parse_param",
    "read_scenario_toml",
    "scenario_file_from_dict",
    "scenario_file_from_text",
    "with_source_file",
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


#: How a range is written in a scenario file (messages quote it).
_RANGE = "[low, high]"


def parse_param(v: object, where: str | Text) -> Param:
    """A number, ``[low, high]`` (uniform) or a table with ``dist`` and its fields.

    >>> parse_param([1, 3], "x").describe()
    'uniform[1, 3]'
    >>> parse_param({"dist": "normal", "mean": 2, "sd": 1, "low": 0}, "x").bounds()
    (0.0, inf)
    """
    if isinstance(v, list | tuple):
        if len(v) != 2:
            raise ScenarioError(
                at(where, Message("scenarios.range_two", range=_RANGE, value=repr(list(v))))
            )
        lo, hi = _num(v[0], where), _num(v[1], where)
        if lo > hi:
            raise ScenarioError(
                at(where, Message("scenarios.range_order", range=_RANGE, low=lo, high=hi))
            )
        return Param("uniform", low=lo, high=hi)
    if isinstance(v, Mapping):
        d = dict(v)
        dist = str(d.pop("dist", d.pop("distribution", "")))
        if dist not in ("uniform", "triangular", "normal"):
            said = Message(
                "scenarios.dist_unknown",
                key="dist",
                a="uniform",
                b="triangular",
                c="normal",
                dist=dist,
            )
            raise ScenarioError(at(where, said))
        need = {"uniform": ("low", "high"), "triangular": ("low", "mode", "high")}.get(
            dist, ("mean", "sd")
        )
        allowed = set(need) | ({"low", "high"} if dist == "normal" else set())
        for k in d:
            if k not in allowed:
                raise ScenarioError(at(where, Message("scenarios.dist_key", key=k, dist=dist)))
        for k in need:
            if k not in d:
                raise ScenarioError(at(where, Message("scenarios.dist_needs", key=k, dist=dist)))
        vals = {k: _num(x, place_key(where, k)) for k, x in d.items()}
        p = Param(dist, **vals)  # type: ignore[arg-type]
        lo, hi = p.bounds()
        if lo > hi:
            raise ScenarioError(at(where, Message("scenarios.low_above_high", low=lo, high=hi)))
        if dist == "triangular" and not lo <= p.mode <= hi:
            raise ScenarioError(
                at(where, Message("scenarios.mode_outside", mode=p.mode, range=_RANGE))
            )
        if dist == "normal" and not (p.sd > 0 and lo <= p.mean <= hi):
            raise ScenarioError(
                at(where, Message("scenarios.normal_bounds", sd="sd", range=_RANGE))
            )
        return p
    return Param.fixed(_num(v, where))


def _names(v: object, where: str | Text) -> tuple[str, ...]:
    if isinstance(v, str):
        v = [s for s in (p.strip() for p in v.split(",")) if s] if "," in v else [v]
    if not isinstance(v, list | tuple) or not all(isinstance(s, str) for s in v):
        raise ScenarioError(at(where, Message("scenarios.expected_names")))
    return tuple(s.strip() for s in v if s.strip())


def _choice(v: object, allowed: tuple[str, ...], where: str | Text) -> str:
    s = str(v).strip().lower()
    if s not in allowed:
        hint = suggest(s, allowed)
        raise ScenarioError(
            at(where, Message("scenarios.not_one_of", value=str(v), allowed=allowed, hint=hint))
        )
    return s


def _bool(v: object, where: str | Text) -> bool:
    if isinstance(v, bool):
        return v
    if isinstance(v, str) and v.strip().lower() in ("true", "yes", "1", "false", "no", "0"):
        return v.strip().lower() in ("true", "yes", "1")
    raise ScenarioError(
        at(where, Message("scenarios.expected_bool", true="true", false="false", value=repr(v)))
    )


def _phasing(v: object, where: str | Text) -> tuple[tuple[int, float], ...]:
    """``{2025 = 0.5, 2026 = 1}``: the share of a tax change in force by year."""
    if not isinstance(v, Mapping) or not v:
        raise ScenarioError(at(where, Message("scenarios.expected_phasing")))
    out = []
    for k, x in v.items():
        try:
            year = int(str(k))
        except ValueError:
            raise ScenarioError(at(where, Message("scenarios.not_a_year", key=str(k)))) from None
        share = _num(x, place_key(where, k))
        if not 0.0 <= share <= 1.0:
            said = Message("scenarios.share_outside", share=share)
            raise ScenarioError(at(place_key(where, k), said))
        out.append((year, share))
    return tuple(sorted(out))


def _text(v: object, where: str | Text) -> str:
    return str(v).strip()


#: How a value of each field type is read (:mod:`iocluster.scenarios.fieldspec`).
_READERS: dict[str, Callable[[object, str | Text], Any]] = {
    "sectors": _names,
    "categories": _names,
    "param": parse_param,
    "bool": _bool,
    "text": _text,
    "region": _text,
    "phasing": _phasing,
    "sweep": read_sweep,
}


def _fields(kind: str) -> dict[str, FieldSpec]:
    """The fields of a shock kind by their name in files (``from``, not ``from_``)."""
    return {f.key: f for f in KINDS[kind].specs()}


def _read(f: FieldSpec, v: object, where: str | Text) -> Any:
    if f.value == "choice":
        return _choice(v, f.choices, where)
    return _READERS[f.value](v, where)


def _shock(raw: object, scen: str, index: int) -> Shock:
    where0 = shock_where(scen, index)
    if not isinstance(raw, Mapping):
        raise ScenarioError(at(where0, Message("scenarios.expected_fields")))
    if "kind" not in raw:
        said = Message("scenarios.kind_missing", kinds=SHOCK_KINDS)
        raise ScenarioError(at(shock_where(scen, index, fld="kind"), said))
    kind = str(raw["kind"]).strip().lower()
    if kind not in SHOCK_KINDS:
        near = difflib.get_close_matches(kind, SHOCK_KINDS, n=1, cutoff=0.6)
        said = (
            Message("scenarios.kind_unknown_near", kind=str(raw["kind"]), near=near[0])
            if near
            else Message("scenarios.kind_unknown", kind=str(raw["kind"]), kinds=SHOCK_KINDS)
        )
        raise ScenarioError(at(shock_where(scen, index, fld="kind"), said))
    fields = _fields(kind)
    kw: dict[str, Any] = {}
    problems = Problems()  # every wrong field of the shock, not only the first
    for key, val in raw.items():
        if key == "kind":
            continue
        where = shock_where(scen, index, kind, key)
        with problems.collect():
            if key not in fields:
                hint = suggest(key, list(fields))
                raise ScenarioError(
                    at(where, Message("scenarios.unknown_field", kind=kind, hint=hint))
                )
            kw[fields[key].name] = _read(fields[key], val, where)
    params = [k for k, f in fields.items() if f.value == "param"]
    for key, _ in kw.get("sweep", ()):
        if key not in params:
            code = "sweep.not_a_parameter" if params else "sweep.no_parameters"
            where = shock_where(scen, index, kind, "sweep")
            said = Message(code, where=where, field=key, kind=kind, allowed=params)
            problems.found.append(said)
    for key, f in fields.items():
        if f.required and (key not in raw or (isinstance(raw[key], str) and not raw[key].strip())):
            problems.found.append(
                at(
                    shock_where(scen, index, kind, key),
                    Message("scenarios.required", why=f.why_required),
                )
            )
    problems.check()
    return KINDS[kind](**kw)


_CAPACITY_KEYS = ("fixed_output", "capacity", "give_way")


def _capacity_fields(s: Mapping[str, Any], name: str) -> dict[str, Any]:
    """The mixed model's keys of a scenario: ``fixed_output = [sectors]``,
    ``capacity = {sector = max % growth}`` and ``give_way = "imports" | "exports"``."""
    out: dict[str, Any] = {}
    if "fixed_output" in s:
        out["fixed_output"] = _names(s["fixed_output"], place_setting(name, "fixed_output"))
    if "capacity" in s:
        raw = s["capacity"]
        where = place_setting(name, "capacity")
        if not isinstance(raw, Mapping):
            raise ScenarioError(at(where, Message("scenarios.capacity_table")))
        caps = tuple((str(k), _num(v, place_key(where, k))) for k, v in raw.items())
        for k, v in caps:
            if v < -100.0:
                raise ScenarioError(
                    at(place_key(where, k), Message("scenarios.below_minus_100", value=v))
                )
        out["capacity"] = caps
    if "give_way" in s:
        out["give_way"] = _choice(s["give_way"], GIVE_WAY, place_setting(name, "give_way"))
    return out


def scenario_file_from_dict(doc: Mapping[str, Any], source: str = "") -> ScenarioFile:
    """Build a :class:`ScenarioFile` from a parsed document (TOML or Excel)."""
    for key in doc:
        if key == "closure":
            raise ScenarioError(Message("scenarios.closure_key", key="closure"))
        if key not in _TOP_KEYS:
            raise ScenarioError(
                Message("scenarios.unknown_top_key", key=key, hint=suggest(key, _TOP_KEYS))
            )
    clusters_raw = doc.get("clusters", {})
    if not isinstance(clusters_raw, Mapping):
        raise ScenarioError(
            Message("scenarios.clusters_table", clusters="[clusters]", syntax="name = [codes]")
        )
    clusters = tuple((str(k), _names(v, f"cluster '{k}'")) for k, v in clusters_raw.items())
    raw_scen = doc.get("scenario", [])
    if isinstance(raw_scen, Mapping):
        raw_scen = [raw_scen]
    if not raw_scen:
        raise ScenarioError(Message("scenarios.no_scenario", tables="[[scenario]]"))
    scenarios: list[Scenario] = []
    seen: set[str] = set()
    problems = Problems()  # every wrong scenario, shock and field in one run
    for i, s in enumerate(raw_scen, start=1):
        with problems.collect():
            scenarios.append(_scenario(s, i, seen))
    seed = doc.get("seed", 12345)
    draws = doc.get("draws", 0)
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        problems.found.append(Message("scenarios.bad_count", key="seed", value=repr(seed)))
    if isinstance(draws, bool) or not isinstance(draws, int) or draws < 0:
        problems.found.append(Message("scenarios.bad_count", key="draws", value=repr(draws)))
    policy: dict[str, Any] = {}
    with problems.collect():
        policy = _policy_files(doc, source)
    problems.check()
    return ScenarioFile(
        scenarios=tuple(scenarios),
        clusters=clusters,
        source=source,
        seed=seed,
        draws=draws,
        **policy,
    )


def _scenario(s: object, i: int, seen: set[str]) -> Scenario:
    """Scenario ``i`` of a document; every wrong shock or key is named (one error)."""
    if not isinstance(s, Mapping):
        raise ScenarioError(at(f"scenario {i}", Message("scenarios.expected_table")))
    name = str(s.get("name", f"scenario_{i}")).strip()
    if name in seen:
        raise ScenarioError(at(shock_where(name), Message("scenarios.name_twice")))
    seen.add(name)
    problems = Problems()
    for key in s:
        if key not in ("name", "description", "shock", *_CAPACITY_KEYS):
            problems.found.append(at(shock_where(name), Message("scenarios.unknown_key", key=key)))
    shocks_raw = s.get("shock", [])
    if isinstance(shocks_raw, Mapping):
        shocks_raw = [shocks_raw]
    if not shocks_raw:
        problems.found.append(
            at(shock_where(name), Message("scenarios.no_shocks", tables="[[scenario.shock]]"))
        )
    shocks = []
    for j, r in enumerate(shocks_raw, start=1):
        with problems.collect():
            shocks.append(_shock(r, name, j))
    swept = [sh for sh in enumerate(shocks, start=1) if sh[1].sweep]
    if len(swept) > 1:
        said = Message("sweep.two_shocks", scenario=name, first=swept[0][0], second=swept[1][0])
        problems.found.append(said)
    capacity: dict[str, Any] = {}
    with problems.collect():
        capacity = _capacity_fields(s, name)
    problems.check()
    return Scenario(name, tuple(shocks), str(s.get("description", "")), **capacity)


def _beside(v: object, source: str, key: str) -> Path:
    if not isinstance(v, str) or not v.strip():
        raise ScenarioError(Message("scenarios.path_expected", key=key))
    p = Path(v.strip())
    return p if p.is_absolute() or not source else Path(source).parent / p


def _policy_files(doc: Mapping[str, Any], source: str) -> dict[str, Any]:
    """``taxes``: a tax file (CSV, xlsx or TOML, beside the scenario file) or inline
    ``[[taxes]]`` rows; ``bridge``: an investment bridge file (read with the table)."""
    out: dict[str, Any] = {}
    inputs: list[InputFile] = []
    if "taxes" in doc:
        raw = doc["taxes"]
        try:
            if isinstance(raw, list):
                where = [f"[[taxes]] {k}" for k in range(1, len(raw) + 1)]
                if not all(isinstance(r, Mapping) for r in raw):
                    raise ScenarioError(
                        at("'taxes'", Message("scenarios.taxes_expected", tables="[[taxes]]"))
                    )
                out["taxes"] = tax_records(raw, where)
                out["tax_source"] = "the scenario file's [[taxes]]"
            else:
                p = _beside(raw, source, "taxes")
                out["taxes"] = read_tax_file(p)
                out["tax_source"], out["tax_file"] = p.name, str(p)
                inputs.append(InputFile.of("taxes", p, file_reason(p)))
        except InputError as exc:
            raise ScenarioError(at("'taxes'", what_of(exc))) from None
    if "bridge" in doc:
        p = _beside(doc["bridge"], source, "bridge")
        out["bridge"] = str(p)
        if p.is_file():  # a missing bridge is named when the scenario is validated
            inputs.append(InputFile.of("bridge", p, file_reason(p)))
    out["inputs"] = tuple(inputs)
    return out


def scenario_file_from_text(text: str, source: str) -> ScenarioFile:
    """A scenario file's TOML text as the reader takes it: syntax, the budgets of the
    document (strings, arrays, scenarios) and the scenario language; every error is
    prefixed with the file's name."""
    name = Path(source).name
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(at(name, Message("scenarios.not_toml", error=str(exc)))) from exc
    except RecursionError:
        raise ScenarioError(at(name, Message("scenarios.toml_too_deep"))) from None
    check_toml_document(doc, name)
    try:
        return scenario_file_from_dict(doc, source=source)
    except ScenarioError as exc:
        raise located(exc, name) from None


def read_scenario_toml(path: str | Path) -> ScenarioFile:
    """Read a TOML scenario file; a syntax error names the file, line and column."""
    p = Path(path)
    check_toml_file(p)  # size budgets (iocluster.core.budget)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ScenarioError(
            at(p.name, Message("scenarios.not_utf8", encoding="UTF-8", byte=exc.start))
        ) from exc
    return with_source_file(scenario_file_from_text(text, str(p)), p)


def with_source_file(sf: ScenarioFile, path: Path) -> ScenarioFile:
    """``sf`` with the file it was read from first among its inputs."""
    return dataclasses.replace(
        sf, inputs=(InputFile.of("scenario", path, file_reason(path)), *sf.inputs)
    )
