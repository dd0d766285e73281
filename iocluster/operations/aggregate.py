"""Aggregation and disaggregation of sectors and final-demand categories.

Every change of classification is one linear map. A *concordance* is a matrix
``W`` (new codes × old codes) whose columns sum to one: a 0/1 matrix aggregates
(each old sector goes wholly to one group), fractional columns split an old
sector over several new ones (disaggregation by shares). The table is mapped as

.. math::
    Z' = W Z W^\\top,\\quad Y' = W Y W_f^\\top,\\quad V' = V W^\\top,\\quad
    F' = F W^\\top,\\quad x' = W x,\\quad m' = W m,

with ``W_f`` the (optional) concordance of final-demand categories. Because
``1ᵀW = 1ᵀ``, the row identity ``Z1 + Y1 − m = x`` and the column identity
``1ᵀZ + 1ᵀZm + 1ᵀV = xᵀ`` carry over exactly, and total value added, final demand,
imports and every satellite total are unchanged.

References
----------
Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis*, 2nd ed., §4.3
(aggregation matrices ``S Z S'``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from iocluster.core.engine import FloatArray, frozen_array
from iocluster.core.labels import close_hint, normalize_label, said_what
from iocluster.core.messages import Message
from iocluster.errors import InputError, LabelError, Location
from iocluster.table import IOTable

__all__ = [
    "Concordance",
    "aggregate",
    "concordance_from_mapping",
    "disaggregate",
    "normalise_columns",
]

_COL_TOL = 1e-9


@dataclass(frozen=True, eq=False)
class Concordance:
    """A map from ``source`` codes to ``target`` codes: ``W`` (target × source).

    Each column of ``W`` sums to one. ``target_names`` are display names of the
    new codes (default: the codes).
    """

    source: tuple[str, ...]
    target: tuple[str, ...]
    W: FloatArray
    target_names: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        W = np.asarray(self.W, dtype=np.float64)
        if W.shape != (len(self.target), len(self.source)):
            raise InputError(
                f"concordance matrix has shape {W.shape}; expected "
                f"({len(self.target)}, {len(self.source)})"
            )
        if not np.all(np.isfinite(W)) or np.any(W < 0):
            raise InputError(Message("ops.concordance.weights"))
        sums = W.sum(axis=0)
        bad = np.flatnonzero(np.abs(sums - 1.0) > _COL_TOL)
        if bad.size:
            j = int(bad[0])
            said = Message("ops.concordance.sum", label=self.source[j], total=f"{sums[j]:.12g}")
            raise InputError(said)
        object.__setattr__(self, "W", frozen_array(W))
        if not self.target_names:
            object.__setattr__(self, "target_names", self.target)
        elif len(self.target_names) != len(self.target):
            raise InputError("concordance target names must match its target codes")

    def align(self, codes: Sequence[str], what: str = "sector") -> FloatArray:
        """``W`` with columns ordered as ``codes``; unknown or missing codes raise.

        Raises
        ------
        LabelError
            A concordance code not in ``codes`` (with a close-match suggestion), or a
            code of ``codes`` the concordance does not map.
        """
        pos = {normalize_label(c): i for i, c in enumerate(codes)}
        lower = {k.lower(): v for k, v in pos.items()}
        order = np.empty(len(self.source), dtype=int)
        for k, c in enumerate(self.source):
            key = normalize_label(c)
            i = pos.get(key, lower.get(key.lower()))
            if i is None:
                said = Message("ops.concordance.unknown", what=said_what(what), label=c,
                               hint=close_hint(key, list(pos)))  # fmt: skip
                raise LabelError(said)
            order[k] = i
        if len(set(order.tolist())) != len(order):
            raise LabelError(Message("ops.concordance.twice", what=said_what(what)))
        missing = sorted(set(range(len(codes))) - set(order.tolist()))
        if missing:
            names = tuple(f"'{codes[i]}'" for i in missing[:5])
            raise LabelError(Message("ops.concordance.unmapped", what=said_what(what), codes=names))
        W = np.zeros((len(self.target), len(codes)))
        W[:, order] = self.W
        return W


def concordance_from_mapping(
    mapping: Mapping[str, str] | Sequence[tuple[str, str]],
    *,
    order: Sequence[str] | None = None,
    names: Mapping[str, str] | None = None,
) -> Concordance:
    """A 0/1 concordance from ``code -> group`` pairs.

    Groups appear in the order of ``order`` if given, else of first appearance.

    >>> c = concordance_from_mapping({"A01": "A", "A02": "A", "C10": "C"})
    >>> c.target, c.W.tolist()
    (('A', 'C'), [[1.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
    """
    pairs = list(mapping.items()) if isinstance(mapping, Mapping) else list(mapping)
    source = tuple(normalize_label(c) for c, _ in pairs)
    groups = [normalize_label(g) for _, g in pairs]
    target = tuple(dict.fromkeys(order if order is not None else groups))
    gpos = {g: i for i, g in enumerate(target)}
    W = np.zeros((len(target), len(source)))
    for j, g in enumerate(groups):
        if g not in gpos:
            raise LabelError(Message("ops.concordance.group_order", group=g, label=source[j]))
        W[gpos[g], j] = 1.0
    tn = tuple((names or {}).get(g, g) for g in target)
    return Concordance(source=source, target=target, W=W, target_names=tn)


def normalise_columns(W: np.ndarray, source: Sequence[str], loc: Location) -> np.ndarray:
    """Scale each column of a concordance ``W`` (groups × codes) to sum to 1; a column
    summing to zero or less is an error naming its code."""
    sums = W.sum(axis=0)
    if np.any(sums <= 0):
        j = int(np.argmax(sums <= 0))
        raise InputError(Message("ops.concordance.no_weight", label=source[j]), loc)
    return W / sums


def _group_roles(W: np.ndarray, roles: Sequence[str]) -> tuple[str, ...]:
    out = []
    for row in W:
        rs = {roles[int(j)] for j in np.flatnonzero(row)}
        out.append(rs.pop() if len(rs) == 1 else "other")
    return tuple(out)


def aggregate(
    table: IOTable,
    concordance: Concordance,
    fd_concordance: Concordance | None = None,
) -> IOTable:
    """Map a table to a new sector classification (aggregate, or split by shares).

    .. math:: Z' = W Z W^\\top,\\ Y' = W Y W_f^\\top,\\ V' = V W^\\top,\\
              F' = F W^\\top,\\ x' = W x,\\ m' = W m

    Tags are kept where every member of a group carries the same value and dropped
    otherwise. Final-demand categories keep their role when all members share it,
    else become ``"other"``.

    Examples
    --------
    Aggregating both sectors of Miller & Blair (2009) Table 2.3 into one:

    >>> from iocluster.datasets import miller_blair_2_3
    >>> t = aggregate(miller_blair_2_3(), concordance_from_mapping({"S1": "T", "S2": "T"}))
    >>> t.Z.tolist(), t.x.tolist(), t.value_added.tolist()
    ([[950.0]], [3000.0], [2050.0])
    """
    W = concordance.align(table.codes)
    Wf = (
        np.eye(len(table.fd_names))
        if fd_concordance is None
        else fd_concordance.align(table.fd_names, what="final-demand category")
    )
    if fd_concordance is None:
        fd_names, fd_roles = table.fd_names, table.fd_roles
    else:
        fd_names = fd_concordance.target
        fd_roles = _group_roles(Wf, table.fd_roles)
    tags: dict[str, tuple[str, ...]] = {}
    for key, vals in table.tags.items():
        new = []
        for row in W:
            vs = {vals[j] for j in np.flatnonzero(row)}
            if len(vs) != 1:
                break
            new.append(vs.pop())
        else:
            tags[key] = tuple(new)
    split = bool(np.any((W > 0) & (W < 1)))
    meta = table.meta
    if split:
        meta = meta.with_assumption(Message("ops.aggregate.split", formula="Z' = W Z Wᵀ"))
    return IOTable(
        codes=concordance.target,
        names=concordance.target_names,
        labels=concordance.target,
        Z=frozen_array(W @ table.Z @ W.T),
        Y=frozen_array(W @ table.Y @ Wf.T),
        fd_names=tuple(fd_names),
        fd_roles=tuple(fd_roles),
        V=frozen_array(table.V @ W.T),
        va_names=table.va_names,
        va_roles=table.va_roles,
        x=frozen_array(W @ table.x),
        F=frozen_array(table.F @ W.T),
        satellite_names=table.satellite_names,
        satellite_units=table.satellite_units,
        kind=table.kind,
        m=None if table.m is None else frozen_array(W @ table.m),
        Zm=None if table.Zm is None else frozen_array(W @ table.Zm @ W.T),
        Ym=None if table.Ym is None else frozen_array(W @ table.Ym @ Wf.T),
        tags=tags,
        meta=meta,
        import_rule=table.import_rule,
    )


def disaggregate(
    table: IOTable,
    code: str,
    shares: Mapping[str, float],
    *,
    names: Mapping[str, str] | None = None,
) -> IOTable:
    """Split one sector into several by output shares.

    The new sectors replace ``code`` in place, in the order of ``shares``. Each part
    gets share ``s_k`` of the sector's output, of each of its sales (row) and of each
    of its purchases and primary inputs (column): it keeps the input structure of the
    parent (the usual assumption absent other data). Aggregating the parts back gives
    the original table.

    Raises
    ------
    InputError
        Shares that are negative or do not sum to one, or a new code that already
        names another sector.

    Examples
    --------
    >>> from iocluster.datasets import miller_blair_2_3
    >>> t = disaggregate(miller_blair_2_3(), "S2", {"S2a": 0.25, "S2b": 0.75})
    >>> t.codes, t.x.tolist()
    (('S1', 'S2a', 'S2b'), [1000.0, 500.0, 1500.0])
    """
    (j,) = table.sector_index([code])
    parts = [normalize_label(k) for k in shares]
    s = np.array([float(v) for v in shares.values()])
    if len(parts) < 1 or np.any(~np.isfinite(s)) or np.any(s < 0):
        raise InputError(Message("ops.split.shares", sector=table.codes[j]))
    if abs(s.sum() - 1.0) > 1e-9:
        said = Message("ops.split.sum", sector=table.codes[j], total=f"{s.sum():.12g}")
        raise InputError(said)
    others = set(table.codes) - {table.codes[j]}
    clash = [p for p in parts if p in others]
    if clash:
        raise LabelError(Message("ops.split.clash", label=clash[0]))
    target = (*table.codes[:j], *parts, *table.codes[j + 1 :])
    W = np.zeros((len(target), table.n))
    W[:j, :j] = np.eye(j)
    W[j : j + len(parts), j] = s
    W[j + len(parts) :, j + 1 :] = np.eye(table.n - j - 1)
    nm = names or {}
    tnames = (
        *table.names[:j],
        *(nm.get(p, f"{table.names[j]} ({p})") for p in parts),
        *table.names[j + 1 :],
    )
    conc = Concordance(source=table.codes, target=target, W=W, target_names=tnames)
    return aggregate(table, conc)
