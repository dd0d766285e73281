"""Checks of published totals against their parts (totals are checked, not trusted)."""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence

import numpy as np

from iocluster.core.messages import Message
from iocluster.errors import TableCheckWarning
from iocluster.io.roles import Role
from iocluster.table import FD_ROLES, NOT_VALUE_ADDED

__all__ = ["RTOL", "check_total", "close", "fd_role", "split_gva", "with_gva"]

#: Relative tolerance of a published total against the sum of its parts (rounding in
#: published tables), per element, plus ``1e-6 × max |total|`` absolute.
RTOL = 1e-4


def close(total: np.ndarray, parts: np.ndarray) -> np.ndarray:
    """Element-wise: does ``total`` equal ``parts`` within the published-rounding tolerance?"""
    scale = np.maximum(np.abs(total), np.abs(parts))
    atol = 1e-6 * float(np.max(np.abs(total), initial=0.0))
    return np.asarray(np.abs(total - parts) <= RTOL * scale + atol + 1e-12)


def check_total(
    what: Message,
    total: np.ndarray,
    candidates: Mapping[Message, np.ndarray],
    labels: Sequence[str],
) -> Message | None:
    """Check a total against candidate sums; return the matching candidate's name.

    When none matches, warn (:class:`~iocluster.errors.TableCheckWarning`) naming the
    total, the closest candidate, the worst element and the residual, and return None.
    """
    best: Message | None = None
    best_res = np.inf
    for name, parts in candidates.items():
        if bool(np.all(close(total, parts))):
            return name
        res = float(np.max(np.abs(total - parts), initial=0.0))
        if res < best_res:
            best, best_res = name, res
    if best is not None:
        parts = candidates[best]
        i = int(np.argmax(np.abs(total - parts)))
        warnings.warn(
            TableCheckWarning(
                Message(
                    "io.total.mismatch",
                    what=what,
                    best=best,
                    residual=float(total[i] - parts[i]),
                    label=str(labels[i]),
                    total=float(total[i]),
                )
            ),
            stacklevel=3,
        )
    return None


def split_gva(
    gva: np.ndarray, rows: Sequence[tuple[str, Role, np.ndarray]]
) -> tuple[str, np.ndarray] | None:
    """The row that preserves gross value added when its components do not add up.

    ``rows`` are the stored primary-input rows (name, role, values). Returns ``(name,
    remainder)`` for a remainder row of role ``other`` (``other_net_taxes_on_production``
    when the components are compensation and operating surplus, which is what the rest of
    GVA is by definition, SNA 2008 §7.5), or None when the components add up.
    """
    parts = [v for _, r, v in rows if r.role not in NOT_VALUE_ADDED]
    comp = np.sum(parts, axis=0) if parts else np.zeros_like(gva)
    rem = gva - comp
    if bool(np.all(close(gva, comp))):
        return None
    roles = {r.role for _, r, _ in rows}
    name = (
        "other_net_taxes_on_production"
        if roles <= {"compensation", "operating_surplus"}
        else "other_value_added"
    )
    return name, rem


def with_gva(
    rows: Sequence[tuple[str, Role, np.ndarray]], gva: Sequence[np.ndarray], name: str
) -> list[tuple[str, Role, np.ndarray]]:
    """The primary-input rows with the gross value added rows taken in: the first one is
    value added (named ``name``) when there is no other row, else each adds the remainder
    :func:`split_gva` finds (none when the components add up)."""
    out = list(rows)
    for k, g_row in enumerate(gva):
        if k == 0 and not out:
            out.append((name, Role("va", "value_added"), g_row))
            continue
        rem = split_gva(g_row, out)
        if rem is not None:
            out.append((rem[0], Role("va", "other"), rem[1]))
    return out


def fd_role(role: Role) -> str:
    """Final-demand role of a recognised column (``other`` if not a known one)."""
    return role.role if role.role in FD_ROLES else "other"
