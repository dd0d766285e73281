"""The block structure of a multiregional table, shared by its value-added analyses.

A multiregional table is an ordinary :class:`~iocluster.table.IOTable` whose tags
``region`` and ``sector`` say where each sector is (what the ICIO, WIOD and pymrio
readers and :func:`~iocluster.regional.interregional.build.build_interregional` write).
The trade decompositions need more than the tags: every region's sectors as one block, in
the same order in every region, and the region that buys each final-demand column.

Final-demand columns are named ``region/category`` (the buying region). Columns of role
``exports`` (and ``interregional``) are sales outside the table's regions: for a world
table that sells nothing outside they are empty; for the interregional table of one
country they are its foreign exports. They form one more destination, :data:`OUTSIDE`,
which buys but produces nothing. Imported inputs from outside (primary-input rows of role
``imports``, or a domestic table's import matrix) are the value added of that outside
world.

Value added is split three ways, per unit of output (:func:`primary_inputs`): value added
at basic prices (``va``), imports from outside (``imp``) and the rest of the primary
inputs (``other``: net taxes on products, valuation adjustments, and any part of output the
table's inputs leave unexplained), so that ``va + imp + other = 1 − 1ᵀA`` exactly and the
three parts of any export add up to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from iocluster.core.engine import FloatArray, LeontiefSystem, dense_block, factorise
from iocluster.core.messages import Message
from iocluster.errors import InputError, close_matches
from iocluster.regional.interregional.analysis import is_interregional, region_layout
from iocluster.regional.interregional.build import SECTOR_TAG, SEP
from iocluster.table import IOTable

__all__ = ["OUTSIDE", "PrimaryInputs", "RegionBlocks", "primary_inputs", "region_blocks"]

#: The destination of final demand outside the table's regions (role ``exports``).
OUTSIDE = "outside"
#: Final-demand roles that are sales outside the table's regions.
_OUTSIDE_ROLES = ("exports", "interregional")


@dataclass(frozen=True, eq=False)
class RegionBlocks:
    """Regions as equal blocks of a multiregional table.

    Attributes
    ----------
    table : IOTable
        The domestic table the blocks are of.
    regions : tuple of str
        Region keys in table order (the producing regions).
    sectors : tuple of str
        The sector codes of one block (tag ``sector``), the same in every region.
    destinations : tuple of str
        The regions, then :data:`OUTSIDE` when the table sells outside its regions.
    Y : (N, D) ndarray
        Final demand by buying region (columns: ``destinations``), summed over categories.
    """

    table: IOTable
    regions: tuple[str, ...]
    sectors: tuple[str, ...]
    destinations: tuple[str, ...]
    Y: FloatArray

    @property
    def R(self) -> int:
        """Number of regions."""
        return len(self.regions)

    @property
    def n(self) -> int:
        """Sectors per region."""
        return len(self.sectors)

    @property
    def D(self) -> int:
        """Number of destinations of final demand."""
        return len(self.destinations)

    def region_index(self, name: str) -> int:
        """Position of a region given by key (case-insensitive).

        Raises
        ------
        InputError
            Unknown region, with a close match and the regions.
        """
        lower = {k.lower(): i for i, k in enumerate(self.regions)}
        k = lower.get(str(name).strip().lower())
        if k is None:
            shown = ", ".join(self.regions[:12]) + (" …" if self.R > 12 else "")
            said = Message(
                "scenarios.unknown_region", region=str(name),
                hint=close_matches(str(name), self.regions), keys=shown,
            )  # fmt: skip
            raise InputError(said)
        return k

    def block(self, r: int) -> slice:
        """Positions of region ``r``'s sectors."""
        return slice(r * self.n, (r + 1) * self.n)

    def blocks(self, values: FloatArray) -> FloatArray:
        """A vector (N,) as an (R, n) array, or a matrix (N, k) as (R, n, k)."""
        v = np.asarray(values)
        return v.reshape(self.R, self.n, *v.shape[1:])

    def members(self, r: int) -> np.ndarray:
        """Boolean mask (N,) of region ``r``'s sectors."""
        mask = np.zeros(self.R * self.n, dtype=bool)
        mask[self.block(r)] = True
        return mask

    @cached_property
    def A(self) -> FloatArray:
        """The coefficients as a dense (R, n, R, n) array: ``A[s, :, r, :]`` = :math:`A^{sr}`
        (a view of the table's dense ``A``; a sparse ``A`` is expanded once)."""
        A = self.table.A
        dense = A if isinstance(A, np.ndarray) else dense_block(A)
        return dense.reshape(self.R, self.n, self.R, self.n)

    @cached_property
    def local(self) -> tuple[LeontiefSystem, ...]:
        """The factorised :math:`I - A^{ss}` of every region (the local inverses
        :math:`L^{ss}`, never formed)."""
        return tuple(factorise(self.A[s, :, s, :]) for s in range(self.R))

    def local_solve(self, values: FloatArray, *, transposed: bool = False) -> FloatArray:
        """:math:`L^{ss} v^s` (or :math:`{v^s}^\\top L^{ss}`) for every region's block of
        ``values`` (N,) or (N, k)."""
        v = self.blocks(values)
        out = np.empty(v.shape)
        for s, system in enumerate(self.local):
            out[s] = system.solve_transposed(v[s]) if transposed else system.solve(v[s])
        return out.reshape(np.asarray(values).shape)

    @cached_property
    def final_exports(self) -> FloatArray:
        """Final goods each region sells to other regions and outside, :math:`Y^{s*}` (N,)."""
        own = np.zeros(self.R * self.n)
        for s in range(self.R):
            own[self.block(s)] = self.Y[self.block(s), s]
        return np.asarray(self.Y.sum(axis=1) - own)

    @cached_property
    def own_final(self) -> FloatArray:
        """Final goods each region buys from itself, :math:`Y^{ss}` (N,)."""
        return np.asarray(self.Y.sum(axis=1) - self.final_exports)

    def intermediate_exports(self, x: FloatArray) -> FloatArray:
        """Intermediate sales to other regions at output ``x``: :math:`\\sum_{r \\ne s}
        A^{sr} x^r` for every sector (N,)."""
        xb = self.blocks(x)
        total = np.einsum("sirj,rj->si", self.A, xb)
        own = np.einsum("sisj,sj->si", self.A, xb)
        return np.asarray((total - own).reshape(-1))


def region_blocks(table: IOTable) -> RegionBlocks:
    """The block structure of a multiregional (or interregional) table.

    Raises
    ------
    InputError
        The table has no ``region`` and ``sector`` tags; a region's sectors are not one
        block, or not the same sectors in the same order as the first region's; a
        final-demand column names no region of the table.
    """
    if not is_interregional(table):
        raise InputError(
            Message(
                "regional.no_layout", region="region", sector="sector",
                icio="icio|wiod", convert="convert", command="iocluster interregional",
            )
        )  # fmt: skip
    d = table.domestic()
    keys, where = region_layout(d)
    R, N = len(keys), d.n
    n = N // R
    sectors = tuple(d.tags[SECTOR_TAG][:n])
    if n * R != N or not np.array_equal(where, np.repeat(np.arange(R), n)):
        counts = np.bincount(where, minlength=R)
        k = int(np.argmax(counts != counts[0])) if (counts != counts[0]).any() else 0
        raise InputError(Message("regional.not_one_block", region=keys[k], n=int(counts[0])))
    for r in range(1, R):
        got = tuple(d.tags[SECTOR_TAG][r * n : (r + 1) * n])
        if got != sectors:
            bad = next(i for i in range(n) if got[i] != sectors[i])
            said = Message(
                "regional.other_order", region=keys[r], sector=str(got[bad]), first=keys[0],
                expected=str(sectors[bad]),
            )  # fmt: skip
            raise InputError(said)
    lower = {k.lower(): i for i, k in enumerate(keys)}
    dest = np.empty(len(d.fd_names), dtype=np.intp)
    outside = False
    for c, (name, role) in enumerate(zip(d.fd_names, d.fd_roles, strict=True)):
        if role in _OUTSIDE_ROLES:
            dest[c], outside = R, True
            continue
        head = name.split(SEP, 1)[0].strip().lower() if SEP in name else ""
        if head not in lower:
            shown_keys = ", ".join(keys[:8]) + (" …" if R > 8 else "")
            said = Message(
                "regional.fd_no_region", name=name, syntax="region/category", keys=shown_keys
            )
            raise InputError(said)
        dest[c] = lower[head]
    D = R + int(outside)
    Y = np.zeros((N, D))
    for c in range(len(d.fd_names)):
        Y[:, dest[c]] += d.Y[:, c]
    destinations = (*keys, *((OUTSIDE,) if outside else ()))
    return RegionBlocks(table=d, regions=tuple(keys), sectors=sectors,
                        destinations=destinations, Y=Y)  # fmt: skip


@dataclass(frozen=True)
class PrimaryInputs:
    """Primary inputs per unit of output, in three parts that add up to ``1 − 1ᵀA``.

    Attributes
    ----------
    va : (N,) ndarray
        Value added at basic prices (:attr:`IOTable.value_added` / x).
    imp : (N,) ndarray
        Imported inputs from outside the table (:attr:`IOTable.imported_inputs` / x).
    other : (N,) ndarray
        The rest: net taxes on products, valuation adjustments and any part of output
        the table's inputs do not explain.
    """

    va: FloatArray
    imp: FloatArray
    other: FloatArray


def primary_inputs(table: IOTable) -> PrimaryInputs:
    """:class:`PrimaryInputs` of a table (national or multiregional).

    >>> from iocluster.datasets import miller_blair_2_3
    >>> p = primary_inputs(miller_blair_2_3())
    >>> (p.va + p.imp + p.other).round(12).tolist()
    [0.65, 0.7]
    """
    va = np.asarray(table.coefficients(table.value_added))
    imp = np.asarray(table.coefficients(table.imported_inputs))
    inputs = 1.0 - np.asarray(table.A.sum(axis=0)).ravel()
    return PrimaryInputs(va=va, imp=imp, other=inputs - va - imp)
