"""Uzbek in Latin letters written in Cyrillic (the 1995 Latin alphabet to the Cyrillic
orthography, which many economists still read and write).

Not a letter-by-letter substitution: the rules of the Cyrillic orthography apply.

- Digraphs first: ``sh`` ш, ``ch`` ч, ``o'`` ў, ``g'`` ғ, ``ts`` ц; ``yo``, ``yu``, ``ya``
  ё, ю, я and ``ye`` е (but ``yo'`` is й + ў: *yo'q* йўқ); ``ng`` stays нг.
- ``e`` is э at the start of a word and after a vowel (*eksport* экспорт, *poeziya*
  поэзия), е elsewhere; a consonant before ``ye`` takes the hard sign (*obyekt* объект).
- The apostrophe that is not part of ``o'``/``g'`` (tutuq belgisi) is ъ (*ta'sir* таъсир).
- Russian loanwords keep their Cyrillic spelling where the Latin one lost a letter: ц
  after ``n`` and ``k`` before ``-siya`` (*funksiya* функция, *aksiya* акция), е after и
  (*koeffitsient* коэффициент), the soft sign of the stems of :data:`STEMS` (*model*
  модель, *multiplikator* мультипликатор), and the words of :data:`LOANWORDS`.
- What is not Uzbek stays as it is: placeholders (``{n}``), command-line options
  (``--top N``), names with underscores (``name_uz``), the foreign acronyms of
  :data:`FOREIGN_ACRONYMS` (SHA, CSV, II; Uzbek ones such as QQ are written ҚҚ), codes
  with digits (C13.1) and one-letter symbols (A, L, x̂) but the word *u*.

The letter case of each word is kept (Ш, Ша, ша). This is how a sector name is written in
Uzbek Cyrillic when a table (or a names file) gives it only in Latin letters; the
report texts themselves come from the reviewed ``uz-Cyrl`` catalogue.

>>> to_cyrillic("Ko'rsatkichlar va ta'sir")
'Кўрсаткичлар ва таъсир'
>>> to_cyrillic("eksport, yo'q, yetti, obyekt, investitsiya, funksiya, mahsulot")
'экспорт, йўқ, етти, объект, инвестиция, функция, маҳсулот'
>>> to_cyrillic("SHAHAR, Shahar, G'alla o'g'it")
'ШАҲАР, Шаҳар, Ғалла ўғит'
"""

from __future__ import annotations

import re

__all__ = ["FOREIGN_ACRONYMS", "LOANWORDS", "STEMS", "to_cyrillic"]

#: Words whose Cyrillic spelling the rules cannot recover from the Latin (lower case).
LOANWORDS: dict[str, str] = {
    "film": "фильм",
    "aktsiz": "акциз",
    "sentr": "центр",
    "sentner": "центнер",
    "sement": "цемент",
    "sex": "цех",
    "sexlar": "цехлар",
    "sirk": "цирк",
    "konsert": "концерт",
    "litsenziya": "лицензия",
    "oktabr": "октябрь",
    "sentabr": "сентябрь",
    "noyabr": "ноябрь",
    "dekabr": "декабрь",
    "fevral": "февраль",
    "yanvar": "январь",
    "aprel": "апрель",
    "iyun": "июнь",
    "iyul": "июль",
    "avgust": "август",
    "vaqt": "вақт",
    "ssenariy": "сценарий",
    "ghosh": "гош",
    "blair": "блэр",
    "dietzenbacher": "дитценбахер",
    "koopman": "купман",
    "powers": "пауэрс",
    "wei": "вэй",
    "disdier": "дисдиер",
    # file formats and column names stay as they are typed
    **{w: w for w in ("csv", "xlsx", "json", "toml", "npz", "png", "svg", "code", "name")},
    **{w: w for w in ("ln", "log", "min", "max")},  # functions in formulas
}
#: Acronyms that are not Uzbek and stay in Latin letters (Uzbek ones, such as QQ or AKT,
#: are written in Cyrillic like any word).
FOREIGN_ACRONYMS = frozenset(
    "I II III IV SHA CSV XLSX JSON TOML NPZ PNG SVG UZS USD EUR RUB NACE ISIC CPA LQ FLQ "
    "SLQ CILQ AFLQ IQR LU GDP OECD TIVA GVC KWW WWZ EXGR DVA FVA DVAFXSH FVASH SERV UTC "
    "ICIO WIOD EORA GLORIA MARIO IMPLAN CERR FILE N XLS XML DTD".split()
)
#: Stems of loanwords whose Cyrillic has a soft sign or a letter the Latin lost; a
#: soft sign at the end of a stem is dropped before a vowel (модели, мультипликатори).
STEMS: dict[str, str] = {
    "multiplikator": "мультипликатор",
    "model": "модель",
    "parallel": "параллель",
    "potensial": "потенциал",
    "konsentrat": "концентрат",
    "ssenari": "сценари",
    "leontyev": "леонтьев",
    "portfel": "портфель",
    "fil'm": "фильм",
}

_APOS = "'\u2018\u2019\u02bb\u02bc`"
_VOWELS = set("aeiouаеёиоуэюяў")
_DIGRAPHS = [  # longest first; the apostrophe of o'/g' in any of its forms
    *[(f"o{a}", "ў") for a in _APOS],
    *[(f"g{a}", "ғ") for a in _APOS],
    ("sh", "ш"),
    ("ch", "ч"),
    ("ts", "ц"),
    ("yo", "ё"),
    ("yu", "ю"),
    ("ya", "я"),
]
_LETTERS = {
    "a": "а", "b": "б", "d": "д", "f": "ф", "g": "г", "h": "ҳ", "i": "и", "j": "ж",
    "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "қ", "r": "р",
    "s": "с", "t": "т", "u": "у", "v": "в", "x": "х", "y": "й", "z": "з", "c": "ц",
    "w": "в",
}  # fmt: skip
_WORD = re.compile(r"[A-Za-z" + re.escape(_APOS) + r"]+")
#: Spans left as they are: placeholders, options, names with underscores.
_KEEP = re.compile(r"\{[^{}]*\}|(?<![\w'])--?[A-Za-z][\w-]*|\w*_\w*")


def _word(w: str) -> str:
    low = w.lower()
    core = low.strip(_APOS)
    if core in LOANWORDS:
        return _case(w, low.replace(core, LOANWORDS[core]))
    stem = next((st for st in STEMS if core.startswith(st)), None)
    if stem is not None:
        rest = core[len(stem) :]
        head = STEMS[stem]
        if head.endswith("ь") and rest[:1] and rest[:1] in "aeiouy":
            head = head[:-1]
        return _case(w, head + (_word(rest) if rest else ""))
    low = re.sub(r"(?<=[nk])siya", "tsiya", low)  # funksiya → функция, aksiya → акция
    out: list[str] = []
    i = 0
    while i < len(low):
        ch = low[i]
        prev = out[-1] if out else ""
        two = low[i : i + 2]
        if two == "ye":  # е; a consonant before it takes the hard sign (obyekt объект)
            if prev and prev not in _VOWELS and prev not in "ъь":
                out.append("ъ")
            out.append("е")
            i += 2
            continue
        if two == "yo" and i + 2 < len(low) and low[i + 2] in _APOS:  # yo'q: й + ў
            out.append("й")
            i += 1
            continue
        rep = next((c for d, c in _DIGRAPHS if low.startswith(d, i)), None)
        if rep is not None:
            out.append(rep)
            i += 2
            continue
        if ch == "e":  # э at the start and after a vowel (but и: коэффициент, клиент)
            out.append("э" if not prev or (prev in _VOWELS and prev != "и") else "е")
        elif ch in _APOS:
            if prev and i + 1 < len(low):  # tutuq belgisi inside a word
                out.append("ъ")
        else:
            out.append(_LETTERS.get(ch, ch))
        i += 1
    return _case(w, "".join(out))


def _case(original: str, cyr: str) -> str:
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return cyr.upper()
    if letters and letters[0].isupper():
        return cyr[:1].upper() + cyr[1:]
    return cyr


def to_cyrillic(text: str) -> str:
    """``text`` (Uzbek in Latin letters) in the Uzbek Cyrillic orthography (see the
    module docstring); anything that is not a Latin word (digits, codes such as C13.1
    keep their letters only when a word has a digit) is left as it is."""

    def one(m: re.Match[str], part: str) -> str:
        w = m.group(0)
        start, end = m.start(), m.end()
        if (start and part[start - 1].isdigit()) or (end < len(part) and part[end].isdigit()):
            return w  # part of a code (C13, A01.16)
        letters = w.strip(_APOS)
        if len(letters) == 1 and letters != "u":
            return w  # a symbol: A, L, x̂
        if letters.upper() in FOREIGN_ACRONYMS and (letters.isupper() or len(letters) <= 2):
            return w  # a foreign acronym: SHA, CSV, II
        head = re.match(r"[A-Z]{2,}(?=[a-z])", letters)
        if head:  # an acronym with an Uzbek ending: GQZdagi → ГҚЗдаги
            return _word(head.group(0)).upper() + _word(letters[head.end() :])
        if end < len(part) and not part[end].isspace() and part[end] in "\u0302\u0304":
            return w  # a symbol with a hat or bar
        return _word(w)

    def words(part: str) -> str:
        return _WORD.sub(lambda m: one(m, part), part)

    out, last = [], 0
    for k in _KEEP.finditer(text):
        out.append(words(text[last : k.start()]))
        out.append(k.group(0))
        last = k.end()
    out.append(words(text[last:]))
    return "".join(out)
