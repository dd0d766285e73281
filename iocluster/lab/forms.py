"""The shock forms, generated from the shock kinds' field specs
(:class:`~iocluster.scenarios.fieldspec.FieldSpec`): one widget per field, by its value
type — sectors and categories as searchable multi-selects (cluster names first, then
the table's sectors), parameters as a value, a range or a distribution, choices as
drop-downs of the kind's allowed values, booleans as check boxes, text with the values
the table offers. Labels and help come from the language tables (keys ``field_KEY``,
``help_KIND_KEY``, ``opt_VALUE``); a test checks every field of every kind has them.

:func:`read_form` reads a submitted form back into the values
:func:`iocluster.lab.document.shock_table` turns into the shock's TOML table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from shiny import ui

from iocluster.lab.document import DISTS, ParamInput, default_param, form_specs
from iocluster.reports.i18n import tr
from iocluster.scenarios.fieldspec import FieldSpec
from iocluster.scenarios.offers import offered_values
from iocluster.table import IOTable

__all__ = ["PARAM_PARTS", "field_id", "help_key", "read_form", "sector_choices", "shock_form"]

#: The boxes of a parameter, by distribution (:data:`iocluster.lab.document.DISTS`).
PARAM_PARTS: dict[str, tuple[str, ...]] = {
    "fixed": ("value",),
    "uniform": ("low", "high"),
    "triangular": ("low", "mode", "high"),
    "normal": ("mean", "sd", "low", "high"),
}
Getter = Callable[[str], Any]


def field_id(key: str, part: str = "") -> str:
    """The input id of a field (and of one box of a parameter)."""
    return f"f_{key}" + (f"__{part}" if part else "")


def help_key(kind: str, spec: FieldSpec) -> str:
    """The language-table key of a field's help text (the common fields share one)."""
    common = spec.key in ("note", "region")
    return f"help_any_{spec.key}" if common else f"help_{kind}_{spec.key}"


def sector_choices(table: IOTable, clusters: Sequence[str], lang: str) -> dict[str, Any]:
    """Cluster names, then every sector as "code — name" (grouped, searchable); on an
    interregional table also the national codes (with ``region`` they select that
    region's sectors)."""
    out: dict[str, Any] = {tr("clusters_paren", lang): {c: c for c in clusters}}
    national = table.tags.get("sector")
    if national and "region" in table.tags:
        out[tr("lab_national_codes", lang)] = {c: c for c in dict.fromkeys(national)}
    out[tr("sector", lang)] = {
        c: f"{c} — {n}" for c, n in zip(table.codes, table.names, strict=True)
    }
    return out


def _label(kind: str, spec: FieldSpec, lang: str) -> Any:
    name = tr(f"field_{spec.key}", lang) + (" *" if spec.required else "")
    return ui.TagList(
        ui.tags.span(name),
        " ",
        ui.tags.code(spec.key),
        ui.tags.div(tr(help_key(kind, spec), lang), class_="form-text mt-0 mb-1"),
    )


def _param(kind: str, spec: FieldSpec, lang: str, get: Getter) -> Any:
    start = default_param(kind, spec)
    dist_id = field_id(spec.key, "dist")
    dist = get(dist_id) or start.dist
    boxes = []
    for part in ("value", "low", "high", "mode", "mean", "sd"):
        have = get(field_id(spec.key, part))
        value = have if have is not None else getattr(start, part)
        shown = [d for d, parts in PARAM_PARTS.items() if part in parts]
        cond = " || ".join(f"input.{dist_id} === '{d}'" for d in shown)
        boxes.append(
            ui.panel_conditional(
                cond, ui.input_numeric(field_id(spec.key, part), tr(f"param_{part}", lang), value)
            )
        )
    return ui.div(
        _label(kind, spec, lang),
        ui.input_select(dist_id, None, {d: tr(f"dist_{d}", lang) for d in DISTS}, selected=dist),
        ui.div(*boxes, class_="d-flex flex-wrap gap-2 lab-param"),
        class_="mb-3",
    )


def _one(
    kind: str, spec: FieldSpec, table: IOTable, clusters: Sequence[str], lang: str, get: Getter
) -> Any:
    fid, have = field_id(spec.key), get(field_id(spec.key))
    label = _label(kind, spec, lang)
    if spec.value == "param":
        return _param(kind, spec, lang, get)
    if spec.value == "sectors":
        return ui.input_selectize(
            fid,
            label,
            sector_choices(table, clusters, lang),
            selected=list(have or []),
            multiple=True,
            remove_button=True,
        )
    if spec.value == "bool":
        return ui.div(label, ui.input_checkbox(fid, tr("yes", lang), bool(have)))
    offers = offered_values(spec, table)
    if spec.value == "choice":
        choices = {c: tr(f"opt_{c}", lang) for c in offers}
        pick = (
            have
            if have in choices
            else (spec.default_text if spec.default_text in choices else next(iter(choices)))
        )
        return ui.input_select(fid, label, choices, selected=pick)
    if spec.value == "categories" or offers:
        choices = {c: c for c in offers}
        many = spec.value == "categories"
        pick = (
            have
            if have is not None
            else ([] if many else spec.default_text if spec.default_text in choices else "")
        )
        return ui.input_selectize(
            fid, label, {"": "", **choices} if not many else choices, selected=pick, multiple=many
        )
    return ui.input_text(fid, label, str(have or ""))


def shock_form(
    kind: str,
    table: IOTable,
    clusters: Sequence[str],
    lang: str,
    get: Getter,
    *,
    regions: Sequence[str] = (),
) -> Any:
    """The form of one shock kind on ``table``: a widget per field of the kind (the
    ``region`` field only with ``regions``, an interregional table's); ``get(id)`` gives
    a widget's current value (kept across a change of language or kind)."""
    out = []
    for spec in form_specs(kind):
        if spec.value == "region":
            if regions:
                fid = field_id(spec.key)
                out.append(
                    ui.input_select(
                        fid,
                        _label(kind, spec, lang),
                        {"": tr("every_region", lang), **{r: r for r in regions}},
                        selected=get(fid) or "",
                    )
                )
            continue
        out.append(_one(kind, spec, table, clusters, lang, get))
    return ui.div(*out)


def read_form(kind: str, get: Getter) -> dict[str, Any]:
    """The form's values by field key (parameters as :class:`ParamInput`)."""
    out: dict[str, Any] = {}
    for spec in form_specs(kind):
        if spec.value == "param":
            dist = get(field_id(spec.key, "dist")) or "fixed"
            parts = {p: get(field_id(spec.key, p)) for p in PARAM_PARTS.get(dist, ())}
            nums = {p: (float(v) if isinstance(v, int | float) else None) for p, v in parts.items()}
            out[spec.key] = ParamInput(dist, **nums)
        else:
            out[spec.key] = get(field_id(spec.key))
    return out
