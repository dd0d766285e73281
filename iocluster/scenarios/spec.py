"""Frozen scenario objects: parameters, shocks and scenarios (DESIGN.md §4).

A scenario is data. TOML files and Excel sheets both parse to the objects here; nothing
refers to a table until :mod:`iocluster.scenarios.validate` resolves names against one.

Sector references (``rows``, ``cols``, ``sectors`` ...) are tuples of strings, each a
sector code, a code prefix ending in ``*`` (``C13*``) or the name of a cluster defined in
the file's ``[clusters]`` table or in the table's ``cluster`` tag column.

Parameters (:class:`Param`) are a fixed value, a range ``[low, high]`` (uniform), or a
distribution (``uniform``, ``triangular``, ``normal`` truncated to ``[low, high]``). A
scenario with any random parameter runs as a seeded Monte Carlo; its point estimate uses
:meth:`Param.point` (the value, the midpoint of a uniform range, the mode of a
triangular and the mean of a normal distribution).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from iocluster.io.taxes import TaxRecord

__all__ = [
    "ASSET_TYPES",
    "BALANCE_RULES",
    "GIVE_WAY",
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

Dist = Literal["fixed", "uniform", "triangular", "normal"]
Operation = Literal["scale", "add", "set"]
Mode = Literal["per_cell", "distribute"]
Balance = Literal["value_added", "imports", "other_inputs", "none"]
GiveWay = Literal["imports", "exports"]
GIVE_WAY = ("imports", "exports")

SHOCK_KINDS = (
    "coefficients",
    "import_substitution",
    "final_demand",
    "productivity",
    "extraction",
    "prices",
    "tax",
    "subsidy",
    "investment",
)
#: asset types of an investment programme (rows of the bridge matrix)
ASSET_TYPES = ("machinery", "construction", "transport", "ict", "other")
BALANCE_RULES = ("value_added", "imports", "other_inputs", "none")


def _plain(v: float) -> str:
    """A number without an exponent when it is large: 2000000, 0.5, 1e-05."""
    text = f"{v:.12g}"
    return f"{v:.0f}" if "e+" in text else text


@dataclass(frozen=True)
class Param:
    """A shock parameter: a value, or a distribution to draw it from.

    Examples
    --------
    >>> Param.fixed(5.0).point(), Param("uniform", low=0.0, high=10.0).point()
    (5.0, 5.0)
    >>> import numpy as np
    >>> Param("triangular", low=0, mode=2, high=4).sample(np.random.default_rng(0), 3).shape
    (3,)
    """

    dist: Dist = "fixed"
    value: float = 0.0
    low: float = float("nan")
    high: float = float("nan")
    mode: float = float("nan")
    mean: float = float("nan")
    sd: float = float("nan")

    @classmethod
    def fixed(cls, value: float) -> Param:
        """A fixed value."""
        return cls("fixed", value=float(value))

    @property
    def is_random(self) -> bool:
        """Whether the parameter is drawn (anything but a fixed value)."""
        return self.dist != "fixed"

    def point(self) -> float:
        """The point estimate: value, uniform midpoint, triangular mode, normal mean."""
        if self.dist == "fixed":
            return self.value
        if self.dist == "uniform":
            return 0.5 * (self.low + self.high)
        if self.dist == "triangular":
            return self.mode
        return self.mean

    def bounds(self) -> tuple[float, float]:
        """The smallest and largest value the parameter can take."""
        if self.dist == "fixed":
            return self.value, self.value
        if self.dist == "normal":
            lo = self.low if np.isfinite(self.low) else -np.inf
            hi = self.high if np.isfinite(self.high) else np.inf
            return lo, hi
        return self.low, self.high

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        """``size`` draws (a normal is truncated to its bounds by rejection)."""
        if self.dist == "fixed":
            return np.full(size, self.value)
        if self.dist == "uniform":
            return rng.uniform(self.low, self.high, size)
        if self.dist == "triangular":
            if self.low == self.high:
                return np.full(size, self.low)
            return rng.triangular(self.low, self.mode, self.high, size)
        lo, hi = self.bounds()
        out = rng.normal(self.mean, self.sd, size)
        bad = (out < lo) | (out > hi)
        for _ in range(1000):
            if not bad.any():
                break
            out[bad] = rng.normal(self.mean, self.sd, int(bad.sum()))
            bad = (out < lo) | (out > hi)
        return np.clip(out, lo, hi)

    def describe(self) -> str:
        """Short text, e.g. ``"20"`` or ``"uniform[10, 30]"``; numbers as a scenario file
        writes them (an amount of 2 000 000 is not "2e+06").

        >>> Param.fixed(2_000_000).describe(), Param("uniform", low=-2, high=-1).describe()
        ('2000000', 'uniform[-2, -1]')
        """
        g = _plain
        if self.dist == "fixed":
            return g(self.value)
        if self.dist == "uniform":
            return f"uniform[{g(self.low)}, {g(self.high)}]"
        if self.dist == "triangular":
            return f"triangular({g(self.low)}, {g(self.mode)}, {g(self.high)})"
        lo, hi = self.bounds()
        return f"normal(mean {g(self.mean)}, sd {g(self.sd)}, bounds [{g(lo)}, {g(hi)}])"


@dataclass(frozen=True)
class Shock:
    """Base of every shock: its kind, an optional note and, on an interregional table,
    the ``region`` its sector fields are restricted to ("" for every region)."""

    note: str = ""
    region: str = ""

    kind = "shock"

    def params(self) -> dict[str, Param]:
        """The shock's parameters by field name."""
        return {}


@dataclass(frozen=True)
class CoefficientShock(Shock):
    """Change of the coefficients ``a_ij`` on the block supplier ``rows`` × user ``cols``.

    ``operation``: ``scale`` by ``value`` percent, ``add`` ``value`` (Δa) or ``set`` to
    ``value``. ``mode``: ``per_cell`` applies it to each cell; ``distribute`` applies it
    to each user column's block total (the sum over ``rows``) and spreads the change over
    the rows in proportion to their coefficients (equally if all are zero).
    ``balance``: what gives way so the column sums stay: ``value_added`` (all
    value-added rows in proportion), ``imports`` (imported inputs in proportion),
    ``other_inputs`` (the column's other domestic inputs in proportion) or ``none``.
    """

    rows: tuple[str, ...] = ()
    cols: tuple[str, ...] = ()
    operation: Operation = "scale"
    value: Param = field(default_factory=Param)
    mode: Mode = "per_cell"
    balance: Balance = "none"

    kind = "coefficients"

    def params(self) -> dict[str, Param]:
        return {"value": self.value}


@dataclass(frozen=True)
class ImportSubstitutionShock(Shock):
    """A share ``share`` (0–1) of imported ``products`` used by ``users`` (sectors) or by
    the final-demand ``categories`` is supplied domestically instead."""

    products: tuple[str, ...] = ()
    users: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    share: Param = field(default_factory=Param)

    kind = "import_substitution"

    def params(self) -> dict[str, Param]:
        return {"share": self.share}


@dataclass(frozen=True)
class FinalDemandShock(Shock):
    """Change of final demand ``category`` (a role or a name) for ``sectors``.

    ``unit``: ``percent`` or ``absolute`` (table units); ``mode``: ``per_cell`` (each
    sector) or ``distribute`` (the total over the sectors, spread in proportion to the
    category's demand, equally if it is zero).
    """

    sectors: tuple[str, ...] = ()
    category: str = "exports"
    change: Param = field(default_factory=Param)
    unit: Literal["percent", "absolute"] = "percent"
    mode: Mode = "per_cell"

    kind = "final_demand"

    def params(self) -> dict[str, Param]:
        return {"change": self.change}


@dataclass(frozen=True)
class ProductivityShock(Shock):
    """Employment (satellite) or value-added coefficients of ``sectors`` change.

    ``change`` is the percent change of the coefficient; ``productivity = True`` reads it
    as the percent change of productivity (output per unit), i.e. the coefficient is
    divided by ``1 + change/100``. ``target``: ``employment`` (every satellite row, or
    the one named by ``satellite``) or ``value_added``.
    """

    sectors: tuple[str, ...] = ()
    target: Literal["employment", "value_added"] = "employment"
    change: Param = field(default_factory=Param)
    productivity: bool = False
    satellite: str = ""

    kind = "productivity"

    def params(self) -> dict[str, Param]:
        return {"change": self.change}


@dataclass(frozen=True)
class ExtractionShock(Shock):
    """Hypothetical extraction (Miller & Blair 2009, §12.2).

    With ``sectors``: their rows and columns of ``A`` are set to zero and, unless
    ``keep_final_demand``, their final demand too. With ``from_`` and ``to``: the
    linkages (coefficients) from the ``from_`` suppliers to the ``to`` users are removed,
    and with ``both_directions`` those from ``to`` to ``from_`` as well.
    """

    sectors: tuple[str, ...] = ()
    from_: tuple[str, ...] = ()
    to: tuple[str, ...] = ()
    both_directions: bool = False
    keep_final_demand: bool = False

    kind = "extraction"


@dataclass(frozen=True)
class PriceShock(Shock):
    """Cost-push price shock (Leontief price model, Miller & Blair 2009, §2.6).

    ``target = "value_added"``: unit value added of ``sectors`` changes by ``change``
    percent. ``target = "price"``: the price of ``sectors``' products is set exogenously
    ``change`` percent higher (negative: cheaper).
    """

    sectors: tuple[str, ...] = ()
    target: Literal["value_added", "price"] = "price"
    change: Param = field(default_factory=Param)

    kind = "prices"

    def params(self) -> dict[str, Param]:
        return {"change": self.change}


@dataclass(frozen=True)
class TaxShock(Shock):
    """A change of the rate of tax ``instrument`` for ``sectors`` (the scenario file's
    tax schedule: the tax file and the table's own net taxes on production).

    ``change``: percent of the current rate (``unit = "percent"``, −50 halves it) or
    percentage points of the base (``unit = "points"``; an instrument the schedule lacks
    starts from 0). ``pass_through`` (0–1, default 1): the share of the change in tax
    per unit of output passed on to prices (Leontief price model); the rest changes the
    operating surplus. ``export_elasticity`` (default 0: export quantities fixed): the
    percent change of the sectors' exports per percent change of their price.
    ``phasing``: ``(year, share of the change in force)`` pairs for the fiscal balance
    by year.
    """

    sectors: tuple[str, ...] = ()
    instrument: str = ""
    change: Param = field(default_factory=Param)
    unit: Literal["percent", "points"] = "percent"
    pass_through: Param = field(default_factory=lambda: Param.fixed(1.0))
    export_elasticity: Param = field(default_factory=lambda: Param.fixed(0.0))
    phasing: tuple[tuple[int, float], ...] = ()

    kind = "tax"

    def params(self) -> dict[str, Param]:
        return {
            "change": self.change,
            "pass_through": self.pass_through,
            "export_elasticity": self.export_elasticity,
        }


@dataclass(frozen=True)
class SubsidyShock(TaxShock):
    """A change of the rate of subsidy ``instrument`` (as :class:`TaxShock`; a higher
    subsidy lowers costs and revenue)."""

    kind = "subsidy"


@dataclass(frozen=True)
class InvestmentShock(Shock):
    """An investment programme: ``amount`` (table units) of gross fixed capital formation
    in ``asset`` (one of :data:`ASSET_TYPES`), spread over the supplying products by the
    bridge matrix (asset × product) and split into domestic and imported supply by the
    import rule (:mod:`iocluster.scenarios.investment`)."""

    asset: str = "machinery"
    amount: Param = field(default_factory=Param)

    kind = "investment"

    def params(self) -> dict[str, Param]:
        return {"amount": self.amount}


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
        return any(p.is_random for s in self.shocks for p in s.params().values())


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

    @property
    def cluster_map(self) -> dict[str, tuple[str, ...]]:
        """Inline clusters as a dict."""
        return dict(self.clusters)


def shock_where(scenario: str, index: int | None = None, kind: str = "", fld: str = "") -> str:
    """``"scenario 'x', shock 2 (coefficients), field 'rows'"`` for messages."""
    parts = [f"scenario '{scenario}'"]
    if index is not None:
        parts.append(f"shock {index}" + (f" ({kind})" if kind else ""))
    if fld:
        parts.append(f"field '{fld}'")
    return ", ".join(parts)
