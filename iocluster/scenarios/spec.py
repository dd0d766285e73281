"""Frozen scenario objects: scenarios and scenario files (DESIGN.md §4).

A scenario is data. TOML files and Excel sheets both parse to the objects here; nothing
refers to a table until :mod:`iocluster.scenarios.validate` resolves names against one.
The shocks are the kinds of :mod:`iocluster.scenarios.kinds` (one module each) and
their parameters :class:`~iocluster.scenarios.params.Param` (a value, a range or a
distribution).

Sector references (``rows``, ``cols``, ``sectors`` ...) are tuples of strings, each a
sector code, a code prefix ending in ``*`` (``C13*``) or the name of a cluster defined in
the file's ``[clusters]`` table or in the table's ``cluster`` tag column.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from iocluster.io.taxes import TaxRecord
from iocluster.model.provenance import InputFile
from iocluster.scenarios.investment import ASSET_TYPES
from iocluster.scenarios.kinds import (
    BALANCE_RULES,
    KINDS,
    SHOCK_KINDS,
    CoefficientShock,
    ExtractionShock,
    FinalDemandShock,
    ImportSubstitutionShock,
    InvestmentShock,
    PriceShock,
    ProductivityShock,
    Shock,
    SubsidyShock,
    TaxShock,
)
from iocluster.scenarios.params import Param, shock_where

__all__ = [
    "ASSET_TYPES",
    "BALANCE_RULES",
    "GIVE_WAY",
    "KINDS",
    "SHOCK_KINDS",
    "CoefficientShock",
    "ExtractionShock",
    "FinalDemandShock",
    "ImportSubstitutionShock",
    "InvestmentShock",
    "Param",
    "PriceShock",
    "ProductivityShock",
    "Scenario",
    "ScenarioFile",
    "Shock",
    "SubsidyShock",
    "TaxShock",
    "shock_where",
]

GiveWay = Literal["imports", "exports"]
GIVE_WAY = ("imports", "exports")


@dataclass(frozen=True)
class Scenario:
    """A named list of shocks applied together.

    ``fixed_output``: sectors whose output stays at its baseline level and ``capacity``:
    ``(sector, percent)`` caps on output growth over the baseline (the mixed model,
    Miller & Blair 2009 §13.1, :mod:`iocluster.core.mixed`). ``give_way`` says who takes
    the difference for the fixed sectors' products: ``imports`` (final users keep their
    supply, the shortfall is imported; the default) or ``exports``.
    """

    name: str
    shocks: tuple[Shock, ...]
    description: str = ""
    fixed_output: tuple[str, ...] = ()
    capacity: tuple[tuple[str, float], ...] = ()
    give_way: GiveWay = "imports"

    @property
    def is_random(self) -> bool:
        """Whether any parameter is a range or a distribution."""
        return any(
            p.is_random
            for s in self.shocks
            for p in (*s.params().values(), *s.responses().values())
        )


@dataclass(frozen=True)
class ScenarioFile:
    """Everything a scenario file holds: clusters, scenarios and run settings."""

    scenarios: tuple[Scenario, ...]
    clusters: tuple[tuple[str, tuple[str, ...]], ...] = ()
    source: str = ""
    seed: int = 12345
    draws: int = 0
    #: tax schedule rows (the file's ``taxes``; :mod:`iocluster.io.taxes`) and where
    #: they came from; the bridge file of investment shocks (path, "" = the default)
    taxes: tuple[TaxRecord, ...] = ()
    tax_source: str = ""
    bridge: str = ""
    #: the path of the tax file ("" when none, or inline ``[[taxes]]``)
    tax_file: str = ""
    #: the files it was read from (the scenario file, its tax file and bridge), with
    #: their checksums and whether they say they are illustrative
    inputs: tuple[InputFile, ...] = ()

    @property
    def cluster_map(self) -> dict[str, tuple[str, ...]]:
        """Inline clusters as a dict."""
        return dict(self.clusters)
