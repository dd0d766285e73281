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
from iocluster.analysis.checks import Check, Status, listed
from iocluster.core.engine import Coefficients, FloatArray, as_dense
from iocluster.core.messages import Message, render
from iocluster.errors import NumericalError, TableIdentityError
from iocluster.table import IOTable

__all__ = [
    "COL_FLAG",
    "ROW_FAIL",
    "Check",
    "ValidationReport",
    "column_gaps",
    "no_unit_message",
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
        return self.text("en")

    def text(self, lang: str) -> str:
        """One line per check, ``STATUS  name: detail``, in ``lang``."""
        return "\n".join(
            f"{c.status:4}  {render(c.title, lang)}: {render(c.detail, lang)}" for c in self.checks
        )


def _gap(code: str, rel: float, amount: float) -> Message:
    """``C13 +2.3% (1,234)``: a sector, its residual as a share, the residual."""
    if abs(rel) >= 1e-3 or not np.isfinite(rel):
        return Message("check.gap", sector=code, gap=rel, amount=amount)
    return Message("check.gap_small", sector=code, gap=100 * rel, amount=amount)


def _worst(
    codes: tuple[str, ...], rel: FloatArray, absval: FloatArray, k: int = 5
) -> tuple[Message, ...]:
    order = np.argsort(-np.abs(rel))[:k]
    return tuple(_gap(codes[i], float(rel[i]), float(absval[i])) for i in order if rel[i] != 0)


def _failing(
    codes: tuple[str, ...], rel: FloatArray, absval: FloatArray, limit: float
) -> Message | tuple[Message, ...]:
    """Every sector beyond ``limit`` (largest first; the first ten, then "and N more"), or
    () when none is."""
    beyond = int((np.abs(rel) > limit).sum())
    if not beyond:
        return ()
    return listed([*_worst(codes, rel, absval, beyond)], _SHOW)


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
    what = Message("check.uses_output_imports" if t.kind == "total" else "check.uses_output")
    if worst <= ROW_WARN:
        residual = float(np.abs(r).max(initial=0.0))
        return Check(
            "row identity", "PASS", Message("check.rows.pass", what=what, residual=residual), worst
        )
    failing = _failing(t.codes, rel, r, ROW_FAIL)
    if failing:
        detail = Message("check.rows.fail", what=what, limit=ROW_FAIL, sectors=failing)
        return Check("row identity", "FAIL", detail, worst)
    detail = Message("check.rows.warn", what=what, limit=ROW_FAIL, sectors=_worst(t.codes, rel, r))
    return Check("row identity", "WARN", detail, worst)


def check_columns(t: IOTable) -> Check:
    """Column identity: ``x = 1ᵀZ + 1ᵀV`` (plus imported inputs) for every sector; the
    detail names every sector beyond :data:`COL_FLAG` of its output."""
    r = t.column_residual()
    rel = column_gaps(t)
    worst = float(np.max(np.abs(rel), initial=0.0))
    total = float(r.sum() / t.x.sum()) if t.x.sum() else 0.0
    if worst <= COL_WARN:
        residual = float(np.abs(r).max(initial=0.0))
        return Check(
            "column identity", "PASS", Message("check.columns.pass", residual=residual), worst
        )
    status: Status = "FAIL" if abs(total) > COL_FAIL_TOTAL else "WARN"
    failing = _failing(t.codes, rel, r, COL_FLAG)
    sectors = (
        Message("check.columns.beyond", limit=COL_FLAG, sectors=failing)
        if failing
        else Message("check.columns.within", limit=COL_FLAG, sectors=_worst(t.codes, rel, r))
    )
    amount = Message("check.amount", value=float(r.sum()), unit=t.meta.unit_text)
    detail = Message("check.columns.gap", share=total, amount=amount, sectors=sectors)
    return Check("column identity", status, detail, worst)


def check_signs(t: IOTable) -> list[Check]:
    """Negative entries where they should not be (inventories and surpluses may be < 0)."""
    out: list[Check] = []
    neg_x = [c for c, v in zip(t.codes, t.x, strict=True) if v < 0]
    out.append(
        Check("output non-negative", "FAIL", Message("check.output.fail", sectors=listed(neg_x)))
        if neg_x
        else Check("output non-negative", "PASS", Message("check.output.pass"))
    )
    zi, zj = np.nonzero(t.Z < 0)
    if len(zi):
        cells = tuple(f"{t.codes[i]}→{t.codes[j]}" for i, j in zip(zi[:5], zj[:5], strict=True))
        detail = Message("check.flows.warn", n=len(zi), cells=cells)
        out.append(Check("intermediate flows", "WARN", detail))
    else:
        out.append(Check("intermediate flows", "PASS", Message("check.flows.pass")))
    bad_fd = []
    for k, (name, role) in enumerate(zip(t.fd_names, t.fd_roles, strict=True)):
        if role in ("inventories", "other"):
            continue
        neg = np.nonzero(t.Y[:, k] < 0)[0]
        bad_fd += [f"{t.codes[i]}/{name}" for i in neg]
    out.append(
        Check("final demand", "WARN", Message("check.final_demand.warn", cells=listed(bad_fd, 8)))
        if bad_fd
        else Check("final demand", "PASS", Message("check.final_demand.pass"))
    )
    neg_comp = np.nonzero(t.compensation < 0)[0]
    neg_m = np.nonzero(t.m < 0)[0] if t.m is not None else np.array([], dtype=int)
    neg_f = np.nonzero((t.F < 0).any(axis=0))[0]
    issues = (
        [Message("check.negative.compensation", sector=t.codes[i]) for i in neg_comp]
        + [Message("check.negative.imports", sector=t.codes[i]) for i in neg_m]
        + [Message("check.negative.satellite", sector=t.codes[i]) for i in neg_f]
    )
    out.append(
        Check(
            "primary inputs and satellites",
            "WARN",
            Message("check.primary_inputs.warn", items=listed(issues, 8)),
        )
        if issues
        else Check("primary inputs and satellites", "PASS", Message("check.primary_inputs.pass"))
    )
    return out


def check_zero_output(t: IOTable) -> Check:
    """Sectors with zero output (their coefficient column is set to zero)."""
    zero = [c for c, v in zip(t.codes, t.x, strict=True) if v == 0]
    if zero:
        return Check(
            "zero-output sectors",
            "WARN",
            Message("check.zero_output.warn", n=len(zero), sectors=listed(zero)),
            float(len(zero)),
        )
    return Check("zero-output sectors", "PASS", Message("check.zero_output.pass"), 0.0)


def check_units(t: IOTable) -> Check:
    """Scale and unit sanity: a unit is stated, and no input exceeds the output it buys."""
    colsum = t.A.sum(axis=0)
    over = [
        Message("check.input_share", sector=c, share=float(s))
        for c, s in zip(t.codes, colsum, strict=True)
        if s >= 1
    ]
    if over:
        return Check(
            "units and scale",
            "FAIL",
            Message("check.units.fail", items=listed(over, 8)),
            float(colsum.max()),
        )
    if not t.meta.currency and not t.meta.scale:
        return Check("units and scale", "WARN", no_unit_message())
    return Check("units and scale", "PASS", Message("check.units.pass", unit=t.meta.unit_text))


def no_unit_message() -> Message:
    """The table states no currency or scale: money results will say "currency units",
    and how to state them (the validation's check and the commands' warning).

    >>> str(no_unit_message()).endswith("or with iocluster convert --currency --scale)")
    True
    """
    return Message("check.units.warn", command="iocluster convert --currency --scale")


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
        Check("productive", "PASS", Message("check.productive.pass", rho=rho), rho)
        if rho < 1
        else Check("productive", "FAIL", Message("check.productive.fail", rho=rho), rho)
    )
    try:
        system = t.leontief
    except (NumericalError, TableIdentityError) as exc:
        return [prod, Check("conditioning", "FAIL", _text(exc.message))]
    if np.isnan(system.rcond):
        return [prod, Check("conditioning", "PASS", Message("check.conditioning.sparse"))]
    cond = 1.0 / system.rcond if system.rcond > 0 else float("inf")
    status: Status = "WARN" if cond > COND_WARN else "PASS"
    detail = Message("check.conditioning.value", cond=cond)
    return [prod, Check("conditioning", status, detail, cond)]


def _text(message: object) -> Message | str:
    """An error's message as a check's detail (a Message as it is, else its text)."""
    return message if isinstance(message, Message) else str(message)


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
