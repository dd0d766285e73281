"""Before and after: value-added-chain indicators of a baseline and a scenario table.

Each table is analysed on its own terms (its own A, value-added coefficients and final
demand), so a scenario that changes coefficients, import shares or final demand shows
up in every indicator, e.g. "services' share of the value added in textile exports rises
from a % to b %".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from iocluster.chains.embodied import embodied
from iocluster.chains.position import average_propagation_length, upstreamness
from iocluster.chains.targets import default_services, resolve_target
from iocluster.core.messages import Message
from iocluster.table import IOTable

__all__ = ["chain_indicators", "compare_chains"]


def chain_indicators(
    table: IOTable,
    target: str,
    *,
    demand: str | Sequence[str] | None = None,
    clusters: Mapping[str, Sequence[int]] | None = None,
    services: Sequence[int] | None = None,
) -> pd.Series:
    """Headline indicators of one target's value-added chain in one table.

    The embodied summary (final demand, domestic value added and its share, services
    value added and its share, imported inputs, jobs) plus the output-weighted mean
    upstreamness of the target's sectors and the average propagation length from the
    target's sectors to the services.
    """
    tg = resolve_target(table, target, demand=demand, clusters=clusters)
    serv = list(default_services(table) if services is None else services)
    s = embodied(table, tg, services=serv).summary["value"].copy()
    secs = list(tg.sectors)
    x = np.asarray(table.x)[secs]
    if x.sum() > 0:
        s["mean upstreamness of target sectors"] = float(
            (upstreamness(table).to_numpy()[secs] * x).sum() / x.sum()
        )
    if serv and len(secs) < table.n:
        s["propagation length target → services"] = average_propagation_length(table, serv, secs)
    s.name = tg.name
    return s


def compare_chains(
    baseline: IOTable,
    scenario: IOTable,
    target: str,
    *,
    demand: str | Sequence[str] | None = None,
    clusters: Mapping[str, Sequence[int]] | None = None,
    services: Sequence[int] | None = None,
) -> pd.DataFrame:
    """The indicators of :func:`chain_indicators` for both tables, side by side.

    Columns ``baseline``, ``scenario``, ``change`` (scenario − baseline) and
    ``change %``.

    Examples
    --------
    Doubling final demand leaves every share unchanged and doubles the amounts:

    >>> import numpy as np
    >>> from iocluster.datasets import miller_blair_2_3
    >>> t = miller_blair_2_3()
    >>> s = t.replace(Y=np.asarray(t.Y) * 2, x=np.asarray(t.x) * 2,
    ...               Z=np.asarray(t.Z) * 2, V=np.asarray(t.V) * 2)
    >>> c = compare_chains(t, s, "S1", services=[1])
    >>> c.loc["services share of value added", "change"].round(12)
    np.float64(0.0)
    >>> float(c.loc["domestic value added", "change %"])
    100.0
    """
    kw = {"demand": demand, "clusters": clusters, "services": services}
    a = chain_indicators(baseline, target, **kw)  # type: ignore[arg-type]
    b = chain_indicators(scenario, target, **kw)  # type: ignore[arg-type]
    df = pd.DataFrame({"baseline": a, "scenario": b})
    df["change"] = df["scenario"] - df["baseline"]
    with np.errstate(divide="ignore", invalid="ignore"):
        df["change %"] = 100.0 * df["change"] / df["baseline"].abs()
    df.index.name = "indicator"
    df.attrs["unit"] = baseline.meta.unit
    df.attrs["title"] = Message("title.chain_compare", name=a.name)
    return df
