"""Messages by key: what iocluster says, as a stable code and typed parameters, written
in a language from its catalogue.

A :class:`Message` is a record — ``Message("check.row_identity", worst=0.3, sector="C13")``
— that any layer can emit (a validation detail, an assumption, a warning, an error, a
sentence of a summary); only the reports and the command line turn it into text, in the
language asked for (:func:`render`). ``str(message)`` is its English text, so a message
reads in logs and in ``except`` clauses like a sentence.

**Catalogues.** One gettext PO file per language and domain,
``iocluster/locale/<lang>/<domain>.po`` (``en``, ``ru``, ``uz`` for Uzbek in Latin
letters, ``uz-Cyrl`` for Uzbek in Cyrillic): ``msgid`` is the code, ``msgstr`` the text with
``{name}`` placeholders (Python brace format, flagged ``python-brace-format``). English is
a catalogue like the others. PO is the format translators' tools read and write
(Poedit, Weblate, Crowdin, Babel's ``pybabel``), carries translator comments and fuzzy
marks, and has plural forms by the language's own rule (``Plural-Forms`` header, from the
Unicode CLDR through Babel): a message with a count parameter ``n`` has a
``msgid_plural`` and one ``msgstr[k]`` per form (1 сектор, 2 сектора, 5 секторов;
Uzbek has one form: 5 ta tarmoq).

**Numbers** inside a text are written by Babel in the language's conventions (grouping
and decimal signs from CLDR: ``1,234.5`` in English, ``1 234,5`` in Russian and Uzbek);
a placeholder's format spec says how many digits: ``{x:.3f}`` (three decimals),
``{x:.2%}`` (a share as a percentage), ``{x:.4g}`` (significant digits), ``{x:,}`` or an
integer (grouped), ``{x:+.1f}`` (a sign on positive numbers). A parameter that is a
:class:`Message` is rendered in the same language; a list is joined with commas.

>>> render(Message("count.sectors", n=5), "ru"), render(Message("count.sectors", n=22), "ru")
('5 отраслей', '22 отрасли')
>>> render(Message("count.sectors", n=1), "ru"), render(Message("count.sectors", n=21), "uz")
('1 отрасль', '21 ta tarmoq')
>>> render(Message("share_of", share=0.1234, total=1234567.8), "ru")
'12,34\xa0% от 1\xa0234\xa0567,8'
>>> str(Message("share_of", share=0.5, total=10.0))
'50.00% of 10'
"""

from __future__ import annotations

import gettext
import io
import math
import re
import string
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, get_args

from iocluster.core.choices import Lang

__all__ = [
    "BABEL_LOCALES",
    "LANGS",
    "Catalogue",
    "Message",
    "catalogue",
    "check_lang",
    "format_number",
    "render",
    "template",
]

#: The languages, in the order of the language choice (``--lang``).
LANGS: tuple[str, ...] = get_args(Lang)
#: Babel's (CLDR's) name of each language.
BABEL_LOCALES = {"en": "en", "ru": "ru", "uz": "uz", "uz-Cyrl": "uz_Cyrl"}
_MINUS = "\u2212"


def check_lang(lang: str) -> str:
    """The language ``lang`` names (case-insensitive: ``uz-cyrl`` is ``uz-Cyrl``), or an
    :class:`~iocluster.errors.InputError` naming the choices (the one rule of ``--lang``,
    the reports and the lab)."""
    from iocluster.errors import InputError

    key = {code.lower(): code for code in LANGS}.get(lang.strip().lower())
    if key is None:
        raise InputError(f"unknown report language '{lang}'; expected one of {', '.join(LANGS)}")
    return key


@dataclass(frozen=True)
class Message:
    """A message: a stable ``code`` (a ``msgid`` of every catalogue) and its parameters."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __init__(self, code: str, params: Mapping[str, Any] | None = None, **kw: Any) -> None:
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "params", {**(params or {}), **kw})

    def __str__(self) -> str:
        return render(self, "en")

    def __hash__(self) -> int:
        return hash((self.code, repr(sorted(self.params.items(), key=lambda kv: kv[0]))))

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Message)
            and self.code == other.code
            and dict(self.params) == dict(other.params)
        )

    def text(self, lang: str) -> str:
        """The message in ``lang``."""
        return render(self, lang)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form (nested messages too): ``{"code": …, "params": {…}}``.

        >>> m = Message("count.sectors", n=3)
        >>> Message.from_dict(m.to_dict()) == m
        True
        """

        def plain(v: Any) -> Any:
            if isinstance(v, Message):
                return v.to_dict()
            if isinstance(v, tuple | list):
                return [plain(x) for x in v]
            if hasattr(v, "item"):  # a numpy number
                return v.item()
            return v

        return {"code": self.code, "params": {k: plain(v) for k, v in self.params.items()}}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Message:
        """The message :meth:`to_dict` wrote."""

        def back(v: Any) -> Any:
            if isinstance(v, Mapping) and set(v) == {"code", "params"}:
                return cls.from_dict(v)
            if isinstance(v, list):
                return tuple(back(x) for x in v)
            return v

        return cls(str(d["code"]), {k: back(v) for k, v in dict(d["params"]).items()})


@dataclass(frozen=True)
class Catalogue:
    """One language's texts by code: a text, or its plural forms, and the plural rule
    (``n`` → the index of the form)."""

    lang: str
    texts: Mapping[str, str | tuple[str, ...]]
    plural: Callable[[int], int]


def _read_po(data: bytes, lang: str) -> tuple[dict[str, str | tuple[str, ...]], str]:
    from babel.messages.pofile import read_po

    cat = read_po(io.BytesIO(data), locale=BABEL_LOCALES[lang])
    out: dict[str, str | tuple[str, ...]] = {}
    for m in cat:
        if not m.id:
            continue
        key = m.id[0] if isinstance(m.id, tuple | list) else m.id
        value = tuple(m.string) if isinstance(m.string, tuple | list) else m.string
        if value and (not isinstance(value, tuple) or all(value)):
            out[str(key)] = value
    return out, cat.plural_expr


@cache
def catalogue(lang: str) -> Catalogue:
    """Every domain of ``lang``'s catalogue, read once (``iocluster/locale/<lang>/*.po``)."""
    if lang not in LANGS:
        raise ValueError(f"unknown language '{lang}'; expected one of {', '.join(LANGS)}")
    texts: dict[str, str | tuple[str, ...]] = {}
    expr = "(n != 1)"
    folder = resources.files("iocluster") / "locale" / lang
    for f in sorted(folder.iterdir(), key=lambda p: p.name):
        if f.name.endswith(".po"):
            found, expr = _read_po(f.read_bytes(), lang)
            texts.update(found)
    return Catalogue(lang, texts, gettext.c2py(expr))


def template(code: str, lang: str, n: Any = None) -> str | None:
    """The text of ``code`` in ``lang`` (English when ``lang`` lacks it; None when no
    catalogue has it), the plural form for the count ``n`` where it has several."""
    for cat in (catalogue(lang), catalogue("en")):
        entry = cat.texts.get(code)
        if entry is None:
            continue
        if isinstance(entry, tuple):
            k = cat.plural(int(abs(n))) if isinstance(n, int | float) and n == int(n) else -1
            return entry[k] if 0 <= k < len(entry) else entry[-1]
        return entry
    return None


def _pattern(spec: str, value: float) -> tuple[str, bool, bool]:
    """Babel's number pattern for a Python format spec; whether to sign positive
    numbers; whether it is a percentage."""
    sign = spec.startswith("+")
    spec = spec.lstrip("+").replace(",", "")
    kind = spec[-1:] if spec[-1:] in ("f", "%", "g", "d", "e") else ""
    digits = int(spec[1:-1] or "0") if spec.startswith(".") and kind else None
    if kind == "%":
        return ("." + "0" * digits if digits else ""), sign, True
    if kind == "f":
        return "#,##0" + ("." + "0" * digits if digits else ""), sign, False
    if kind in ("g", "e"):
        sig = digits or 6
        a = abs(value)
        places = max(0, sig - 1 - math.floor(math.log10(a))) if a > 0 else 0
        return "#,##0" + ("." + "#" * places if places else ""), sign, False
    if kind == "d" or isinstance(value, int):
        return "#,##0", sign, False
    return "#,##0.###", sign, False


def format_number(value: float, lang: str = "en", spec: str = "") -> str:
    """A number in ``lang``'s conventions (Babel, CLDR), with the digits a Python format
    ``spec`` asks for (see the module docstring); −0 and NaN are written as 0 and —.

    >>> format_number(1234567.891, "ru", ".1f"), format_number(-0.5, "en", "+.2f")
    ('1\\xa0234\\xa0567,9', '−0.50')
    >>> format_number(0.0421, "uz-Cyrl", ".1%"), format_number(3, "en", "+")
    ('4,2%', '+3')
    """
    from babel.numbers import format_decimal, format_percent

    v = float(value)
    if math.isnan(v):
        return "—"
    pattern, sign, pct = _pattern(spec, value)
    if "." in pattern and "#" not in pattern.split(".")[-1]:  # fixed decimals: round as
        places = len(pattern.split(".")[-1].rstrip("%").strip()) + (2 if pct else 0)
        v = float(f"{v:.{places}f}")  # Python does (3.745 → 3.75), not half-even
    loc = BABEL_LOCALES.get(lang, "en")
    if pct:  # the language's own percent pattern (12,3 % in Russian), with the digits asked
        pattern = re.sub(r"0(?=[^0-9#,.]*%)", "0" + pattern, _percent_pattern(loc), count=1)
    text = (format_percent if pct else format_decimal)(abs(v), format=pattern, locale=loc)
    zero = not any(ch.isdigit() and ch != "0" for ch in text)
    if v < 0 and not zero:
        return _MINUS + text
    return ("+" if sign and v > 0 and not zero else "") + text


@cache
def _percent_pattern(locale: str) -> str:
    """The language's percent pattern (CLDR): ``#,##0%`` in English, ``#,##0 %`` in Russian."""
    from babel import Locale

    return str(Locale.parse(locale).percent_formats[None].pattern)


def _value(value: Any, spec: str, lang: str) -> str:
    if isinstance(value, Message):
        return render(value, lang)
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return format_number(value, lang, spec)
    if isinstance(value, str):
        return value
    if isinstance(value, Iterable):
        return ", ".join(_value(v, spec, lang) for v in value)
    return str(value)


def render(message: Message | str, lang: str = "en") -> str:
    """``message`` in ``lang``: its catalogue text with the parameters written in the
    language (a plain string is returned as it is: the user's own words)."""
    if not isinstance(message, Message):
        return str(message)
    text = template(message.code, lang, message.params.get("n"))
    if text is None:  # a code no catalogue has: tests/test_messages.py fails on it
        args = ", ".join(f"{k}={v!r}" for k, v in message.params.items())
        return f"{message.code}({args})"
    out = []
    for literal, name, spec, _conv in string.Formatter().parse(text):
        out.append(literal)
        if name is not None:
            out.append(_value(message.params.get(name, f"{{{name}}}"), spec or "", lang))
    return "".join(out)
