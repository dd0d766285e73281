"""Validation of a table: accounting identities, signs, units, productiveness.

Every check gives PASS, WARN or FAIL with the sectors named and the size of the
residual. ``iocluster validate`` exits 1 when any check FAILs.

Thresholds (relative to the sector's output, or total output for totals):

=====================  ==================  ============================================
check                  WARN above          FAIL above
=====================  ==================  ============================================
row identity           1e-6                1e-2 (a product's uses ≠ its resources)
column identity        1e-6                10 % of total output in total
=====================  ==================  ============================================

Data artefacts that distort rankings (intermediate sales above output, negative
inventories or other final demand below −0.5 × output, linkage-index outliers caused by
them) are WARN checks naming the sectors (:mod:`iocluster.analysis.artefacts`).

Residuals below a billionth of total output are taken as rounding noise. A column gap
within 10 % is a WARN because published tables often omit a row (the 2022
Uzbekistan table has no row for net taxes on products; the gap is 1.8 % of output).

A sector *fails* its identity when its own residual exceeds the FAIL level as a share of
its own resources (rows: :data:`ROW_FAIL`, 1 %) or output (columns: :data:`COL_FLAG`,
10 %); the checks name exactly these sectors, and rankings set them aside
(:mod:`iocluster.analysis.flags`). Smaller residuals are listed as the largest, "within"
the limit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.linalg as sla
import scipy.sparse as sp
import scipy.sparse.linalg as spla

from iocluster.analysis.artefacts import artefact_checks
from iocluster.analysis.checks import Check, Status
from iocluster.analysis.describe import plain_amount
from iocluster.core.engine import Coefficients, FloatArray, as_dense
from iocluster.errors import NumericalError, TableIdentityError
from iocluster.table import IOTable

__all__ = [
    "COL_FLAG",
    "ROW_FAIL",
    "Check",
    "ValidationReport",
    "column_gaps",
    "row_gaps",
    "spectral_radius",
    "validate_table",
]

ROW_WARN, ROW_FAIL = 1e-6, 1e-2
COL_WARN, COL_FAIL_TOTAL = 1e-6, 0.10
#: A sector whose own column misses more than this share of its output fails its identity.
COL_FLAG = 0.10
_SHOW = 10
COND_WARN = 1e8


@dataclass(frozen=True)
class ValidationReport:
    """All checks of one table."""

    checks: tuple[Check, ...]

    @property
    def ok(self) -> bool:
        """True when no check failed."""
        return all(c.status != "FAIL" for c in self.checks)

    def to_frame(self) -> pd.DataFrame:
        """One row per check: ``name``, ``status``, ``detail``, ``value``."""
        df = pd.DataFrame(
            [(c.name, c.status, c.detail, c.value) for c in self.checks],
            columns=["name", "status", "detail", "value"],
        )
        return df.set_index("name")

    def __str__(self) -> str:
        return "\n".join(f"{c.status:4}  {c.name}: {c.detail}" for c in self.checks)


def _pct(v: float) -> str:
    return f"{v:+.1%}" if abs(v) >= 1e-3 else f"{v * 100:+.1e}%"


def _worst(codes: tuple[str, ...], rel: FloatArray, absval: FloatArray, k: int = 5) -> str:
    order = np.argsort(-np.abs(rel))[:k]
    return ", ".join(
        f"{codes[i]} {_pct(rel[i])} ({plain_amount(float(absval[i]))})"
        for i in order
        if rel[i] != 0
    )


def _failing(codes: tuple[str, ...], rel: FloatArray, absval: FloatArray, limit: float) -> str:
    """Every sector beyond ``limit`` (largest first; the first ten, then "and N more"), or
    "" when none is."""
    beyond = int((np.abs(rel) > limit).sum())
    if not beyond:
        return ""
    more = f" and {beyond - _SHOW} more" if beyond > _SHOW else ""
    return _worst(codes, rel, absval, min(beyond, _SHOW)) + more


def _noise_floor(t: IOTable) -> float:
    """Residuals below a billionth of total output are rounding noise of published data."""
    return 1e-9 * float(np.abs(t.x).sum())


def _rel(residual: FloatArray, base: FloatArray) -> FloatArray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(base != 0, residual / np.abs(base), np.where(residual == 0, 0.0, np.inf))


def row_gaps(t: IOTable) -> FloatArray:
    """Each product's row residual ``Z1 + Y1 − x (− m)`` as a share of its resources
    ``x (+ m)``; 0 below the rounding-noise floor (a billionth of total output).

    >>> from iocluster.datasets import miller_blair_2_3
    >>> row_gaps(miller_blair_2_3()).tolist()
    [0.0, 0.0]
    """
    r = t.row_residual()
    base = t.x + (t.m if t.kind == "total" and t.m is not None else 0.0)
    return np.where(np.abs(r) <= _noise_floor(t), 0.0, _rel(r, base))


def column_gaps(t: IOTable) -> FloatArray:
    """Each sector's column residual ``x − 1ᵀZ − 1ᵀV`` (less imported inputs) as a share
    of its output; 0 below the rounding-noise floor."""
    r = t.column_residual()
    return np.where(np.abs(r) <= _noise_floor(t), 0.0, _rel(r, t.x))


def check_rows(t: IOTable) -> Check:
    """Row identity: ``Z1 + Y1 = x (+ m)`` for every product; FAIL naming every product
    beyond :data:`ROW_FAIL` of its resources."""
    r = t.row_residual()
    rel = row_gaps(t)
    worst = float(np.max(np.abs(rel), initial=0.0))
    what = "uses = output + imports" if t.kind == "total" else "uses = output"
    if worst <= ROW_WARN:
        return Check("row identity", "PASS", f"{what}; max |residual| {np.abs(r).max():.3g}", worst)
    failing = _failing(t.codes, rel, r, ROW_FAIL)
    if failing:
        detail = f"{what} fails by more than {ROW_FAIL:.0%} of resources: {failing}"
        return Check("row identity", "FAIL", detail, worst)
    detail = f"{what} within {ROW_FAIL:.0%} of resources; largest: {_worst(t.codes, rel, r)}"
    return Check("row identity", "WARN", detail, worst)


def check_columns(t: IOTable) -> Check:
    """Column identity: ``x = 1ᵀZ + 1ᵀV`` (plus imported inputs) for every sector; the
    detail names every sector beyond :data:`COL_FLAG` of its output."""
    r = t.column_residual()
    rel = column_gaps(t)
    worst = float(np.max(np.abs(rel), initial=0.0))
    total = float(r.sum() / t.x.sum()) if t.x.sum() else 0.0
    if worst <= COL_WARN:
        return Check(
            "column identity",
            "PASS",
            f"output = inputs; max |residual| {np.abs(r).max():.3g}",
            worst,
        )
    status: Status = "FAIL" if abs(total) > COL_FAIL_TOTAL else "WARN"
    failing = _failing(t.codes, rel, r, COL_FLAG)
    sectors = (
        f"beyond {COL_FLAG:.0%} of the sector's output: {failing}"
        if failing
        else f"every sector within {COL_FLAG:.0%} of its output; largest: "
        + _worst(t.codes, rel, r)
    )
    detail = (
        f"output − intermediate inputs − primary inputs leaves {total:.2%} of total output "
        f"({plain_amount(float(r.sum()), t.meta.unit)}); a primary-input row (e.g. net "
        f"taxes on products) may be missing; {sectors}"
    )
    return Check("column identity", status, detail, worst)


def check_signs(t: IOTable) -> list[Check]:
    """Negative entries where they should not be (inventories and surpluses may be < 0)."""
    out: list[Check] = []
    neg_x = [c for c, v in zip(t.codes, t.x, strict=True) if v < 0]
    out.append(
        Check("output non-negative", "FAIL", f"negative output: {', '.join(neg_x[:10])}")
        if neg_x
        else Check("output non-negative", "PASS", "all outputs >= 0")
    )
    zi, zj = np.nonzero(t.Z < 0)
    if len(zi):
        cells = ", ".join(f"{t.codes[i]}→{t.codes[j]}" for i, j in zip(zi[:5], zj[:5], strict=True))
        out.append(Check("intermediate flows", "WARN", f"{len(zi)} negative flows: {cells}"))
    else:
        out.append(Check("intermediate flows", "PASS", "no negative flows"))
    bad_fd = []
    for k, (name, role) in enumerate(zip(t.fd_names, t.fd_roles, strict=True)):
        if role in ("inventories", "other"):
            continue
        neg = np.nonzero(t.Y[:, k] < 0)[0]
        bad_fd += [f"{t.codes[i]}/{name}" for i in neg]
    out.append(
        Check(
            "final demand",
            "WARN",
            f"negative final demand (not inventories): {', '.join(bad_fd[:8])}",
        )
        if bad_fd
        else Check("final demand", "PASS", "no negative final demand outside inventories")
    )
    neg_comp = np.nonzero(t.compensation < 0)[0]
    neg_m = np.nonzero(t.m < 0)[0] if t.m is not None else np.array([], dtype=int)
    neg_f = np.nonzero((t.F < 0).any(axis=0))[0]
    issues = (
        [f"compensation {t.codes[i]}" for i in neg_comp]
        + [f"imports {t.codes[i]}" for i in neg_m]
        + [f"satellite {t.codes[i]}" for i in neg_f]
    )
    out.append(
        Check("primary inputs and satellites", "WARN", f"negative: {', '.join(issues[:8])}")
        if issues
        else Check(
            "primary inputs and satellites", "PASS", "compensation, imports, satellites >= 0"
        )
    )
    return out


def check_zero_output(t: IOTable) -> Check:
    """Sectors with zero output (their coefficient column is set to zero)."""
    zero = [c for c, v in zip(t.codes, t.x, strict=True) if v == 0]
    if zero:
        return Check(
            "zero-output sectors",
            "WARN",
            f"{len(zero)} sectors with zero output (coefficients set to 0): {', '.join(zero[:10])}",
            float(len(zero)),
        )
    return Check("zero-output sectors", "PASS", "every sector produces", 0.0)


def check_units(t: IOTable) -> Check:
    """Scale and unit sanity: a unit is stated, and no input exceeds the output it buys."""
    colsum = t.A.sum(axis=0)
    over = [f"{c} ({s:.2f})" for c, s in zip(t.codes, colsum, strict=True) if s >= 1]
    if over:
        return Check(
            "units and scale",
            "FAIL",
            "intermediate inputs reach or exceed output (mixed units or a misread cell?): "
            + ", ".join(over[:8]),
            float(colsum.max()),
        )
    if not t.meta.currency and not t.meta.scale:
        return Check(
            "units and scale",
            "WARN",
            "the table states no currency or scale; results will say 'currency units' "
            "(set them in the metadata sheet, or with iocluster convert --currency --scale)",
        )
    return Check("units and scale", "PASS", f"unit {t.meta.unit}; input shares < 1")


def spectral_radius(A: Coefficients) -> float:
    """Spectral radius ``ρ(A)`` (the Perron root for ``A ≥ 0``).

    Dense eigenvalues up to n = 1500 for a dense ``A``; above, and for a sparse ``A`` of
    any size (never densified), ARPACK's largest-magnitude eigenvalue.

    >>> round(spectral_radius(np.array([[0.15, 0.25], [0.2, 0.05]])), 6)  # 0.1 + √0.0525
    0.329129
    """
    n = A.shape[0]
    if n <= 1500 and not sp.issparse(A):
        return float(np.max(np.abs(sla.eigvals(as_dense(A))), initial=0.0))
    vals = spla.eigs(A, k=1, which="LM", return_eigenvectors=False, maxiter=5000, tol=1e-10)
    return float(np.abs(vals).max())


def check_productive(t: IOTable) -> list[Check]:
    """Productiveness (ρ(A) < 1) and conditioning of ``I − A``."""
    rho = spectral_radius(t.A)
    prod = (
        Check("productive", "PASS", f"spectral radius of A = {rho:.4f} < 1", rho)
        if rho < 1
        else Check("productive", "FAIL", f"spectral radius of A = {rho:.4f} >= 1: no solution", rho)
    )
    try:
        system = t.leontief
    except (NumericalError, TableIdentityError) as exc:
        return [prod, Check("conditioning", "FAIL", str(exc))]
    if np.isnan(system.rcond):
        return [prod, Check("conditioning", "PASS", "sparse LU factorised without zero pivots")]
    cond = 1.0 / system.rcond if system.rcond > 0 else float("inf")
    status: Status = "WARN" if cond > COND_WARN else "PASS"
    return [prod, Check("conditioning", status, f"condition number of I − A ≈ {cond:.3g}", cond)]


def validate_table(table: IOTable) -> ValidationReport:
    """Run every check on ``table``.

    Examples
    --------
    >>> from iocluster.datasets import miller_blair_2_3
    >>> validate_table(miller_blair_2_3()).ok
    True
    """
    checks: list[Check] = [check_rows(table), check_columns(table)]
    checks += check_signs(table)
    checks.append(check_zero_output(table))
    checks.append(check_units(table))
    checks += check_productive(table)
    checks += artefact_checks(table)
    return ValidationReport(tuple(checks))
