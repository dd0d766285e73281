"""Label normalisation and matching (DESIGN.md §3).

Statistics offices' labels carry stray spaces, line breaks and, in codes, Cyrillic
letters that look like Latin ones (``А01.13`` with a Cyrillic ``А``). Labels are matched
after :func:`normalize_label`; the original text is kept for display.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence

from iocluster.core.messages import Message
from iocluster.errors import LabelError, close_names

__all__ = [
    "LOOKALIKES",
    "LabelIndex",
    "match_labels",
    "normalize_label",
    "normalize_text",
    "resolve_codes",
    "resolve_sectors",
    "sector_hint",
]

#: Cyrillic capitals (and lower-case forms) that look like Latin letters in codes.
LOOKALIKES = str.maketrans(
    {
        "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "К": "K", "М": "M",
        "О": "O", "Р": "P", "Т": "T", "Х": "X", "а": "a", "с": "c", "е": "e",
        "о": "o", "р": "p", "х": "x",
    }
)  # fmt: skip

_WS = re.compile(r"\s+")
_CODE_LIKE = re.compile(r"^[A-Za-zА-Яа-я]{1,3}[\d.\-,*\s]*\d[\d.\-,*\s]*$|^[A-Za-zА-Яа-я]{1,2}$")


def normalize_text(text: object) -> str:
    """Trim, collapse whitespace and line breaks, and apply Unicode NFC.

    >>> normalize_text("  Gross  operating\\n surplus ")
    'Gross operating surplus'
    """
    s = unicodedata.normalize("NFC", str(text)).replace("\u00a0", " ")
    return _WS.sub(" ", s).strip()


def normalize_label(label: object) -> str:
    """Normalise a sector label for matching.

    Whitespace is collapsed (:func:`normalize_text`); in the leading code token (the
    part before the first space or parenthesis) Cyrillic look-alike letters become
    Latin. Names stay as they are, so Russian names are not garbled.

    Examples
    --------
    >>> normalize_label("А01.13")  # Cyrillic A
    'A01.13'
    >>> normalize_label("A01 \\n(без 01.11, 01.13)")
    'A01 (без 01.11, 01.13)'
    >>> normalize_label("Н49-51")
    'H49-51'
    """
    return _normalize_label(label if isinstance(label, str) else str(label))


@functools.lru_cache(maxsize=1 << 16)
def _normalize_label(label: str) -> str:
    s = normalize_text(label)
    m = re.match(r"^[^\s(]+", s)
    if m is None:
        return s
    head = m.group(0)
    if re.search(r"\d", head) or len(head) <= 3:
        head = head.translate(LOOKALIKES)
    return head + s[m.end() :]


class LabelIndex:
    """Labels normalised once, for matching many times (a table keeps one of its sector
    codes and names: :attr:`iocluster.table.IOTable.select`).

    Matching a code is then one dictionary lookup, not a normalisation of every label of
    the table per shock (issue 30: 12,000 regular-expression calls per scenario run).

    >>> ix = LabelIndex(["А01.16", "C13.1", "C13.2"], ["Cotton", "Textiles", "Fabrics"])
    >>> ix.match(["a01.16"]), ix.resolve(["C13*"]), ix.resolve_sectors(["fabrics", "C13.1"])
    ([0], [1, 2], [1, 2])
    """

    __slots__ = ("_by_name", "_exact", "_lower", "available", "names", "normalised")

    def __init__(self, available: Sequence[str], names: Sequence[str] | None = None) -> None:
        self.available = tuple(available)
        self.names = tuple(names) if names is not None else self.available
        self.normalised = tuple(normalize_label(a) for a in self.available)
        self._exact = {k: i for i, k in enumerate(self.normalised)}
        self._lower = {k.lower(): v for k, v in self._exact.items()}
        by_name: dict[str, int] = {}
        for i, n in enumerate(self.names):
            by_name.setdefault(_name_key(n), i)
        self._by_name = by_name

    def match(self, wanted: Iterable[object], *, what: str = "sector") -> list[int]:
        """Positions of ``wanted`` labels after normalisation (:func:`match_labels`)."""
        out = []
        for w in wanted:
            key = normalize_label(w)
            hit = self._exact.get(key)
            if hit is None:
                hit = self._lower.get(key.lower())
            if hit is None:
                hint = close_hint(key, list(self._exact))
                raise LabelError(Message("table.unknown_label", what=said_what(what), label=str(w),
                                         hint=hint))  # fmt: skip
            out.append(hit)
        return out

    def resolve(self, patterns: Iterable[object], *, what: str = "sector") -> list[int]:
        """Codes and code prefixes (``C13*``) to positions, in order (:func:`resolve_codes`)."""
        chosen: set[int] = set()
        for p in patterns:
            ps = normalize_label(p)
            if ps.endswith("*"):
                prefix = ps[:-1].lower()
                hits = [i for i, a in enumerate(self.normalised) if a.lower().startswith(prefix)]
                if not hits:
                    hint = close_hint(ps[:-1], list(self.normalised))
                    said = Message("table.no_prefix", what=said_what(what), prefix=ps[:-1],
                                   hint=hint)  # fmt: skip
                    raise LabelError(said)
                chosen.update(hits)
            else:
                chosen.update(self.match([ps], what=what))
        return sorted(chosen)

    def resolve_sectors(self, patterns: Iterable[object]) -> list[int]:
        """Codes, prefixes or sector names to positions (:func:`resolve_sectors`)."""
        chosen: set[int] = set()
        for p in patterns:
            try:
                chosen.update(self.resolve([p]))
            except LabelError:
                hit = self._by_name.get(_name_key(p))
                if hit is None:
                    hint = sector_hint(p, self.available, self.names)
                    said = Message("table.unknown_label", what=said_what("sector"), label=str(p),
                                   hint=hint)  # fmt: skip
                    raise LabelError(said) from None
                chosen.add(hit)
        return sorted(chosen)


def match_labels(
    wanted: Iterable[object], available: Sequence[str], *, what: str = "sector"
) -> list[int]:
    """Positions of ``wanted`` labels in ``available`` after normalisation.

    Raises
    ------
    LabelError
        Naming the first unknown label, with a close-match suggestion.

    >>> match_labels(["а01.13".upper()], ["A01.11", "A01.13"])
    [1]
    """
    return LabelIndex(available).match(wanted, what=what)


def resolve_codes(
    patterns: Iterable[object], available: Sequence[str], *, what: str = "sector"
) -> list[int]:
    """Resolve codes and code prefixes (``C13*``) to positions, in table order.

    A pattern ending in ``*`` selects every label whose normalised code starts with the
    prefix (``C13*`` matches ``C13.1`` ... ``C13.9``); ``H49-51`` is an exact code.

    >>> resolve_codes(["C13*", "A01.16"], ["А01.16", "C13.1", "C13.2", "C14"])
    [0, 1, 2]
    """
    return LabelIndex(available).resolve(patterns, what=what)


def _name_key(name: object) -> str:
    return " ".join(normalize_text(name).lower().split())


_WORDS = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


def _stems(text: object) -> set[str]:
    """The words of a name cut to their first five letters (a stem that survives Russian
    and Uzbek endings: программирования / программированию → прогр)."""
    return {w.lower()[:5] for w in _WORDS.findall(normalize_text(text))}


def _by_words(wanted: object, names: Sequence[str]) -> list[int]:
    """Names sharing the most distinctive words with ``wanted``: each shared stem weighs
    log(N / the number of names that have it), so words every name has (услуги, в
    области, xizmatlar) count for little; at least half of ``wanted``'s weight."""
    import math

    stems = [_stems(n) for n in names]
    df: dict[str, int] = {}
    for st in stems:
        for w in st:
            df[w] = df.get(w, 0) + 1
    want = _stems(wanted)
    weight = {w: math.log((len(names) + 1) / (df.get(w, 0) + 1)) + 1e-9 for w in want}
    total = sum(weight.values())
    scores = [sum(weight[w] for w in want & st) / total if total else 0.0 for st in stems]
    best = sorted(range(len(names)), key=lambda i: -scores[i])[:3]
    return [i for i in best if scores[i] >= 0.5 and scores[i] >= scores[best[0]] - 1e-12]


def sector_hint(
    wanted: object, codes: Sequence[str], names: Sequence[str], labels: Sequence[str] = ()
) -> Message | str:
    """A ``" (did you mean 'I55' (Услуги проживания)?)"`` hint: close codes, and the
    codes of close sector names or labels — by spelling, then by their distinctive words
    (``""`` if nothing is close).

    >>> str(sector_hint("Услуги проживани", ["I55", "I56"], ["Услуги проживания", "Питание"]))
    " (did you mean 'I55' (Услуги проживания)?)"
    >>> str(sector_hint("Услуги в области компьютерного программирования", ["J62", "P85"],
    ...             ["Услуги по компьютерному программированию", "Услуги в области образования"]))
    " (did you mean 'J62' (Услуги по компьютерному программированию)?)"
    """
    texts = [*names, *labels]
    index = [*range(len(names)), *range(len(labels))]
    hits = [index[i] for i in _by_words(wanted, texts)]
    if not hits:
        key = _name_key(wanted)
        by_name = {_name_key(n): index[i] for i, n in enumerate(texts)}
        close = difflib.get_close_matches(key, list(by_name), n=3, cutoff=0.6)
        hits = [by_name[m] for m in close]
    if hits:
        return hint_of([f"'{codes[i]}' ({names[i]})" for i in dict.fromkeys(hits)])
    return close_hint(normalize_label(wanted).rstrip("*"), [normalize_label(c) for c in codes])


#: The kinds of label a lookup names, said in the message's language.
_WHAT = {
    "sector": "table.what.sector",
    "final-demand category": "table.what.fd",
    "primary-input row": "table.what.va",
    "satellite row": "table.what.satellite",
}


def said_what(what: str) -> Message | str:
    """The kind of label ``what`` (``"sector"``, ``"final-demand category"``, ...) as a
    keyed message; another word as it is.

    >>> said_what("sector").text("ru")
    'отрасль'
    """
    key = _WHAT.get(what)
    return Message(key) if key else what


def hint_of(quoted: Sequence[str]) -> Message | str:
    """``" (did you mean 'A' or 'B'?)"`` in any language for already quoted candidates
    (``""`` when there are none).

    >>> str(hint_of(["'A'", "'B'"])), hint_of([])
    (" (did you mean 'A' or 'B'?)", '')
    """
    if not quoted:
        return ""
    names: Message | str = quoted[0]
    for q in quoted[1:]:
        names = Message("table.hint.or", first=names, then=q)
    return Message("io.hint.did_you_mean", name=names)


def close_hint(name: str, candidates: Iterable[str]) -> Message | str:
    """:func:`iocluster.errors.close_matches` as a keyed message (the same English).

    >>> str(close_hint("textile", ["Textiles", "Tourism", "C14"]))
    " (did you mean 'Textiles'?)"
    """
    return hint_of([f"'{m}'" for m in close_names(name, candidates)])


def resolve_sectors(
    patterns: Iterable[object], codes: Sequence[str], names: Sequence[str]
) -> list[int]:
    """:func:`resolve_codes`, also accepting sector names (matched after normalisation,
    case-insensitively) wherever a code is accepted.

    Raises
    ------
    LabelError
        Naming the first pattern that is neither a code, a prefix nor a name, with the
        code of the closest name (or the closest code) as a suggestion.

    >>> resolve_sectors(["Textiles", "C14"], ["C13", "C14"], ["Textiles", "Apparel"])
    [0, 1]
    """
    return LabelIndex(codes, names).resolve_sectors(patterns)


def looks_like_code(label: object) -> bool:
    """True for labels shaped like classification codes (``C13.1``, ``A01``, ``H49-51``).

    >>> looks_like_code("C13.1"), looks_like_code("Textiles")
    (True, False)
    """
    return bool(_CODE_LIKE.match(normalize_label(label)))
