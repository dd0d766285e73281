"""The scenario's table: the input-output table after a scenario's shocks.

The scenario engine (:mod:`.apply`, :mod:`.results`) computes impacts against the base
factorisation; this module turns one applied scenario into a full, domestic
:class:`~iocluster.table.IOTable`, so every analysis of a table (value-added chains,
multipliers, linkages) can be run on "after" exactly as on "before".

With the scenario's domestic coefficients ``A' = A + U Vᵀ`` (:meth:`AppliedScenario.low_rank`),
domestic final demand ``Y'`` (n × categories), value-added, import and satellite
coefficients ``v'``, ``m'``, ``f'``:

.. math::

    x' = (I - A')^{-1} Y' 1,\\qquad Z' = A' \\hat x',\\qquad V' = v' \\hat x',\\qquad
    F' = f' \\hat x',\\qquad Z^{m\\prime} = A^{m\\prime} \\hat x',\\qquad
    m' = Z^{m\\prime} 1 + Y^{m\\prime} 1,

``x'`` solved by a rank-k (Woodbury) update of the base factorisation
(:func:`iocluster.scenarios.results.scenario_outputs`), never a fresh inversion. The
table is of kind ``"domestic"``; it carries the import-use matrices ``Zᵐ``, ``Yᵐ`` when
the base table had import information by product (a total-use table is split first,
:meth:`IOTable.domestic`), else the imports row(s) of ``V``. Net taxes on products keep
their coefficients. Price shocks change prices, not quantities: they leave the table
as it is (the cost-push prices are in the impact results).

Identities: the row identity ``Z'1 + Y'1 = x'`` holds exactly (it is the model). Each
column keeps the base table's column residual per unit of output (e.g. the Uzbekistan
2022 table omits net taxes on products), except where a shock deliberately lets costs
change (``balance = "none"`` or a value-added productivity change): those columns are
named in the table's assumptions.

References
----------
Miller, R. E. and Blair, P. D. (2009), *Input-Output Analysis*, 2nd ed., §2.2–2.3, App. C.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from iocluster.core.engine import FloatArray, as_dense, frozen_array
from iocluster.core.messages import Message
from iocluster.errors import ScenarioError
from iocluster.scenarios.apply import AppliedScenario, Base, apply_scenario
from iocluster.scenarios.kinds import PriceShock
from iocluster.scenarios.results import scenario_outputs
from iocluster.scenarios.spec import ScenarioFile
from iocluster.scenarios.validate import ResolvedScenario, validate_file
from iocluster.table import IOTable

__all__ = ["scenario_table", "scenario_tables", "table_from_applied"]

#: change of a column's residual per unit of output that counts as unbalanced
_UNBALANCED_TOL = 1e-9


def _applied(base: Base, scenario: ResolvedScenario | AppliedScenario) -> AppliedScenario:
    if isinstance(scenario, AppliedScenario):
        if scenario.y.shape != base.y.shape or scenario.va.shape != base.va.shape:
            raise ScenarioError(
                f"scenario '{scenario.name}' was applied to a table of another shape "
                f"({scenario.y.shape[0]} sectors); expected {base.table.n}"
            )
        return scenario
    return apply_scenario(base, scenario)


def _has_price_shock(base: Base, scenario: ResolvedScenario | AppliedScenario) -> bool:
    if isinstance(scenario, AppliedScenario):
        return bool(scenario.price_fixed) or not np.array_equal(scenario.other, base.other)
    return any(isinstance(s.shock, PriceShock) for s in scenario.shocks)


def _per_unit(residual: FloatArray, x: FloatArray) -> FloatArray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(x > 0, residual / np.where(x > 0, x, 1.0), 0.0)


def table_from_applied(
    table: IOTable, applied: AppliedScenario, x: FloatArray, *, prices_ignored: bool = False
) -> IOTable:
    """Build the scenario's table from an applied scenario and its output ``x``.

    ``x`` must solve ``(I − A') x = Y'1`` (:func:`scenario_table` computes it); this
    function only assembles flows from coefficients (see the module docstring).
    """
    base = Base.of(table)
    d = table.domestic()
    a = applied
    x = np.asarray(x, dtype=np.float64)
    A1 = a.new_A(as_dense(base.A))  # the new table is dense
    Z1 = A1 * x[None, :]
    # primary inputs: value-added rows from the scenario, taxes on products unchanged
    V1 = np.asarray(d.V) * base.inv_x[None, :] * x[None, :]
    V1[base.va_mask] = a.va * x[None, :]
    Zm1: FloatArray | None = None
    Ym1: FloatArray | None = None
    m1: FloatArray | None = None
    if base.Am is not None:
        Am1 = base.Am.copy()
        for j, col in a.am_cols.items():
            Am1[:, j] = col
        Zm1 = Am1 * x[None, :]
        Ym1 = np.asarray(a.ym)
        m1 = Zm1.sum(axis=1) + Ym1.sum(axis=1)
    else:
        imp = np.array([r == "imports" for r in d.va_roles], dtype=bool)
        if imp.any():
            c0 = np.asarray(d.V)[imp] * base.inv_x[None, :]
            tot0 = c0.sum(axis=0)
            with np.errstate(divide="ignore", invalid="ignore"):
                split = np.where(tot0 > 0, c0 / np.where(tot0 > 0, tot0, 1.0), 0.0)
            split[0, tot0 <= 0] = 1.0  # new imports of a sector that had none: first row
            V1[imp] = split * (a.m * x)[None, :]
        if d.Ym is not None:
            Ym1 = np.asarray(a.ym)
    F1 = a.f * x[None, :]
    meta = d.meta.with_assumption(Message("scenarios.table_after", name=a.name))
    if table.m is not None and d.Zm is None:
        meta = meta.with_assumption(Message("scenarios.table_no_import_use", name=a.name))
    if prices_ignored:
        meta = meta.with_assumption(Message("scenarios.table_prices", name=a.name))
    out = d.replace(
        Z=frozen_array(Z1, copy=False),
        Y=frozen_array(np.asarray(a.y), copy=True),
        V=frozen_array(V1, copy=False),
        F=frozen_array(F1, copy=False),
        x=frozen_array(x, copy=True),
        kind="domestic",
        m=None if m1 is None else frozen_array(m1, copy=False),
        Zm=None if Zm1 is None else frozen_array(Zm1, copy=False),
        Ym=None if Ym1 is None else frozen_array(Ym1, copy=True),
        meta=meta,
    )
    # columns whose costs per unit of output changed (balance "none", value-added change)
    r0 = _per_unit(np.asarray(d.column_residual()), np.asarray(d.x))
    r1 = _per_unit(np.asarray(out.column_residual()), x)
    off = np.flatnonzero((np.abs(r1 - r0) > _UNBALANCED_TOL) & (x > 0) & (d.x > 0))
    if off.size:
        shown = ", ".join(table.codes[int(j)] for j in off[:10])
        out = out.replace(
            meta=meta.with_assumption(
                Message(
                    "scenarios.table_unbalanced",
                    name=a.name,
                    n=int(off.size),
                    sectors=shown + (" ..." if off.size > 10 else ""),
                )
            )
        )
    return out


def scenario_table(table: IOTable, scenario: ResolvedScenario | AppliedScenario) -> IOTable:
    """The table after one scenario's shocks (point estimates of its parameters).

    .. math:: x' = (I - A - U V^\\top)^{-1} Y' 1,\\quad Z' = A' \\hat x'

    Parameters
    ----------
    table : IOTable
        The base table (domestic or total-use).
    scenario : ResolvedScenario or AppliedScenario
        A scenario resolved against ``table`` (:func:`~iocluster.scenarios.validate.validate_file`)
        or already applied to it (:func:`~iocluster.scenarios.apply.apply_scenario`).

    Returns
    -------
    IOTable
        A domestic table (see the module docstring) whose metadata names the scenario.

    Raises
    ------
    ScenarioError
        The scenario makes the economy unproductive, or was applied to another table.

    Examples
    --------
    Miller & Blair (2009) §2.3: 100 more final demand for sector 1 raises output by
    ``100 × L[:, 0]`` = (125.41, 26.40):

    >>> from iocluster.datasets import miller_blair_2_3
    >>> from iocluster.scenarios.parse_toml import scenario_file_from_dict
    >>> t = miller_blair_2_3()
    >>> sf = scenario_file_from_dict({"scenario": [{"name": "more", "shock": [
    ...     {"kind": "final_demand", "sectors": ["S1"], "category": "final_demand",
    ...      "change": 100, "unit": "absolute"}]}]})
    >>> (rs,), _ = validate_file(sf, t)
    >>> s = scenario_table(t, rs)
    >>> (s.x - t.x).round(2).tolist()
    [125.41, 26.4]
    >>> float(abs(s.row_residual()).max()) < 1e-9
    True
    """
    base = Base.of(table)
    a = _applied(base, scenario)
    (sol,) = scenario_outputs(base, [a])
    return table_from_applied(table, a, sol[:, 0], prices_ignored=_has_price_shock(base, scenario))


def scenario_tables(
    table: IOTable,
    scenario_file: str | Path | ScenarioFile,
    clusters: Mapping[str, Sequence[int]] | None = None,
) -> dict[str, IOTable]:
    """The table after each scenario of a file, by scenario name (one batched solve).

    Parameters take point estimates (a Monte Carlo's draws are not tables).
    ``clusters`` adds named clusters to the table's tags and the file's inline ones.

    >>> from iocluster.datasets import miller_blair_2_3
    >>> from iocluster.scenarios.parse_toml import scenario_file_from_dict
    >>> sf = scenario_file_from_dict({"scenario": [{"name": "none", "shock": [
    ...     {"kind": "final_demand", "sectors": ["S1"], "category": "final_demand",
    ...      "change": 0}]}]})
    >>> list(scenario_tables(miller_blair_2_3(), sf))
    ['none']
    """
    if not isinstance(scenario_file, ScenarioFile):
        from iocluster.scenarios.run import read_scenarios

        scenario_file = read_scenarios(scenario_file)
    resolved, _ = validate_file(scenario_file, table, clusters)
    base = Base.of(table)
    applied = [apply_scenario(base, rs) for rs in resolved]
    sols = scenario_outputs(base, applied)
    return {
        a.name: table_from_applied(table, a, s[:, 0], prices_ignored=_has_price_shock(base, rs))
        for rs, a, s in zip(resolved, applied, sols, strict=True)
    }
