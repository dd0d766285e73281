"""Result frames for a reader: column headers and categorical values in a language.

The frames the commands print keep codes (``output_simple``, ``key_sector``, ``PASS``):
CSV and JSON write them as they are, for scripts. The formats a person reads (the
terminal table, the workbook) show them in the report's language:

* a column or index name becomes a header (:func:`column_header`): its label when the
  catalogue has one, a multiplier column ``<measure>_<kind>`` composed from the measure's
  label and the kind's (:func:`compound_header`), else the code with spaces for
  underscores;
* the values of categorical columns — a validation check's name and status, a sector's
  key-sector class and flags — become words (:func:`readable_values`), from the same
  labels the ``analyze`` report uses (:mod:`iocluster.reports.check_words`); a sector's
  role in a cluster (primary, secondary); the rows of a measure, indicator, group or
  tier (``output``, ``final demand``, ``remainder``) read as headers do.

English keeps the codes as they have always been printed (headers: underscores as
spaces; values: the codes).

>>> column_header("power_of_dispersion", "en"), column_header("output_simple", "ru")
('power of dispersion', 'Выпуск: простой')
>>> column_header("employment_total_type_I", "uz"), column_header("employment_total", "ru")
('Bandlik (jami): I tur', 'Занятость (всего)')
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

import pandas as pd

from iocluster.core.messages import template
from iocluster.reports.check_words import check_label, flag_label, status_label
from iocluster.reports.i18n import tr

__all__ = ["VALUE_WORDS", "column_header", "compound_header", "readable_values"]

#: Suffixes of compound column codes ``<measure>_<suffix>`` and the label key of each
#: (longest first: ``type_II`` before ``type_I``, ``loss_share`` before ``share``).
_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("type_II", "type_II"),
    ("type_I", "type_I"),
    ("loss_share", "col.loss_share"),
    ("loss", "col.loss"),
    ("direct", "direct"),
    ("indirect", "indirect"),
    ("simple", "simple"),
    ("induced", "induced"),
    ("total", "col.kind.total"),
)


#: Codes written with spaces whose label has another key (the chains' indicators).
_SAME_AS: Mapping[str, str] = {
    "domestic value added": "dva",
    "services value added": "services_va",
    "services share of value added": "services_share",
}

#: The employment rows (``employment``, ``employment_total``, …): measures themselves.
_EMPLOYMENT = re.compile(r"employment(_(total|formal|informal))?")


def _lower_first(text: str) -> str:
    """``text`` with its first letter in lower case ("Прямой" → "прямой"; "I tur" stays)."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def compound_header(code: str, lang: str) -> str | None:
    """The header of a compound column ``<measure>_<suffix>`` (``output_simple``,
    ``employment_total_type_I``, ``value_added_loss_share``) in
    ``lang``: the measure's label, a colon, the suffix's label; ``None`` when ``code``
    is not one (its measure has no label).

    >>> compound_header("income_induced", "ru"), compound_header("foo_simple", "ru")
    ('Доходы от труда: индуцированный', None)
    """
    from iocluster.reports.impact.tables import measure_label

    for suffix, key in _SUFFIXES:
        if not code.endswith("_" + suffix):
            continue
        measure = code[: -len(suffix) - 1]
        known = template(measure, lang) is not None or (
            measure.startswith("employment") and template("employment", lang) is not None
        )
        if known:
            return f"{measure_label(measure, lang)}: {_lower_first(tr(key, lang))}"
        return None
    return None


def column_header(code: object, lang: str = "en") -> str:
    """A column or index name as a header in ``lang``: in English the code with spaces
    for underscores (as always printed); in another language its label, or the header
    :func:`compound_header` composes, else the code with spaces."""
    text = "" if code is None else str(code)
    plain = text.replace("_", " ")
    if lang == "en" or not text:
        return plain
    if _EMPLOYMENT.fullmatch(text):  # a satellite row, not employment's "total" multiplier
        from iocluster.reports.impact.tables import measure_label

        return measure_label(text, lang)
    own = template(f"col.{text}", lang)  # a column's own word (also a compound's part)
    key = _SAME_AS.get(text, text.replace(" ", "_"))  # "final demand": final_demand
    label = (own[:1].upper() + own[1:] if own else None) or template(key, lang)
    return label or compound_header(text, lang) or plain


def _key_class(value: object, lang: str) -> object:
    return tr(value, lang) if isinstance(value, str) and value else value


def _check(value: object, lang: str) -> object:
    return check_label(value, lang) if isinstance(value, str) else value


def _status(value: object, lang: str) -> object:
    return status_label(value, lang) if isinstance(value, str) else value


def _flags(value: object, lang: str) -> object:
    return flag_label(value, lang) if isinstance(value, str) else value


def _label(value: object, lang: str) -> object:
    return column_header(value, lang) if isinstance(value, str) and value else value


def _role(value: object, lang: str) -> object:
    return tr(f"cluster.role.{value}", lang) if isinstance(value, str) and value else value


def _convention(value: object, lang: str) -> object:
    return tr(f"extract.convention.{value}", lang) if isinstance(value, str) and value else value


#: How the values of a categorical column (or index level) read in a language, by code.
VALUE_WORDS: Mapping[str, Callable[[object, str], object]] = {
    "key_sector": _key_class,
    "status": _status,
    "flag": _flags,
    "check": _check,
    "convention": _convention,
    "role": _role,
    "measure": _label,
    "indicator": _label,
    "group": _label,
    "tier": _label,
}


def _word_of(name: object, frame: pd.DataFrame) -> Callable[[object, str], object] | None:
    """The words of column or index level ``name`` of ``frame`` (a validation report's
    ``name`` is a check's name)."""
    if name == "name" and "status" in frame.columns:
        return _check
    return VALUE_WORDS.get(str(name)) if name is not None else None


def readable_values(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``frame`` with the values of its categorical columns and index levels in words of
    ``lang`` (:data:`VALUE_WORDS`); English and a frame without such columns as they are.

    >>> df = pd.DataFrame({"status": ["PASS"]}, index=pd.Index(["row identity"], name="name"))
    >>> out = readable_values(df, "ru")
    >>> out.index.tolist(), out["status"].tolist()
    (['тождество строк'], ['пройдена'])
    """
    if lang == "en":
        return frame
    cols = [c for c in frame.columns if _word_of(c, frame) is not None]
    levels = [k for k, n in enumerate(frame.index.names) if _word_of(n, frame) is not None]
    if not cols and not levels:
        return frame
    out = frame.copy()
    for c in cols:
        words = _word_of(c, frame)
        if words is not None:
            out[c] = pd.Series([words(v, lang) for v in frame[c]], index=frame.index, dtype=object)
    if levels:
        arrays: list[list[object]] = []
        for k, n in enumerate(frame.index.names):
            values = frame.index.get_level_values(k).tolist()
            words = _word_of(n, frame)
            arrays.append([words(v, lang) for v in values] if words is not None else values)
        out.index = pd.MultiIndex.from_arrays(arrays, names=frame.index.names)
        if frame.index.nlevels == 1:
            out.index = out.index.get_level_values(0)
    out.attrs = dict(frame.attrs)
    return out
