"""The convention of CERR's IO model (CERR-Uzbekistan/Uzbekistan-Economic-policy-engine),
reproduced so its users can compare like with like.

CERR's model works on the total-use table (imports inside ``Z``) and divides each column
by the *total resources* of the product, domestic output plus imports:

.. math:: A^{c}_{ij} = \\frac{z_{ij}}{x_j + m_j},\\qquad L^{c} = (I - A^{c})^{-1},

so ``L^c y`` is the change in total supply (domestic and imported), not in domestic
output. Its Type I output multipliers are the column sums of ``L^c``; value added and
jobs follow from coefficients per unit of domestic output (``GVA_i / x_i``,
``jobs_i / x_i``) applied to that supply change, as CERR's demand-shock engine does.
There is no domestic/imported split, no Type II closure and no import substitution.

iocluster's own convention (README, Conventions) splits the total-use table into
domestic and imported flows first (``Zᵈ = (I − μ̂)Z``) and divides by domestic output, so
imported inputs leak out of the multiplier instead of being counted as domestic supply.

References
----------
CERR-Uzbekistan, Uzbekistan-Economic-policy-engine, ``scripts/export_io_from_workbooks.py``
(A = Z / total resources) and ``apps/policy-ui/src/data/adapters/
scenario-lab-io-analytics.ts`` (ΔX = L ΔY; value added and jobs per unit of output),
as read on 2026-11-29.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from iocluster.core.engine import FloatArray, factorise, frozen_array
from iocluster.core.messages import Message
from iocluster.errors import InputError
from iocluster.model.sectors import employment_satellite
from iocluster.table import IOTable

__all__ = ["cerr_coefficients", "cerr_demand_effects", "cerr_multipliers"]


def _total_resources(table: IOTable) -> FloatArray:
    if table.kind != "total" or table.m is None:
        said = Message("analysis.cerr_needs_total", convention="CERR",
                       formula="A = Z / (output + imports)")  # fmt: skip
        raise InputError(said)
    return frozen_array(table.x + table.m, copy=False)


def cerr_coefficients(table: IOTable) -> FloatArray:
    """``Aᶜ = Z (x̂ + m̂)⁻¹`` on the total-use flows (zero columns where x + m = 0).

    >>> t = IOTable.from_arrays(Z=[[10.0, 20], [30, 40]], Y=[[80.0], [50]], V=[[60.0, 40]],
    ...     codes=["a", "b"], x=[100.0, 100.0], kind="total", m=[10.0, 20.0])
    >>> cerr_coefficients(t).round(4).tolist()
    [[0.0909, 0.1667], [0.2727, 0.3333]]
    """
    s = _total_resources(table)
    with np.errstate(divide="ignore", invalid="ignore"):
        A = np.where(s > 0, table.Z / np.where(s > 0, s, 1.0), 0.0)
    return frozen_array(A, copy=False)


def _per_output(table: IOTable, row: ArrayLike) -> FloatArray:
    x = table.x
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(x > 0, np.asarray(row, dtype=float) / np.where(x > 0, x, 1.0), 0.0)


def _coefficient_rows(table: IOTable) -> dict[str, FloatArray]:
    rows = {"value_added": _per_output(table, table.value_added)}
    emp = employment_satellite(table)
    if emp is not None:
        rows["employment"] = _per_output(table, table.satellite(emp))
    return rows


def cerr_multipliers(table: IOTable) -> pd.DataFrame:
    """Type I multipliers as CERR computes them: ``output = 1ᵀLᶜ``, and value added and
    jobs ``cᵀLᶜ`` with ``c`` per unit of domestic output.

    Returns
    -------
    DataFrame
        Index: sector codes; columns ``output``, ``value_added`` and, when the table has
        an employment row, ``employment`` (persons per unit of final demand).
    """
    system = factorise(cerr_coefficients(table))
    rows = {"output": np.ones(table.n), **_coefficient_rows(table)}
    sol = system.solve_transposed(np.column_stack(list(rows.values())))
    df = pd.DataFrame(sol, index=pd.Index(table.codes, name="code"), columns=list(rows))
    df.attrs["unit"] = "per unit of final demand (CERR convention: total supply)"
    df.attrs["assumptions"] = [
        "CERR convention: A = Z / (output + imports) on the total-use table; output "
        "multipliers count domestic and imported supply; value added and jobs per unit "
        "of domestic output applied to the supply change."
    ]
    return df


def cerr_demand_effects(table: IOTable, dy: ArrayLike) -> pd.DataFrame:
    """The effects of a final-demand change as CERR's demand-shock engine computes them:
    ``ΔX = Lᶜ Δy`` (total supply), ``ΔVA = ΔX · GVA/x``, ``Δjobs = ΔX · jobs/x``, by sector.
    """
    d = np.asarray(dy, dtype=float)
    if d.shape != (table.n,):
        raise InputError(f"the demand change has shape {d.shape}; expected ({table.n},)")
    dx = factorise(cerr_coefficients(table)).solve(d)
    cols = {"output": dx, **{k: c * dx for k, c in _coefficient_rows(table).items()}}
    df = pd.DataFrame(cols, index=pd.Index(table.codes, name="code"))
    df.attrs["unit"] = table.meta.unit
    return df
