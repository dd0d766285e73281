"""The Frictionless Data Package descriptor written beside CSV results.

A ``--format csv`` result written to a folder gets ``datapackage.json`` in it; one written
to ``NAME.csv`` gets ``NAME.datapackage.json`` beside it. The descriptor follows the
Frictionless Data Package standard (v1 ``tabular-data-package`` profile,
https://specs.frictionlessdata.io/data-package/): one resource per CSV file with its
schema (every field's name and type, and for numbers the unit in the description and in
a ``unit`` property), the sources (the table and every input file with its SHA-256), and
the run's settings under the ``iocluster`` property (closure and propensity to consume,
import rule, illustrative inputs, seed and draws, checksums, command;
:class:`~iocluster.model.provenance.RunInfo`), so a number read from the CSV with any
tool still says what it is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from iocluster.model.provenance import RunInfo
from iocluster.reports.sheet_export import labelled, unit_parts, value_column

__all__ = ["descriptor", "descriptor_text"]


def _field(name: str, s: pd.Series, units: Any) -> dict[str, Any]:
    if pd.api.types.is_bool_dtype(s):
        return {"name": name, "type": "boolean"}
    if pd.api.types.is_integer_dtype(s):
        kind = "integer"
    elif pd.api.types.is_numeric_dtype(s):
        kind = "number"
    else:
        return {"name": name, "type": "string"}
    unit = value_column(name, s, units).unit
    out: dict[str, Any] = {"name": name, "type": kind}
    if unit:
        out["unit"] = unit
        out["description"] = f"{name} ({unit})"
    return out


def _resource(name: str, path: str, df: pd.DataFrame) -> dict[str, Any]:
    flat = labelled(df)
    flat.columns = [str(c) for c in flat.columns]
    units = unit_parts(str(df.attrs.get("unit", "")))
    keys = list(flat.columns[: len(flat.columns) - len(df.columns)])
    schema: dict[str, Any] = {"fields": [_field(c, flat[c], units) for c in flat.columns]}
    if keys and not flat[keys].duplicated().any():
        schema["primaryKey"] = keys
    res: dict[str, Any] = {
        "name": re.sub(r"[^a-z0-9._-]+", "-", name.lower()).strip("-") or "result",
        "path": path,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }
    if df.attrs.get("unit"):
        res["description"] = f"unit: {df.attrs['unit']}"
    return res


def descriptor(
    frames: Mapping[str, pd.DataFrame], paths: Mapping[str, str], info: RunInfo, name: str
) -> dict[str, Any]:
    """The descriptor of ``frames`` written to the CSV files ``paths`` (by frame name)."""
    sources = [{"title": f"{info.table} (table checksum SHA-256 {info.table_checksum})"}]
    sources += [
        {"title": f"{f.role}: {f.name}", "path": f.name, "sha256": f.sha256} for f in info.inputs
    ]
    return {
        "profile": "tabular-data-package",
        "name": re.sub(r"[^a-z0-9._-]+", "-", f"iocluster-{name}".lower()),
        "title": f"iocluster {name}: {info.table}",
        "description": info.summary(),
        "sources": sources,
        "resources": [_resource(k, paths[k], df) for k, df in frames.items()],
        "iocluster": info.to_dict(),
    }


def descriptor_text(
    frames: Mapping[str, pd.DataFrame], paths: Mapping[str, str], info: RunInfo, name: str
) -> str:
    """:func:`descriptor` as JSON text."""
    return json.dumps(descriptor(frames, paths, info, name), ensure_ascii=False, indent=2) + "\n"
