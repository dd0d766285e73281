"""Scenario documents (the dicts :func:`~iocluster.scenarios.parse_toml.scenario_file_from_dict`
reads) written as TOML, so a converted scenario can be read, checked and edited."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

from iocluster.core.messages import Message
from iocluster.errors import ScenarioError

__all__ = ["readable_scenario_toml", "scenario_toml"]


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if not math.isfinite(v):
            raise ScenarioError(Message("scenarios.toml_not_finite", value=str(v), format="TOML"))
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)  # a TOML basic string
    if isinstance(v, list | tuple):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    raise ScenarioError(Message("scenarios.toml_type", type=type(v).__name__))


def _pairs(d: Mapping[str, Any], indent: str = "") -> list[str]:
    return [f"{indent}{k} = {_value(v)}" for k, v in d.items() if not isinstance(v, dict | list) or
            (isinstance(v, list) and not any(isinstance(x, dict) for x in v))]  # fmt: skip


def scenario_toml(doc: Mapping[str, Any], header: str = "") -> str:
    """TOML text of a scenario document: top-level settings, ``[clusters]``, then each
    ``[[scenario]]`` with its ``[[scenario.shock]]`` tables.

    >>> text = scenario_toml({"scenario": [{"name": "s", "shock": [
    ...     {"kind": "final_demand", "sectors": ["S1"], "category": "exports", "change": 5.0}]}]})
    >>> print(text)
    [[scenario]]
    name = "s"
    <BLANKLINE>
      [[scenario.shock]]
      kind = "final_demand"
      sectors = ["S1"]
      category = "exports"
      change = 5.0
    <BLANKLINE>
    """
    lines = [f"# {line}" for line in header.splitlines()]
    top = {k: v for k, v in doc.items() if k not in ("clusters", "scenario")}
    lines += _pairs(top)
    if top or lines:
        lines.append("")
    if doc.get("clusters"):
        lines += ["[clusters]", *_pairs(doc["clusters"]), ""]
    for scen in doc.get("scenario", []):
        lines += ["[[scenario]]", *_pairs(scen), ""]
        for shock in scen.get("shock", []):
            lines += ["  [[scenario.shock]]", *_pairs(shock, "  "), ""]
    return "\n".join(lines)


def readable_scenario_toml(doc: Mapping[str, Any], header: str, name: str) -> str:
    """:func:`scenario_toml`, checked as ``iocluster shock`` would read it from a file
    called ``name``: its size, TOML syntax, the document's budgets, the scenario language
    and the counts of scenarios, shocks and draws. Nothing is written that the reader
    would refuse.

    Raises
    ------
    ScenarioError, InputError
        Naming ``name`` and what the reader would refuse.
    """
    from iocluster.core.budget import TOML_BYTES
    from iocluster.scenarios.parse_toml import scenario_file_from_text
    from iocluster.scenarios.run import check_counts

    text = scenario_toml(doc, header)
    TOML_BYTES.check(len(text.encode("utf-8")), f"{name}: the file size")
    check_counts(scenario_file_from_text(text, name), name)
    return text
