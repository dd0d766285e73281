"""Targets of a value-added-chain analysis: whose final demand is traced back.

A target is a final-demand vector ``y`` (domestic, by product). It is built from

- a final-demand category, by name or role (``exports``): its column of ``Yᵈ``;
- a sector code, a comma list of codes and prefixes (``А01.16,C13*,C14``) or a named
  cluster: the domestic final demand of those products;
- both: a cluster's demand of given categories (the cotton-textile cluster's exports).

Services are the products of NACE rev. 2 sections G–T (trade, transport, accommodation,
information, finance, real estate, professional, administrative, public administration,
education, health, arts, other services, households as employers): every code whose
first letter is one of :data:`SERVICE_SECTIONS` (unless the table tags its service sectors;
see :mod:`iocluster.model.sectors`). Users may name another services group.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from iocluster.core.engine import FloatArray, frozen_array
from iocluster.core.labels import close_hint
from iocluster.core.messages import Message
from iocluster.errors import LabelError
from iocluster.model.sectors import SERVICE_SECTIONS, service_sectors
from iocluster.table import IOTable

__all__ = [
    "SERVICE_SECTIONS",
    "Target",
    "default_services",
    "intensity",
    "resolve_group",
    "resolve_target",
]


@dataclass(frozen=True, eq=False)
class Target:
    """A named final-demand vector ``y`` whose value-added chain is analysed.

    Attributes
    ----------
    name : str
        Label used in results.
    y : (n,) ndarray
        Domestic final demand by product.
    sectors : tuple of int
        Products whose demand is traced (all products for a category target).
    categories : tuple of str
        Final-demand categories included.
    """

    name: str
    y: FloatArray
    sectors: tuple[int, ...]
    categories: tuple[str, ...]

    @property
    def total(self) -> float:
        """Total final demand of the target, ``1ᵀy``."""
        return float(self.y.sum())


def default_services(table: IOTable) -> list[int]:
    """Positions of the service sectors (see :func:`iocluster.model.sectors.service_sectors`)."""
    return service_sectors(table)


def resolve_group(
    table: IOTable,
    spec: str | Sequence[str],
    clusters: Mapping[str, Sequence[int]] | None = None,
) -> list[int]:
    """Sector positions of a group: a cluster name, or codes/prefixes (list or comma text).

    ``"services"`` is the default services group unless ``clusters`` defines it.
    """
    clusters = clusters or {}
    if isinstance(spec, str):
        if spec in clusters:
            return sorted(int(i) for i in clusters[spec])
        if spec.lower() == "services":
            return default_services(table)
        parts = [p.strip() for p in spec.split(",") if p.strip()]
    else:
        parts = [str(p).strip() for p in spec]
    if not parts:
        raise LabelError(Message("chains.empty_group", example="C13*"))
    try:
        return table.select(parts)
    except LabelError as exc:
        if isinstance(spec, str) and "," not in spec and clusters:
            hint = close_hint(spec, list(clusters))
            said = Message("chains.not_cluster_nor_sector", name=spec, hint=hint)
            raise LabelError(said) from exc
        raise


def intensity(table: IOTable, name: str = "value_added") -> FloatArray:
    """Direct intensities (per unit of output) of a primary-input or satellite row.

    ``value_added``, ``compensation``, ``imports`` (imported inputs), ``output`` (ones)
    or the name of a satellite row (e.g. ``employment_total``): ``row / x``.
    """
    key = name.strip().lower()
    if key in ("value_added", "value added", "va", "gva"):
        return table.coefficients(table.value_added)
    if key == "compensation":
        return table.coefficients(table.compensation)
    if key in ("imports", "imported_inputs"):
        return table.coefficients(table.imported_inputs)
    if key == "output":
        return frozen_array(np.ones(table.n))
    return table.coefficients(table.satellite(name))


def _categories(table: IOTable, spec: str | Sequence[str] | None) -> list[int]:
    if spec is None:
        return list(range(len(table.fd_names)))
    names = [s.strip() for s in spec.split(",")] if isinstance(spec, str) else list(spec)
    return table.fd_index([n for n in names if n])


def resolve_target(
    table: IOTable,
    spec: str,
    *,
    demand: str | Sequence[str] | None = None,
    clusters: Mapping[str, Sequence[int]] | None = None,
) -> Target:
    """Build the target ``y`` from a category, a cluster or sector codes.

    Parameters
    ----------
    spec : str
        A final-demand category name or role (``exports``), a cluster name from
        ``clusters``, or sector codes / prefixes separated by commas.
    demand : str or list of str, optional
        Final-demand categories (names or roles) of a sector or cluster target; all
        categories by default.
    clusters : mapping, optional
        Named clusters (positions), e.g. from ``read_clusters``.

    Examples
    --------
    >>> from iocluster.datasets import miller_blair_2_3
    >>> t = miller_blair_2_3()
    >>> resolve_target(t, "S2").y.tolist()
    [0.0, 1700.0]
    """
    Yd = np.asarray(table.domestic().Y)
    clusters = clusters or {}
    roles_or_names = {r for r in table.fd_roles} | {n.lower() for n in table.fd_names}
    if spec not in clusters and spec.strip().lower() in roles_or_names and demand is None:
        key = spec.strip()
        cats = table.fd_index([key.lower() if key.lower() in table.fd_roles else key])
        y = Yd[:, cats].sum(axis=1)
        sectors = tuple(range(table.n))
    else:
        sectors_l = resolve_group(table, spec, clusters)
        cats = _categories(table, demand)
        mask = np.zeros(table.n, dtype=bool)
        mask[sectors_l] = True
        y = np.where(mask, Yd[:, cats].sum(axis=1), 0.0)
        sectors = tuple(sectors_l)
    names = tuple(table.fd_names[i] for i in cats)
    label = spec if demand is None else f"{spec} ({', '.join(names)})"
    return Target(name=label, y=frozen_array(y), sectors=sectors, categories=names)
