"""Position in the chain: upstreamness, downstreamness, average propagation lengths.

- Upstreamness (Antràs, Chor, Fally & Hillberry 2012; Miller & Temurshoev 2017): the
  average number of stages before a product reaches final use, the row sums of the
  Ghosh inverse, ``u = G 1 = x̂⁻¹ L x`` (one solve). ``u ≥ 1``; ``u = 1`` for a product
  sold only to final demand. Computed on domestic flows (the proportional-import split
  of a total-use table), which is Antràs et al.'s open-economy correction.
- Downstreamness (Miller & Temurshoev 2017, "input downstreamness"): the column sums
  of the Leontief inverse, ``dᵀ = 1ᵀ L`` (one transposed solve): how many stages of
  production stand behind a unit of a product's final demand.
- Average propagation length (Dietzenbacher, Romero & Bosma 2005): the average number of
  steps a unit of final demand of ``j`` takes to affect the output of ``i``,

  .. math:: APL_{ij} = \\frac{[L(L - I)]_{ij}}{[L - I]_{ij}}
            = \\frac{\\sum_{k \\ge 1} k\\,(A^k)_{ij}}{\\sum_{k \\ge 1} (A^k)_{ij}} ;

  between a group of suppliers ``S`` and a group of users ``T`` the effects are pooled,
  ``Σ_{S,T} [L(L − I)] / Σ_{S,T} [L − I]`` (the average over all the steps from T's
  final demand to S's output, each step weighted by its size per unit of final demand
  of each user).

References
----------
Antràs, P., Chor, D., Fally, T. and Hillberry, R. (2012). Measuring the upstreamness of
production and trade flows. *American Economic Review* 102(3), 412–416.

Miller, R. E. and Temurshoev, U. (2017). Output upstreamness and input downstreamness
of industries/countries in world production. *International Regional Science Review*
40(5), 443–475.

Dietzenbacher, E., Romero Luna, I. and Bosma, N. S. (2005). Using average propagation
lengths to identify production chains in the Andalusian economy. *Estudios de Economía
Aplicada* 23(2), 405–422.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from iocluster.core.messages import Message
from iocluster.model.leontief import ghosh_row_sums, leontief_column_sums
from iocluster.table import IOTable

__all__ = [
    "average_propagation_length",
    "downstreamness",
    "position_in_chain",
    "propagation_lengths",
    "upstreamness",
]


def upstreamness(table: IOTable) -> pd.Series:
    """Output upstreamness ``u = x̂⁻¹ L x`` (= ``(I − B)⁻¹ 1``); 1 where ``x = 0``.

    >>> from iocluster.datasets import miller_blair_2_3
    >>> upstreamness(miller_blair_2_3()).round(4).tolist()
    [1.9142, 1.2541]
    """
    u = ghosh_row_sums(table)
    return pd.Series(u, index=pd.Index(table.codes, name="code"), name="upstreamness")


def downstreamness(table: IOTable) -> pd.Series:
    """Input downstreamness ``dᵀ = 1ᵀ L`` (Leontief column sums).

    >>> from iocluster.datasets import miller_blair_2_3
    >>> downstreamness(miller_blair_2_3()).round(4).tolist()
    [1.5182, 1.4521]
    """
    d = leontief_column_sums(table)
    return pd.Series(d, index=pd.Index(table.codes, name="code"), name="downstreamness")


def position_in_chain(table: IOTable) -> pd.DataFrame:
    """Upstreamness and downstreamness side by side, with sector names."""
    df = pd.concat([upstreamness(table), downstreamness(table)], axis=1)
    df.insert(0, "name", list(table.names))
    df.attrs["unit"] = "stages"
    df.attrs["title"] = Message("title.chain_position")
    return df


def _apl_blocks(table: IOTable, users: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    """``(L − I)[:, users]`` and ``L(L − I)[:, users]`` by two solves."""
    E = np.zeros((table.n, len(users)))
    E[list(users), np.arange(len(users))] = 1.0
    M = table.leontief.solve(E) - E
    N = table.leontief.solve(M)
    return M, N


def average_propagation_length(
    table: IOTable, suppliers: Sequence[int], users: Sequence[int]
) -> float:
    """Pooled average propagation length from users' final demand to suppliers' output.

    .. math:: APL_{S \\leftarrow T} = \\frac{\\sum_{i \\in S, j \\in T} [L(L-I)]_{ij}}
                                           {\\sum_{i \\in S, j \\in T} [L - I]_{ij}}

    Costs two solves with ``|T|`` right-hand sides.

    >>> from iocluster.datasets import miller_blair_2_3
    >>> round(average_propagation_length(miller_blair_2_3(), [1], [0]), 4)
    1.3762
    """
    M, N = _apl_blocks(table, list(users))
    s = list(suppliers)
    den = float(M[s].sum())
    return float(N[s].sum()) / den if den != 0 else float("nan")


def propagation_lengths(table: IOTable, groups: Mapping[str, Sequence[int]]) -> pd.DataFrame:
    """Average propagation lengths between named groups (rows supply, columns use).

    All groups share one pair of solves over the union of their sectors.
    """
    names = list(groups)
    union = sorted({int(i) for g in groups.values() for i in g})
    M, N = _apl_blocks(table, union)
    pos = {j: k for k, j in enumerate(union)}
    out = np.full((len(names), len(names)), np.nan)
    for a, sa in enumerate(names):
        rows = list(groups[sa])
        for b, sb in enumerate(names):
            cols = [pos[int(j)] for j in groups[sb]]
            den = float(M[np.ix_(rows, cols)].sum())
            if den != 0:
                out[a, b] = float(N[np.ix_(rows, cols)].sum()) / den
    df = pd.DataFrame(out, index=pd.Index(names, name="supplier"), columns=names)
    df.attrs["unit"] = "steps"
    df.attrs["title"] = Message("title.propagation_lengths")
    return df
