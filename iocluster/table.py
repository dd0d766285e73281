"""The immutable, labelled input-output table (DESIGN.md §1–2).

:class:`IOTable` is the one data type every analysis takes. Arrays are read-only;
``with_*``/``replace`` return new tables. Derived values (coefficients, the factorised
Leontief system, the domestic split of a total-use table) are computed once per table on
first use and never change, because the table cannot.

Notation (Miller & Blair 2009): ``Z`` intermediate flows (row = supplying product, column
= using sector), ``Y`` final demand (n × k), ``V`` primary inputs (rows × n), ``F``
satellite rows (e.g. employment in persons), ``x`` output, ``m`` imports by product.
"""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any, TypeVar

import numpy as np
import pandas as pd
import scipy.sparse as sp
from numpy.typing import ArrayLike

from iocluster.core.arrays import fill_by_rows, nonzeros
from iocluster.core.choices import ImportRule, TableKind
from iocluster.core.domestic import (
    ALL_USES_TEXT,
    PROPORTIONAL_TEXT,
    import_shares,
    reexport_note,
    split_flows,
)
from iocluster.core.engine import (
    Coefficients,
    FloatArray,
    LeontiefSystem,
    all_finite,
    as_dense,
    factorise,
    frozen_array,
    is_productive,
    sparse_pays,
)
from iocluster.core.labels import (
    LabelIndex,
    match_labels,
    normalize_label,
    normalize_text,
    said_what,
)
from iocluster.core.messages import Message
from iocluster.errors import (
    AssumptionWarning,
    InputError,
    LabelError,
    NotProductiveError,
    TableIdentityError,
)

__all__ = [
    "FD_ROLES",
    "LABEL_FIELDS",
    "VA_ROLES",
    "IOTable",
    "TableMeta",
    "assumption_from",
]

#: Roles of final-demand categories. ``exports`` are sales abroad (foreign exports);
#: ``interregional`` is a regional table's net sales to the rest of the country (often
#: negative), never scaled by an ``exports`` shock and reported on its own.
FD_ROLES = (
    "household",
    "government",
    "npish",
    "investment",
    "inventories",
    "exports",
    "interregional",
    "other",
)
#: Roles of primary-input rows. ``value_added`` is an undivided value-added row; rows of
#: role ``imports`` are imported inputs (a domestic table's import row); ``adjustments``
#: are valuation adjustments that are neither value added nor imports (cif/fob
#: adjustments, purchases by residents abroad and by non-residents at home, international
#: transport margins, as in WIOD); ``other`` rows count as value added.
VA_ROLES = (
    "compensation",
    "operating_surplus",
    "taxes_production",
    "taxes_products",
    "value_added",
    "imports",
    "adjustments",
    "other",
)
#: Primary-input roles that are not value added at basic prices.
NOT_VALUE_ADDED = ("imports", "taxes_products", "adjustments")


#: Scale words and currencies the catalogues name (:attr:`TableMeta.unit_text`).
_SCALES = {
    "thousand": Message("scale.thousand"),
    "million": Message("scale.million"),
    "mln": Message("scale.million"),
    "billion": Message("scale.billion"),
    "mlrd": Message("scale.billion"),
    "bn": Message("scale.billion"),
    "trillion": Message("scale.trillion"),
}
_CURRENCIES = {"UZS": Message("currency.UZS"), "USD": Message("currency.USD")}


@dataclass(frozen=True)
class TableMeta:
    """Descriptive metadata: provenance, units and the assumptions applied.

    ``illustrative`` says the numbers are not real statistics (a synthetic table, or one
    built from an illustrative input); ``illustrative_reason`` says why in the input's
    own words (a file's ``# ILLUSTRATIVE …`` line; may be empty), and travels with every
    table derived from this one. A reason makes the table illustrative.
    """

    title: str = ""
    year: int | None = None
    region: str = ""
    currency: str = ""
    scale: str = ""
    source: str = ""
    notes: str = ""
    illustrative: bool = False
    #: the assumptions applied: keyed messages of the library, or the user's own words
    assumptions: tuple[Message | str, ...] = ()
    illustrative_reason: str = ""

    def __post_init__(self) -> None:
        if self.illustrative_reason and not self.illustrative:
            object.__setattr__(self, "illustrative", True)

    def with_illustrative(self, reason: str) -> TableMeta:
        """Metadata of a table derived from an illustrative input: illustrative, with
        ``reason`` added to the reasons it had."""
        have = [r for r in self.illustrative_reason.split("; ") if r] if self.illustrative else []
        if reason in have:
            return self
        return dataclasses.replace(
            self, illustrative=True, illustrative_reason="; ".join([*have, reason])
        )

    @property
    def unit(self) -> str:
        """Monetary unit as it reads in reports, e.g. ``"million UZS"``."""
        return " ".join(s for s in (self.scale, self.currency) if s) or "currency units"

    @property
    def unit_text(self) -> Message | str:
        """:attr:`unit` in words of any language: the scale word and currency from the
        catalogues (an unknown scale or currency as the table gives it).

        >>> from iocluster.core.messages import render
        >>> render(TableMeta(scale="million", currency="UZS").unit_text, "ru")
        'млн сум'
        >>> render(TableMeta().unit_text, "uz"), str(TableMeta(currency="EUR").unit_text)
        ('pul birligi', 'EUR')
        """
        scale = _SCALES.get(self.scale.strip().lower(), self.scale)
        currency = _CURRENCIES.get(self.currency.strip().upper(), self.currency)
        if scale and currency:
            return Message("table.unit", scale=scale, currency=currency)
        return scale or currency or Message("currency_units")

    def with_assumption(self, text: Message | str) -> TableMeta:
        """Return metadata with one more stated assumption (no duplicates)."""
        if text in self.assumptions:
            return self
        return dataclasses.replace(self, assumptions=(*self.assumptions, text))

    def to_dict(self) -> dict[str, Any]:
        """Plain dict, JSON-ready (assumptions as a list: a keyed message as
        :meth:`Message.to_dict <iocluster.core.messages.Message.to_dict>`, the user's own
        words as text; :func:`assumption_from` reads one back)."""
        d = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        d["assumptions"] = [a.to_dict() if isinstance(a, Message) else a for a in self.assumptions]
        return d


def assumption_from(value: object) -> Message | str:
    """An assumption as :meth:`TableMeta.to_dict` wrote it: a keyed message (a mapping
    with ``code`` and ``params``) or text.

    >>> m = Message("names.from_file", file="n.csv", column="name_ru", named=2, total=3)
    >>> assumption_from(m.to_dict()) == m, assumption_from("my own words")
    (True, 'my own words')
    """
    if isinstance(value, Message):
        return value
    if (
        isinstance(value, Mapping)
        and set(value) == {"code", "params"}
        and isinstance(value["code"], str)
        and isinstance(value["params"], Mapping)
    ):
        return Message.from_dict(value)
    return str(value)


def _unique_codes(labels: Sequence[object], what: str) -> tuple[str, ...]:
    codes = tuple(normalize_label(s) for s in labels)
    seen: dict[str, int] = {}
    for i, c in enumerate(codes):
        if c == "":
            raise LabelError(
                Message("table.empty_label", what=said_what(what), position=str(i + 1))
            )
        if c in seen:
            first, then = str(seen[c] + 1), str(i + 1)
            said = Message("table.duplicate_label", what=said_what(what), label=c, first=first,
                           then=then)  # fmt: skip
            raise LabelError(said)
        seen[c] = i
    return codes


def _check_roles(roles: Sequence[str], allowed: Sequence[str], what: str) -> tuple[str, ...]:
    """``roles``, each one of ``allowed`` (``what``: ``"fd"`` or ``"va"``, the block)."""
    for r in roles:
        if r not in allowed:
            raise InputError(Message(f"table.unknown_{what}_role", role=r, allowed=tuple(allowed)))
    return tuple(roles)


def _matrix(a: ArrayLike | None, shape: tuple[int, int], what: str) -> FloatArray:
    if a is None:
        return frozen_array(np.zeros(shape))
    if isinstance(a, np.ndarray) and _frozen(a, shape):  # read-only, owned: kept, not copied
        _check_finite(a, what)
        return a
    try:
        arr = np.array(a, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise InputError(f"{what} must be numeric: {exc}") from exc
    if arr.ndim == 1 and shape[0] == 1:
        arr = arr.reshape(1, -1)
    if arr.shape != shape:
        raise InputError(f"{what} has shape {arr.shape}; expected {shape}")
    _check_finite(arr, what)
    arr.setflags(write=False)
    return arr


def _check_finite(arr: np.ndarray, what: str) -> None:
    if not all_finite(arr):
        r, c = np.argwhere(~np.isfinite(arr))[0]
        said = Message("table.not_finite", block=_BLOCKS.get(what, what), row=str(r + 1),
                       column=str(c + 1))  # fmt: skip
        raise InputError(said)


#: The blocks of a table whose name is a word, said in the message's language.
_BLOCKS = {
    "output x": Message("table.block.x"),
    "imports m": Message("table.block.m"),
    "import-use Zm": Message("table.block.import_use", block="Zm"),
    "import-use Ym": Message("table.block.import_use", block="Ym"),
}


def _frozen(a: object, shape: tuple[int, int]) -> bool:
    """Whether ``a`` is a read-only float64 array of ``shape`` that nothing else can
    change (it owns its data, or its base is read-only too): safe to keep uncopied."""
    if not (
        isinstance(a, np.ndarray)
        and a.shape == shape
        and a.dtype == np.float64
        and not a.flags.writeable
    ):
        return False
    base = a.base
    return base is None or (isinstance(base, np.ndarray) and not base.flags.writeable)


def _vector(a: ArrayLike, n: int, what: str) -> FloatArray:
    return _matrix(np.asarray(a, dtype=np.float64).reshape(1, -1), (1, n), what)[0]


def _per_output(a: ArrayLike, x: FloatArray) -> FloatArray:
    """``a / x`` (broadcast), 0 where ``x <= 0``: coefficients per unit of output (a large
    matrix by columns is written on every usable core: :func:`fill_by_rows`)."""
    arr = np.asarray(a, dtype=np.float64)
    if arr.ndim == 2 and x.ndim == 1:  # a matrix by columns (A): on every core if large
        pos = x > 0
        xs = np.where(pos, x, 1.0)
        zero = ~pos

        def fill(rows: slice, out: FloatArray) -> None:
            np.divide(arr[rows], xs, out=out)
            out[:, zero] = 0.0

        return frozen_array(fill_by_rows(arr.shape, fill), copy=False)
    if np.all(x > 0):
        return frozen_array(np.divide(a, x), copy=False)
    with np.errstate(divide="ignore", invalid="ignore"):
        return frozen_array(np.where(x > 0, np.divide(a, np.where(x > 0, x, 1.0)), 0.0), copy=False)


def _sparse_per_output(Z: FloatArray, x: FloatArray) -> sp.csc_array:
    """``Z x̂⁻¹`` as a sparse array (0 where ``x <= 0``), built from the non-zeros of ``Z``
    only: no dense ``n × n`` temporary."""
    A = sp.csc_array(Z, dtype=np.float64)
    cols = np.repeat(np.arange(A.shape[1]), np.diff(A.indptr))
    xc = x[cols]
    with np.errstate(divide="ignore", invalid="ignore"):
        A.data = np.where(xc > 0, A.data / np.where(xc > 0, xc, 1.0), 0.0)
    A.eliminate_zeros()
    for arr in (A.data, A.indices, A.indptr):
        arr.setflags(write=False)
    return A


_T = TypeVar("_T")


@dataclass(frozen=True, eq=False)
class IOTable:
    """An immutable, labelled input-output table.

    Build it with :meth:`from_arrays` or :meth:`from_frames` (readers do), never by
    mutating one.

    Attributes
    ----------
    codes, names, labels : tuple of str
        Normalised sector codes (used to match and to label results), display names
        and the labels as published.
    Z : (n, n) ndarray
        Intermediate flows; total use (domestic + imported) when ``kind == "total"``.
    Y : (n, k) ndarray
        Final demand by category ``fd_names`` with roles ``fd_roles``.
    V : (r, n) ndarray
        Primary inputs ``va_names`` with roles ``va_roles`` (additive rows: totals such
        as gross value added are checked by readers, not stored).
    F : (s, n) ndarray
        Satellite rows ``satellite_names`` in ``satellite_units`` (e.g. persons).
    x : (n,) ndarray
        Output.
    kind : {"domestic", "total"}
        Whether ``Z`` and ``Y`` hold domestic flows only or total use.
    m : (n,) ndarray or None
        Imports by product (a supply column); required for ``kind == "total"``.
    Zm, Ym : ndarray or None
        Import-use matrices of a domestic table, when published.
    tags : mapping of str to tuple of str
        Sector tags (e.g. ``cluster``), one value per sector ("" for none).
    meta : TableMeta
    import_rule : {"proportional", "all_uses"}
        How a total-use table is split into domestic and imported parts.

    Examples
    --------
    Miller & Blair (2009), Table 2.3:

    >>> t = IOTable.from_arrays(
    ...     Z=[[150, 500], [200, 100]], Y=[[350], [1700]], V=[[650, 1400]],
    ...     codes=["1", "2"], fd_names=["final demand"], fd_roles=["other"],
    ...     va_names=["payments"], va_roles=["value_added"])
    >>> t.A
    array([[0.15, 0.25],
           [0.2 , 0.05]])
    """

    codes: tuple[str, ...]
    names: tuple[str, ...]
    labels: tuple[str, ...]
    Z: FloatArray
    Y: FloatArray
    fd_names: tuple[str, ...]
    fd_roles: tuple[str, ...]
    V: FloatArray
    va_names: tuple[str, ...]
    va_roles: tuple[str, ...]
    x: FloatArray
    F: FloatArray
    satellite_names: tuple[str, ...] = ()
    satellite_units: tuple[str, ...] = ()
    kind: TableKind = "domestic"
    m: FloatArray | None = None
    Zm: FloatArray | None = None
    Ym: FloatArray | None = None
    tags: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    meta: TableMeta = field(default_factory=TableMeta)
    import_rule: ImportRule = "proportional"

    # ------------------------------------------------------------------ construction
    def __post_init__(self) -> None:
        n = len(self.codes)
        if n == 0:
            raise InputError(Message("table.no_sectors"))
        if len(self.names) != n or len(self.labels) != n:
            raise InputError("codes, names and labels must have one entry per sector")
        _unique_codes(self.codes, "sector")
        k, r, s = len(self.fd_names), len(self.va_names), len(self.satellite_names)
        _unique_codes(self.fd_names, "final-demand category")
        _unique_codes(self.va_names, "primary-input row")
        _unique_codes(self.satellite_names, "satellite row")
        if len(self.fd_roles) != k or len(self.va_roles) != r:
            raise InputError("every final-demand category and primary input needs a role")
        if len(self.satellite_units) != s:
            raise InputError("every satellite row needs a unit")
        _check_roles(self.fd_roles, FD_ROLES, "fd")
        _check_roles(self.va_roles, VA_ROLES, "va")
        for name, shape in (("Z", (n, n)), ("Y", (n, k)), ("V", (r, n)), ("F", (s, n))):
            arr = getattr(self, name)
            if _frozen(arr, shape):  # kept without a copy, but checked like any other
                _check_finite(arr, name)
            else:
                object.__setattr__(self, name, _matrix(arr, shape, name))
        object.__setattr__(self, "x", _vector(self.x, n, "output x"))
        if self.kind not in ("domestic", "total"):
            raise InputError(
                Message("table.bad_kind", kind=str(self.kind), a="'domestic'", b="'total'")
            )
        if self.import_rule not in ("proportional", "all_uses"):
            raise InputError(
                Message(
                    "table.bad_import_rule",
                    rule=str(self.import_rule),
                    a="'proportional'",
                    b="'all_uses'",
                )
            )
        if self.m is not None:
            object.__setattr__(self, "m", _vector(self.m, n, "imports m"))
        if self.kind == "total" and self.m is None:
            raise InputError(Message("table.total_needs_imports"))
        if self.Zm is not None:
            object.__setattr__(self, "Zm", _matrix(self.Zm, (n, n), "import-use Zm"))
        if self.Ym is not None:
            object.__setattr__(self, "Ym", _matrix(self.Ym, (n, k), "import-use Ym"))
        tags = {}
        for key, values in dict(self.tags).items():
            vals = tuple("" if v is None else str(v) for v in values)
            if len(vals) != n:
                said = Message(
                    "table.tag_length", tag=str(key), count=str(len(vals)), sectors=str(n)
                )
                raise InputError(said)
            tags[str(key)] = vals
        object.__setattr__(self, "tags", MappingProxyType(tags))

    @classmethod
    def from_arrays(
        cls,
        Z: ArrayLike,
        Y: ArrayLike,
        V: ArrayLike,
        *,
        codes: Sequence[object],
        names: Sequence[object] | None = None,
        labels: Sequence[object] | None = None,
        x: ArrayLike | None = None,
        fd_names: Sequence[str] = ("final_demand",),
        fd_roles: Sequence[str] | None = None,
        va_names: Sequence[str] = ("value_added",),
        va_roles: Sequence[str] | None = None,
        F: ArrayLike | None = None,
        satellite_names: Sequence[str] = (),
        satellite_units: Sequence[str] | None = None,
        kind: TableKind = "domestic",
        m: ArrayLike | None = None,
        Zm: ArrayLike | None = None,
        Ym: ArrayLike | None = None,
        tags: Mapping[str, Sequence[object]] | None = None,
        meta: TableMeta | None = None,
        import_rule: ImportRule = "proportional",
    ) -> IOTable:
        """Build a table from arrays.

        ``x`` defaults to the row sums ``Z1 + Y1`` (minus ``m`` for a total-use table).
        Roles default to ``"other"`` for final demand and ``"value_added"`` for
        primary inputs; ``names`` default to the codes.
        """
        code_t = _unique_codes(list(codes), "sector")
        n = len(code_t)
        labels_t = tuple(str(s) for s in (labels if labels is not None else codes))
        names_t = tuple(normalize_text(s) for s in (names if names is not None else code_t))
        Zarr = _matrix(Z, (n, n), "Z")
        Yarr = np.asarray(Y, dtype=np.float64)
        if Yarr.ndim == 1:
            Yarr = Yarr.reshape(-1, 1)
        Yarr = _matrix(Yarr, (n, len(fd_names)), "Y")
        Varr = _matrix(V, (len(va_names), n), "V")
        marr = None if m is None else _vector(m, n, "imports m")
        if x is None:
            xs = Zarr.sum(axis=1) + Yarr.sum(axis=1)
            if kind == "total" and marr is not None:
                xs = xs - marr
            x = xs
        s = len(satellite_names)
        return cls(
            codes=code_t,
            names=names_t,
            labels=labels_t,
            Z=Zarr,
            Y=Yarr,
            fd_names=tuple(normalize_text(s) for s in fd_names),
            fd_roles=tuple(fd_roles) if fd_roles is not None else ("other",) * len(fd_names),
            V=Varr,
            va_names=tuple(normalize_text(s) for s in va_names),
            va_roles=tuple(va_roles) if va_roles is not None else ("value_added",) * len(va_names),
            x=_vector(x, n, "output x"),
            F=_matrix(F, (s, n), "F"),
            satellite_names=tuple(normalize_text(s) for s in satellite_names),
            satellite_units=tuple(satellite_units) if satellite_units is not None else ("",) * s,
            kind=kind,
            m=marr,
            Zm=Zm,  # type: ignore[arg-type]
            Ym=Ym,  # type: ignore[arg-type]
            tags={k: tuple(str(v) for v in vs) for k, vs in (tags or {}).items()},
            meta=meta or TableMeta(),
            import_rule=import_rule,
        )

    # ------------------------------------------------------------------ basics
    @property
    def n(self) -> int:
        """Number of sectors."""
        return len(self.codes)

    def __repr__(self) -> str:
        title = f" '{self.meta.title}'" if self.meta.title else ""
        return (
            f"<IOTable{title}: {self.n} sectors, {len(self.fd_names)} final-demand categories, "
            f"{len(self.va_names)} primary inputs, {len(self.satellite_names)} satellite rows, "
            f"{self.kind} use, {self.meta.unit}>"
        )

    def replace(self, **changes: Any) -> IOTable:
        """A new table with some fields replaced (validated again)."""
        return dataclasses.replace(self, **changes)

    def with_meta(self, **changes: Any) -> IOTable:
        """A new table with metadata fields replaced."""
        return self.replace(meta=dataclasses.replace(self.meta, **changes))

    def with_tags(self, name: str, values: Sequence[object]) -> IOTable:
        """A new table with one more (or a replaced) sector tag column."""
        return self.replace(tags={**self.tags, name: tuple(str(v) for v in values)})

    def with_import_rule(self, rule: ImportRule) -> IOTable:
        """A new table whose domestic split uses ``rule`` (see :meth:`domestic`)."""
        return self.replace(import_rule=rule)

    @cached_property
    def _derived(self) -> dict[str, Any]:
        """What higher layers derive from this table alone (:meth:`derived`)."""
        return {}

    def derived(self, key: str, make: Callable[[IOTable], _T]) -> _T:
        """``make(self)``, made once per table and kept with it like the table's own
        derived values: for what depends on nothing but the table (the scenarios'
        baseline, :meth:`iocluster.scenarios.base.Base.of`), under a ``key`` naming it."""
        if key not in self._derived:
            self._derived[key] = make(self)
        out: _T = self._derived[key]
        return out

    @cached_property
    def _labels(self) -> LabelIndex:
        """The sector codes and names normalised once, for every match."""
        return LabelIndex(self.codes, self.names)

    def sector_index(self, labels: Sequence[object]) -> list[int]:
        """Positions of sector codes (after normalisation); ``LabelError`` if unknown."""
        return self._labels.match(labels)

    def select(self, patterns: Sequence[object]) -> list[int]:
        """Positions of sectors matched by codes, prefixes such as ``C13*`` or sector
        names (:func:`~iocluster.core.labels.resolve_sectors`), against the labels
        normalised once per table."""
        return self._labels.resolve_sectors(patterns)

    def fd_index(self, names_or_roles: Sequence[str]) -> list[int]:
        """Positions of final-demand categories given by name or role."""
        out: list[int] = []
        for w in names_or_roles:
            hits = [i for i, r in enumerate(self.fd_roles) if r == w]
            out.extend(hits or match_labels([w], self.fd_names, what="final-demand category"))
        return sorted(set(out))

    def va_rows(self, *roles: str) -> FloatArray:
        """Sum of the primary-input rows with any of ``roles`` (zeros if none)."""
        mask = np.isin(np.array(self.va_roles, dtype=object), roles)
        return frozen_array(self.V[mask].sum(axis=0), copy=False)

    def satellite(self, name: str) -> FloatArray:
        """One satellite row by name (normalised matching)."""
        (i,) = match_labels([name], self.satellite_names, what="satellite row")
        return self.F[i]

    # ------------------------------------------------------------------ accounts
    @property
    def value_added(self) -> FloatArray:
        """Gross value added at basic prices by sector.

        Every primary-input row except imported inputs, net taxes on products and
        valuation adjustments (which belong to the valuation of inputs, not to value added
        at basic prices; Eurostat Manual 2008, §15.1): compensation, operating surplus,
        other net taxes on production, undivided value added and other rows.
        """
        return self.va_rows(*(r for r in VA_ROLES if r not in NOT_VALUE_ADDED))

    @property
    def compensation(self) -> FloatArray:
        """Compensation of employees by sector (zeros if the table has none)."""
        return self.va_rows("compensation")

    @property
    def has_compensation(self) -> bool:
        """Whether the table has a compensation-of-employees row."""
        return "compensation" in self.va_roles

    @property
    def exports(self) -> FloatArray:
        """Exports by product (zeros if the table has no export category)."""
        mask = np.array([r == "exports" for r in self.fd_roles], dtype=bool)
        return frozen_array(self.Y[:, mask].sum(axis=1), copy=False)

    @cached_property
    def imported_inputs(self) -> FloatArray:
        """Imported intermediate inputs by using sector (row vector).

        ``Zm`` column sums for a table with an import matrix (or after the domestic
        split of a total-use table), else the primary-input rows of role ``imports``.
        """
        d = self.domestic()
        if d.Zm is not None:
            return frozen_array(d.Zm.sum(axis=0), copy=False)
        return self.va_rows("imports")

    def row_residual(self) -> FloatArray:
        """Row identity residual ``Z1 + Y1 − x − m`` (``m`` for total-use tables)."""
        r = self.Z.sum(axis=1) + self.Y.sum(axis=1) - self.x
        if self.kind == "total" and self.m is not None:
            r = r - self.m
        return frozen_array(r, copy=False)

    def column_residual(self) -> FloatArray:
        """Column identity residual ``x − 1ᵀZ − 1ᵀZm − 1ᵀV``."""
        r = self.x - self.Z.sum(axis=0) - self.V.sum(axis=0)
        if self.Zm is not None:
            r = r - self.Zm.sum(axis=0)
        return frozen_array(r, copy=False)

    # ------------------------------------------------------------------ domestic split
    @cached_property
    def _import_split(self) -> tuple[FloatArray, tuple[str, ...]]:
        if self.kind == "domestic" or self.m is None:
            return frozen_array(np.zeros(self.n), copy=False), ()
        return import_shares(self.Z, self.Y, self.m, self.exports, self.codes, self.import_rule)

    @property
    def import_shares(self) -> FloatArray:
        """Import share ``μᵢ`` of each product in its uses (see
        :func:`iocluster.core.domestic.import_shares`); zero for a domestic table."""
        return self._import_split[0]

    @property
    def reexport_products(self) -> tuple[str, ...]:
        """Products whose import share fell back to the all-uses rule (μ > 1 otherwise)."""
        return self._import_split[1]

    def domestic(self) -> IOTable:
        """The domestic table: ``Zᵈ``, ``Yᵈ`` and the import-use matrices ``Zᵐ``, ``Yᵐ``.

        A domestic table is returned unchanged; a total-use table is split under the
        proportional-import assumption once (:func:`iocluster.core.domestic.split_flows`).
        """
        return self._domestic

    @cached_property
    def _domestic(self) -> IOTable:
        if self.kind == "domestic":
            return self
        exp = np.array([r == "exports" for r in self.fd_roles], dtype=bool)
        fallback = set(self.reexport_products)
        keep_exports = np.array(
            [self.import_rule == "proportional" and c not in fallback for c in self.codes],
            dtype=bool,
        )
        Zd, Yd = split_flows(self.Z, self.Y, self.import_shares, exp, keep_exports)
        meta = self.meta.with_assumption(
            ALL_USES_TEXT if self.import_rule == "all_uses" else PROPORTIONAL_TEXT
        )
        if fallback:
            note = reexport_note(self.reexport_products)
            meta = meta.with_assumption(note)
            warnings.warn(AssumptionWarning(note), stacklevel=3)
        return dataclasses.replace(
            self,
            Z=Zd,
            Y=Yd,
            kind="domestic",
            Zm=frozen_array(self.Z - Zd, copy=False),
            Ym=frozen_array(self.Y - Yd, copy=False),
            meta=meta,
        )

    # ------------------------------------------------------------------ the model
    @cached_property
    def A(self) -> Coefficients:
        """Domestic technical coefficients ``A = Zᵈ x̂⁻¹`` (zero columns where x = 0).

        A ``scipy.sparse.csc_array`` (read-only) when the table is large and sparse by the
        engine's own rule (:func:`~iocluster.core.engine.sparse_pays`: ``n >= 1000`` and
        at most 2 % of ``Zᵈ`` non-zero), which saves one dense ``n × n`` array; a dense
        read-only array otherwise. Use ``A @ v``, ``A.sum(axis=…)`` and ``A.diagonal()``
        (the same for both), and :func:`~iocluster.core.engine.as_dense` only where a
        dense matrix is truly needed.
        """
        Z = self.domestic().Z
        if sparse_pays(self.n, nonzeros(Z)):
            return _sparse_per_output(Z, self.x)
        return _per_output(Z, self.x)

    @cached_property
    def leontief(self) -> LeontiefSystem:
        """The factorised system ``I − A`` (one factorisation per table).

        Refuses a table with negative output (its coefficients would be meaningless) or
        an unproductive ``A`` (``(I − A)⁻¹ 1`` not positive: spectral radius >= 1, so
        multipliers would be negative), and warns naming zero-output sectors, whose
        coefficients are set to 0.

        Raises
        ------
        TableIdentityError
            A sector has negative output.
        NotProductiveError
            ``I − A`` is singular or ``A`` is not productive.
        """
        neg = np.flatnonzero(self.x < 0)
        if neg.size:
            i = int(neg[0])
            more = Message("table.and_more", count=str(neg.size - 1)) if neg.size > 1 else ""
            said = Message("table.negative_output", sector=self.codes[i], value=f"{self.x[i]:.6g}",
                           more=more)  # fmt: skip
            raise TableIdentityError(said)
        zero = np.flatnonzero(self.x == 0)
        if zero.size:
            shown = tuple(self.codes[int(i)] for i in zero[:10]) + (
                ("…",) if zero.size > 10 else ()
            )
            said = Message("table.zero_output", n=int(zero.size), sectors=shown)
            warnings.warn(AssumptionWarning(said), stacklevel=2)
        system = factorise(self.A, sparse=sp.issparse(self.A))  # A's own rule decided
        if not is_productive(system):
            colsum = np.asarray(self.A.sum(axis=0))
            j = int(np.argmax(colsum))
            said = Message("table.not_productive", colsum=f"{colsum[j]:.4g}", sector=self.codes[j])
            raise NotProductiveError(said)
        return system

    @cached_property
    def B(self) -> FloatArray:
        """Ghosh allocation coefficients ``B = x̂⁻¹ Zᵈ`` (zero rows where x = 0)."""
        return _per_output(self.domestic().Z, self.x[:, None])

    def final_demand_total(self) -> FloatArray:
        """Domestic final demand by product, ``Yᵈ 1``."""
        return frozen_array(self.domestic().Y.sum(axis=1), copy=False)

    def coefficients(self, row: FloatArray) -> FloatArray:
        """Per-unit-of-output coefficients of a row vector, ``row / x`` (0 where x = 0)."""
        return _per_output(row, self.x)

    # ------------------------------------------------------------------ frames
    def sector_frame(self) -> pd.DataFrame:
        """Sectors as a frame: index ``code``; columns ``name``, ``label`` and tags."""
        df = pd.DataFrame({"name": self.names, "label": self.labels}, index=self.codes)
        for k, v in self.tags.items():
            df[k] = list(v)
        df.index.name = "code"
        return df

    def frame(self, what: str) -> pd.DataFrame:
        """A labelled copy of one block: ``Z``, ``Y``, ``V``, ``F``, ``A``, ``B``, ``Zm``,
        ``Ym`` or ``supply`` (output and imports by product)."""
        idx = pd.Index(self.codes, name="code")
        if what in ("Z", "A", "B", "Zm"):
            arr = getattr(self, what)
            if arr is None:
                raise InputError(Message("table.no_block", block=what))
            return pd.DataFrame(as_dense(arr).copy(), index=idx, columns=idx.copy())
        if what in ("Y", "Ym"):
            arr = getattr(self, what)
            if arr is None:
                raise InputError(Message("table.no_block", block=what))
            return pd.DataFrame(np.array(arr), index=idx, columns=list(self.fd_names))
        if what == "V":
            return pd.DataFrame(np.array(self.V), index=list(self.va_names), columns=idx)
        if what == "F":
            return pd.DataFrame(np.array(self.F), index=list(self.satellite_names), columns=idx)
        if what == "supply":
            d = {"output": np.array(self.x)}
            if self.m is not None:
                d["imports"] = np.array(self.m)
            return pd.DataFrame(d, index=idx)
        raise InputError(Message("table.unknown_block", block=what))

    @cached_property
    def checksum(self) -> str:
        """SHA-256 of the table's content: every block's numbers (float64 bytes), the
        codes, roles, kind, import rule and unit (the same table read from an .xlsx, a
        CSV folder or an .npz has the same checksum; display names and notes do not
        count). Results record it so a number can be traced to the table it came from.

        A block larger than 16 MiB counts as the SHA-256 digests of its 16 MiB chunks,
        hashed on every usable core (:func:`iocluster.core.digest.feed`)."""
        import hashlib
        import json

        from iocluster.core.digest import feed

        h = hashlib.sha256()
        labels = {
            k: getattr(self, k)
            for k in ("codes", "fd_names", "fd_roles", "va_names", "va_roles", "satellite_names",
                      "satellite_units", "kind", "import_rule")
        }  # fmt: skip
        labels["unit"] = self.meta.unit
        h.update(json.dumps(labels, ensure_ascii=False, sort_keys=True).encode("utf-8"))
        for name in ("Z", "Y", "V", "F", "x", "m", "Zm", "Ym"):
            block = getattr(self, name)
            h.update(name.encode())
            if block is not None:
                feed(h, as_dense(block) if sp.issparse(block) else np.asarray(block))
        return h.hexdigest()

    def equals(self, other: IOTable, *, rtol: float = 0.0, atol: float = 0.0) -> bool:
        """Whether two tables hold the same labels, roles, metadata and numbers."""
        if not isinstance(other, IOTable):
            return False
        same = [
            getattr(self, f.name) == getattr(other, f.name)
            for f in dataclasses.fields(self)
            if f.name in _LABEL_FIELDS
        ]
        if not all(same) or dict(self.tags) != dict(other.tags):
            return False
        for name in ("Z", "Y", "V", "F", "x", "m", "Zm", "Ym"):
            a, b = getattr(self, name), getattr(other, name)
            if (a is None) != (b is None):
                return False
            if a is not None and not np.allclose(a, b, rtol=rtol, atol=atol):
                return False
        return True


#: The label and role fields of a table, in order (one tuple of text each).
LABEL_FIELDS = (
    "codes",
    "names",
    "labels",
    "fd_names",
    "fd_roles",
    "va_names",
    "va_roles",
    "satellite_names",
    "satellite_units",
)
_LABEL_FIELDS = {*LABEL_FIELDS, "kind", "meta", "import_rule"}
