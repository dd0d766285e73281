"""The baseline quantities of a table that scenarios change, computed once per table
(:class:`Base`): domestic coefficients and final demand, value-added, import and
satellite coefficients by row, the import shares of the import rule, the tax rows."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import scipy.sparse as sp

from iocluster.core.engine import Coefficients, FloatArray, dense_block
from iocluster.scenarios.taxes import production_tax_row
from iocluster.table import NOT_VALUE_ADDED, IOTable

__all__ = ["Base"]


@dataclass(frozen=True, eq=False)
class Base:
    """The baseline quantities of a table that scenarios change (computed once)."""

    table: IOTable

    @classmethod
    def of(cls, table: IOTable) -> Base:
        """The base of ``table``, built once per table (:meth:`IOTable.derived`): every
        run on the table shares its baseline quantities."""
        return table.derived("scenarios.base", cls)

    @property
    def A(self) -> Coefficients:
        """Domestic coefficients (sparse for a large sparse table: only the rows and
        columns a scenario changes are taken dense, by :func:`dense_block`)."""
        return self.table.A

    @cached_property
    def _dense(self) -> FloatArray | None:
        A = self.table.A
        return None if sp.issparse(A) else np.asarray(A)

    def column(self, j: int) -> FloatArray:
        """Column ``j`` of the domestic coefficients, dense (a read-only view of a dense
        ``A``; only that column of a sparse one)."""
        if self._dense is not None:
            return self._dense[:, j]
        return dense_block(self.A, cols=[j])[:, 0]

    @cached_property
    def _views(self) -> dict[tuple[str, int], FloatArray]:
        return {}

    def broadcast(self, name: str, D: int) -> FloatArray:
        """The baseline array ``name`` (``y``, ``va``, …) repeated over ``D`` draws: a
        read-only view, made once per name and ``D``."""
        key = (name, D)
        if key not in self._views:
            src = np.asarray(getattr(self, name))
            view = src[None] if D == 1 else np.broadcast_to(src, (D, *src.shape))
            if view.flags.writeable:
                view = view.view()
                view.flags.writeable = False
            self._views[key] = view
        return self._views[key]

    @cached_property
    def x(self) -> FloatArray:
        """Output."""
        return np.asarray(self.table.x)

    @cached_property
    def tax_rows(self) -> tuple[int | None, int | None]:
        """Rows of :attr:`va` of the net taxes on production and of the operating surplus
        (None where the table has none)."""
        keep = np.flatnonzero(self.va_mask).tolist()
        row = production_tax_row(self.table)
        tax = keep.index(row) if row is not None and row in keep else None
        roles = [self.table.va_roles[i] for i in keep]
        return tax, (roles.index("operating_surplus") if "operating_surplus" in roles else None)

    @cached_property
    def x_model(self) -> FloatArray:
        """The model's baseline output ``x₀ = L y₀`` (the impacts' baseline)."""
        return np.asarray(self.table.leontief.solve(self.y.sum(axis=1)))

    @cached_property
    def inv_x(self) -> FloatArray:
        """1/x (0 where x = 0)."""
        return np.where(self.x > 0, 1.0 / np.where(self.x > 0, self.x, 1.0), 0.0)

    @cached_property
    def y(self) -> FloatArray:
        """Domestic final demand, n × categories."""
        return np.asarray(self.table.domestic().Y)

    @cached_property
    def ym(self) -> FloatArray:
        """Imported final demand, n × categories (zeros for a domestic table)."""
        Ym = self.table.domestic().Ym
        return np.zeros_like(self.y) if Ym is None else np.asarray(Ym)

    @cached_property
    def va_mask(self) -> np.ndarray:
        """Primary-input rows that are value added at basic prices (as
        ``IOTable.value_added``: roles outside :data:`iocluster.table.NOT_VALUE_ADDED`)."""
        roles = self.table.va_roles
        return np.array([r not in NOT_VALUE_ADDED for r in roles], dtype=bool)

    @cached_property
    def va(self) -> FloatArray:
        """Value-added coefficients by row (rows of ``V`` except imports) × sectors."""
        return np.asarray(self.table.V)[self.va_mask] * self.inv_x

    @cached_property
    def comp_rows(self) -> np.ndarray:
        """Rows of :attr:`va` that are compensation of employees."""
        roles = [r for r, keep in zip(self.table.va_roles, self.va_mask, strict=True) if keep]
        return np.array([r == "compensation" for r in roles], dtype=bool)

    @cached_property
    def m(self) -> FloatArray:
        """Imported-input coefficients by using sector."""
        return np.asarray(self.table.imported_inputs) * self.inv_x

    @cached_property
    def f(self) -> FloatArray:
        """Satellite coefficients (satellite rows × sectors)."""
        return np.asarray(self.table.F) * self.inv_x

    @cached_property
    def other(self) -> FloatArray:
        """Costs per unit of output not in A, value added or imports (e.g. missing taxes)."""
        return 1.0 - self.A.sum(axis=0) - self.va.sum(axis=0) - self.m

    @cached_property
    def Am(self) -> FloatArray | None:
        """Imported-input coefficients by product, ``Aᵐ = Zᵐ x̂⁻¹`` (None if unknown)."""
        Zm = self.table.domestic().Zm
        return None if Zm is None else np.asarray(Zm) * self.inv_x

    def am_column(self, j: int) -> FloatArray:
        """Imported-input coefficients of column ``j`` by product (zeros if unknown)."""
        return np.zeros(self.table.n) if self.Am is None else self.Am[:, j].copy()

    @cached_property
    def mu(self) -> FloatArray:
        """Import shares ``μᵢ`` of products in final uses other than exports (the import
        rule of absolute final-demand changes and investment): a total-use table's import
        rule (:attr:`IOTable.import_shares`); a domestic table's observed shares
        ``Σ yᵐ / Σ (y + yᵐ)`` over those uses where it records imported final use, else 0."""
        t = self.table
        if t.kind == "total" or t.Ym is None:
            return np.asarray(t.import_shares)
        keep = ~self.export_cats
        dom, imp = self.y[:, keep].sum(axis=1), self.ym[:, keep].sum(axis=1)
        tot = dom + imp
        return np.where(tot > 0, imp / np.where(tot > 0, tot, 1.0), 0.0)

    @cached_property
    def export_cats(self) -> np.ndarray:
        """Mask of (foreign) export categories."""
        return np.array([r == "exports" for r in self.table.fd_roles], dtype=bool)

    @cached_property
    def interregional_cats(self) -> np.ndarray:
        """Mask of a regional table's net sales to the rest of the country."""
        return np.array([r == "interregional" for r in self.table.fd_roles], dtype=bool)
