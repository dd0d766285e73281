"""GMRES with sparse products for large sparse Leontief systems (no factors, no fill-in);
used by :func:`iocluster.core.engine.factorise` from ``ITERATIVE_MIN_N`` sectors on."""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.sparse as sp
import scipy.sparse.linalg as spla

from iocluster.core.arrays import FloatArray
from iocluster.core.messages import Message
from iocluster.errors import NotProductiveError

__all__ = ["ITERATIVE_RTOL", "IterativeSolver"]

ITERATIVE_RTOL = 1e-13


class IterativeSolver:
    """Solves ``(I − A) x = b`` by GMRES with sparse products: no factors, no fill-in.

    Used for large sparse tables (``n >= ITERATIVE_MIN_N``), where sparse LU factors of a
    scattered sparsity pattern fill in almost completely (at n = 20000 and 1 % density
    SuperLU ran out of time and memory). For a productive ``A`` (ρ(A) < 1) ``I − A`` is
    well conditioned and GMRES, started from ``x₀ = b`` (the first terms of the Leontief
    series), converges in a few dozen sparse products. The relative residual tolerance is
    ``ITERATIVE_RTOL``; the residual check of every solve still applies.
    """

    def __init__(self, As: Any) -> None:
        n = As.shape[0]
        self.M = (sp.identity(n, format="csr") - As).tocsr()
        self.Mt = self.M.T.tocsr()

    def solve(self, b: FloatArray, trans: str = "N") -> FloatArray:
        """Solve ``M x = b`` (``trans="T"``: ``Mᵀ x = b``) column by column."""
        M = self.Mt if trans == "T" else self.M
        B = b.reshape(b.shape[0], -1)
        out = np.empty_like(B)
        for j in range(B.shape[1]):
            col = np.ascontiguousarray(B[:, j])
            x, info = spla.gmres(
                M, col, x0=col.copy(), rtol=ITERATIVE_RTOL, atol=0.0, restart=60, maxiter=2000
            )
            if info != 0:
                raise NotProductiveError(
                    Message("engine.gmres", method="GMRES", iterations=str(info))
                )
            out[:, j] = x
        return out.reshape(b.shape)
