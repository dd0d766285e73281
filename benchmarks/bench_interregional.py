"""The interregional model (issue 16) against one LU factorisation of its size.

- ``build``: :func:`iocluster.regional.interregional.build.build_interregional` for
  R regions × n sectors (location quotients, gravity trade of every product, the table);
- ``factorise``: the table's ``leontief`` (one LU of the R·n system);
- ``scenario``: after the factorisation, one final-demand scenario in one region: its
  effects by region and the region × region spillovers
  (:func:`iocluster.scenarios.regions.regional_impacts`: apply, one batched solve);
- ``scenario report``: the same scenario through the whole
  :func:`iocluster.scenarios.run.run_scenarios` (validation, every impact frame,
  contributions by shock, then the regional frames);
- ``decomposition``: :func:`iocluster.regional.interregional.analysis.multiplier_decomposition`;
- ``baseline``: one ``scipy.linalg.lu_factor`` of I − A of the same size (R·n).

Synthetic, seeded inputs (a dense 136-sector table, regional employment drawn around
each region's size, 14 regional centres in Uzbekistan's latitude/longitude box), so the
benchmark runs without the shared data. Targets (issue 16): build ≤ 10 LU, a scenario
≤ 0.1 LU after the factorisation. Run: ``python -m benchmarks.bench_interregional [R n]``
(default R = 14, n = 136).
"""

from __future__ import annotations

import sys
import warnings

import numpy as np
import scipy.linalg as sla

from benchmarks.common import best_of_each, synthetic_flows
from iocluster.core.engine import as_dense
from iocluster.regional.data import RegionalData
from iocluster.regional.interregional.analysis import multiplier_decomposition
from iocluster.regional.interregional.build import build_interregional
from iocluster.regional.interregional.regions import Region, Regions
from iocluster.scenarios.apply import Base
from iocluster.scenarios.parse_toml import scenario_file_from_dict
from iocluster.scenarios.regions import regional_impacts
from iocluster.scenarios.run import run_scenarios
from iocluster.scenarios.validate import validate_file
from iocluster.table import IOTable


def _national(n: int) -> IOTable:
    Z, y = synthetic_flows(n, seed=1, density=0.5)
    x = Z.sum(axis=1) + y
    Y = np.column_stack([0.7 * y, 0.3 * y])
    return IOTable.from_arrays(
        Z,
        Y,
        (x - Z.sum(axis=0))[None, :],
        x=x,
        codes=[f"S{i}" for i in range(n)],
        fd_names=["households", "exports"],
        fd_roles=["household", "exports"],
        F=np.round(x / 10)[None, :] + 1,
        satellite_names=["employment_total"],
        satellite_units=["persons"],
    )


def _regional(t: IOTable, R: int) -> tuple[RegionalData, Regions]:
    rng = np.random.default_rng(16)
    size = rng.uniform(0.5, 2.0, R)
    w = size[None, :] * rng.lognormal(0.0, 0.7, (t.n, R))
    nat = np.asarray(t.satellite("employment_total"))
    values = nat[:, None] * w / w.sum(axis=1, keepdims=True)
    regions = Regions(
        tuple(
            Region(f"r{k}", lat=float(rng.uniform(37.2, 42.5)), lon=float(rng.uniform(59.6, 72.3)))
            for k in range(R)
        )
    )
    data = RegionalData(t.codes, regions.keys, values, nat)
    return data, regions


def main(R: int = 14, n: int = 136) -> None:
    """Time each step and print its ratio to one LU of the interregional size."""
    warnings.simplefilter("ignore")
    t = _national(n)
    data, regions = _regional(t, R)
    N = R * n
    ir = build_interregional(t, data, regions)
    M = np.eye(N) - as_dense(ir.A)
    doc = {
        "clusters": {"cluster": [f"S{i}" for i in range(5)]},
        "scenario": [
            {
                "name": "exports",
                "shock": [
                    {
                        "kind": "final_demand",
                        "sectors": ["cluster"],
                        "region": "r0",
                        "category": "exports",
                        "change": 10,
                    }
                ],
            }
        ],
    }
    sf = scenario_file_from_dict(doc)
    _ = ir.leontief  # factorised once: the scenario runs against it
    resolved, _cl = validate_file(sf, ir)
    base_ir = Base(ir)

    steps = {
        "baseline": lambda: sla.lu_factor(M),
        "build": lambda: build_interregional(t, data, regions),
        "factorise": lambda: ir.replace().leontief,
        "scenario": lambda: regional_impacts(base_ir, resolved),
        "scenario report": lambda: run_scenarios(ir, sf),
        "decomposition": lambda: multiplier_decomposition(ir),
    }
    times = best_of_each(steps, repeat=5)  # interleaved: noise hits every step alike
    base = times.pop("baseline")
    print(f"R = {R}, n = {n} ({N} sectors): baseline lu_factor {base * 1e3:.1f} ms")
    for name, sec in times.items():
        print(f"  {name:<16} {sec * 1e3:10.1f} ms   ratio {sec / base:8.2f}")


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    main(*args)
