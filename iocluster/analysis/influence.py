"""Field of influence of a coefficient and the multiplier product matrix.

The field of influence of coefficient ``a_ij`` (Sonis & Hewings 1989, 1992) is the
first-order change of the Leontief inverse after a change of that coefficient,

.. math:: F(i, j) = L_{\\cdot i}\\, L_{j \\cdot},

and it is exact up to a scalar: after ``a_ij → a_ij + ε`` (Sherman–Morrison)

.. math:: L(\\varepsilon) - L = \\frac{\\varepsilon}{1 - \\varepsilon\\, l_{ji}}\\, F(i, j).

The total influence of every coefficient, ``Σ F(i,j) = (1ᵀL)_i (L1)_j``, ranks the
coefficients whose change moves the whole inverse most. The multiplier product matrix
(Sonis, Hewings & Guo 1997) is

.. math:: M = \\frac{1}{V} (L\\mathbf 1)(\\mathbf 1^{\\top} L),\\qquad
          V = \\mathbf 1^{\\top} L \\mathbf 1,

whose rows and columns show the economy's "landscape" of forward and backward
multipliers. Each needs one or two solves, never the inverse.

References
----------
Sonis, M. and Hewings, G. J. D. (1992). Coefficient change in input-output models:
theory and applications. *Economic Systems Research* 4(2), 143–157.
Sonis, M., Hewings, G. J. D. and Guo, J. (1997). Input-output multiplier product matrix.
Discussion paper 94-T-12, REAL, University of Illinois.
Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis*, 2nd ed., §12.2.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from iocluster.core.messages import Message
from iocluster.model.leontief import leontief_column_sums, leontief_row_sums
from iocluster.table import IOTable

__all__ = ["coefficient_influence", "field_of_influence", "multiplier_product_matrix"]


def _frame(table: IOTable, M: np.ndarray, title: Message) -> pd.DataFrame:
    df = pd.DataFrame(M, index=pd.Index(table.codes, name="code"), columns=list(table.codes))
    df.attrs["title"] = title
    df.attrs["unit"] = f"{table.meta.unit} per {table.meta.unit}"
    return df


def field_of_influence(table: IOTable, supplier: str, user: str) -> pd.DataFrame:
    """Field of influence ``F(i, j) = L[:, i] L[j, :]`` of coefficient ``a_ij``
    (``i`` = supplier row, ``j`` = using column), labelled n × n.

    >>> from iocluster.datasets import miller_blair_2_3
    >>> field_of_influence(miller_blair_2_3(), "S1", "S2").round(4).to_numpy().tolist()
    [[0.3311, 1.4073], [0.0697, 0.2963]]
    """
    (i,) = table.sector_index([supplier])
    (j,) = table.sector_index([user])
    e_i = np.zeros(table.n)
    e_i[i] = 1.0
    e_j = np.zeros(table.n)
    e_j[j] = 1.0
    col_i = table.leontief.solve(e_i)
    row_j = table.leontief.solve_transposed(e_j)
    return _frame(
        table,
        np.outer(col_i, row_j),
        Message("title.field_of_influence", supplier=supplier, user=user),
    )


def coefficient_influence(table: IOTable) -> pd.DataFrame:
    """Total field of influence of every coefficient, ``(1ᵀL)_i (L1)_j``: the sum of
    the first-order changes of all of ``L`` per unit change of ``a_ij``."""
    b = leontief_column_sums(table)
    r = leontief_row_sums(table)
    return _frame(table, np.outer(b, r), Message("title.total_field_of_influence"))


def multiplier_product_matrix(table: IOTable) -> pd.DataFrame:
    """Multiplier product matrix ``M = (L1)(1ᵀL) / (1ᵀL1)``.

    >>> from iocluster.datasets import miller_blair_2_3
    >>> multiplier_product_matrix(miller_blair_2_3()).round(4).to_numpy().tolist()
    [[0.8097, 0.7745], [0.7085, 0.6777]]
    """
    r = leontief_row_sums(table)
    b = leontief_column_sums(table)
    return _frame(table, np.outer(r, b) / b.sum(), Message("title.multiplier_product_matrix"))
