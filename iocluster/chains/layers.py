"""Production layers: value added and jobs by tier of the supply chain.

Tier 0 is the target's own production ``y``, tier ``k`` the output its suppliers ``k``
steps upstream provide, ``Aᵏ y``, so that by the power series of the Leontief inverse

.. math:: L y = \\sum_{k \\ge 0} A^k y ,\\qquad
          f^\\top L y = \\sum_{k \\ge 0} f^\\top A^k y

(Miller & Blair 2009, §2.5 and §6.2; Dietzenbacher & Romero 2007). The tiers are built by
repeated products with ``A`` (``L`` is never formed); iteration stops when the output not
yet covered, measured against ``L y`` from one solve, is below ``tol`` of the total, and
the uncovered rest is reported as ``remainder``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from iocluster.chains.targets import Target, default_services, intensity
from iocluster.core.messages import Message
from iocluster.errors import InputError
from iocluster.table import IOTable

__all__ = ["production_layers"]


def production_layers(
    table: IOTable,
    target: Target,
    *,
    rows: Sequence[str] | None = None,
    services: Sequence[int] | None = None,
    tol: float = 1e-3,
    max_layers: int = 1000,
) -> pd.DataFrame:
    """Value added (and other rows) created at each tier of a target's supply chain.

    Parameters
    ----------
    rows : sequence of str, optional
        Rows to trace (see :func:`~iocluster.chains.targets.intensity`); default value
        added and every satellite row.
    services : sequence of int, optional
        Service sectors (default NACE G–T) for the ``services value added`` column.
    tol : float
        Stop when the output not yet covered is at most ``tol`` times ``1ᵀ L y``.
    max_layers : int
        Upper bound on tiers (an error if reached before ``tol``).

    Returns
    -------
    DataFrame
        Index ``0, 1, …, remainder, total`` (``tier``); columns ``output``, one per
        row, ``services value added`` and ``share`` (of total value added). Every
        column sums over the tiers and the remainder to its ``total`` (= ``fᵀ L y``).

    Examples
    --------
    Miller & Blair (2009) Table 2.3, one unit of final demand for sector 1: tier 1
    output is the first column of A, 0.15 + 0.20.

    >>> import numpy as np
    >>> from iocluster.datasets import miller_blair_2_3
    >>> from iocluster.chains.targets import Target
    >>> t = miller_blair_2_3()
    >>> tg = Target("unit", np.array([1.0, 0.0]), (0,), ())
    >>> production_layers(t, tg, tol=1e-12).loc["1", "output"].round(6)
    np.float64(0.35)
    """
    rows_l = list(rows) if rows is not None else ["value_added", *table.satellite_names]
    coefs = {r: np.asarray(intensity(table, r)) for r in rows_l}
    serv = list(default_services(table) if services is None else services)
    v = np.asarray(table.coefficients(table.value_added))
    A = table.A
    y = np.asarray(target.y, dtype=np.float64)
    x_total = table.leontief.solve(y)
    scale = float(np.abs(x_total).sum())
    layers: list[np.ndarray] = []
    z = y.copy()
    covered = np.zeros_like(y)
    while True:
        layers.append(z)
        covered = covered + z
        if float(np.abs(x_total - covered).sum()) <= tol * scale or scale == 0:
            break
        if len(layers) >= max_layers:
            said = Message("chains.layers", target=target.name, tol=f"{tol:g}",
                           tiers=str(max_layers))  # fmt: skip
            raise InputError(said)
        z = A @ z
    X = np.column_stack([*layers, x_total - covered, x_total])  # n × (K + 2)
    index = [str(k) for k in range(len(layers))] + ["remainder", "total"]
    data: dict[str, np.ndarray] = {"output": X.sum(axis=0)}
    for r, c in coefs.items():
        data[r] = c @ X
    data["services value added"] = v[serv] @ X[serv] if serv else np.zeros(X.shape[1])
    va = v @ X
    data["share"] = va / va[-1] if va[-1] != 0 else np.full(X.shape[1], np.nan)
    df = pd.DataFrame(data, index=pd.Index(index, name="tier"))
    df.attrs["unit"] = table.meta.unit
    df.attrs["title"] = Message("title.chain_layers", name=target.name)
    return df
