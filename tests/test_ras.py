"""RAS and GRAS updating (Miller & Blair 2009 §7.4; Junius & Oosterhaven 2003)."""

from __future__ import annotations

import os

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iocluster.datasets import miller_blair_2_3
from iocluster.errors import InputError, NumericalError
from iocluster.operations.ras import gras, ras, update_table
from iocluster.table import IOTable
from tests import reference_values as ref

EXAMPLES = 200 if os.environ.get("IOCLUSTER_FUZZ") == "1" else 25


def test_ras_miller_blair_7_4_2_reaches_margins_to_1e9() -> None:
    # Miller & Blair (2009) §7.4.2: base A(0), year-1 outputs x(1), intermediate
    # totals u(1), v(1); RAS on Z0 = A(0) x̂(1).
    Z0 = ref.MB_7_4_A0 * ref.MB_7_4_X1
    res = ras(Z0, ref.MB_7_4_U1, ref.MB_7_4_V1)
    assert np.abs(res.X.sum(axis=1) - ref.MB_7_4_U1).max() < 1e-9
    assert np.abs(res.X.sum(axis=0) - ref.MB_7_4_V1).max() < 1e-9
    # Printed precision (4 dp); the values are DERIVED (see reference_values.py).
    assert np.allclose(res.X, ref.MB_7_4_Z_RAS, atol=0.5e-4)
    assert np.allclose(res.X / ref.MB_7_4_X1, ref.MB_7_4_A_RAS, atol=0.5e-4)
    # X = r̂ Z0 ŝ
    assert np.allclose(res.r[:, None] * Z0 * res.s, res.X, rtol=1e-14)


def test_ras_2x2_example() -> None:
    # The 2x2 example attributed to Miller & Blair p. 335 (reference_values.py).
    res = ras(ref.MB_P335_RAS_Z0, ref.MB_P335_RAS_U, ref.MB_P335_RAS_V)
    assert np.allclose(res.X, ref.MB_P335_RAS_RESULT_CONVERGED, atol=0.5e-4)


def test_gras_handles_negative_entries_and_keeps_signs() -> None:
    Z0 = np.array([[7.0, 3.0, 5.0, -3.0], [2.0, 9.0, 8.0, 1.0], [-2.0, 0.0, 2.0, 1.0],
                   [-9.0, 3.0, 0.0, 4.0]])  # fmt: skip
    u = np.array([15.0, 26.0, -1.0, -4.0])
    v = np.array([9.0, 16.0, 17.0, -6.0])
    res = gras(Z0, u, v)
    assert np.abs(res.X.sum(axis=1) - u).max() < 1e-9
    assert np.abs(res.X.sum(axis=0) - v).max() < 1e-9
    assert np.array_equal(np.sign(res.X), np.sign(Z0))
    # The GRAS form X = r̂ P ŝ − r̂⁻¹ N ŝ⁻¹ (Junius & Oosterhaven 2003).
    P, N = np.maximum(Z0, 0), np.maximum(-Z0, 0)
    X = res.r[:, None] * P * res.s - N / res.r[:, None] / res.s
    assert np.allclose(X, res.X, rtol=1e-12)


def test_gras_equals_ras_on_non_negative_matrix() -> None:
    Z0 = ref.MB_7_4_A0 * ref.MB_7_4_X1
    a = ras(Z0, ref.MB_7_4_U1, ref.MB_7_4_V1).X
    b = gras(Z0, ref.MB_7_4_U1, ref.MB_7_4_V1).X
    assert np.allclose(a, b, rtol=1e-10)


@pytest.mark.parametrize(
    ("Z0", "u", "v", "match"),
    [
        ([[1.0, 2.0], [3.0, 4.0]], [3.0, 7.0], [4.0, 7.0], "row targets sum to 10"),
        ([[1.0, 2.0], [0.0, 0.0]], [3.0, 1.0], [2.0, 2.0], "row '2' is all zero"),
        ([[1.0, 0.0], [3.0, 0.0]], [2.0, 2.0], [2.0, 2.0], "column '2' is all zero"),
        ([[1.0, -2.0], [3.0, 4.0]], [3.0, 7.0], [4.0, 6.0], "use GRAS"),
    ],
)
def test_ras_inconsistent_margins_raise(Z0, u, v, match) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match=match):
        ras(Z0, u, v)


def test_gras_only_negative_row_with_positive_target_raises() -> None:
    with pytest.raises(InputError, match="row 'b' has only negative entries"):
        gras([[1.0, 2.0], [-1.0, -1.0]], [2.0, 1.0], [1.0, 2.0], row_labels=["a", "b"])


def test_ras_unreachable_pattern_hits_iteration_cap() -> None:
    # Diagonal matrix: column sums are forced to equal row sums, so (1, 2) vs (2, 1)
    # cannot be reached.
    with pytest.raises(NumericalError, match="did not converge in 50"):
        ras(np.eye(2), [1.0, 2.0], [2.0, 1.0], max_iter=50)


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    st.integers(2, 6),
    st.integers(2, 6),
    st.integers(0, 2**31 - 1),
)
def test_ras_property_margins_reached(n: int, m: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    Z0 = rng.uniform(0.1, 10.0, (n, m))
    truth = Z0 * rng.uniform(0.5, 2.0, (n, m))
    res = ras(Z0, truth.sum(1), truth.sum(0))
    scale = truth.sum(0).max()
    assert np.abs(res.X.sum(axis=1) - truth.sum(1)).max() <= 1e-11 * scale * 10
    assert np.abs(res.X.sum(axis=0) - truth.sum(0)).max() <= 1e-11 * scale * 10


def test_update_table_keeps_identities() -> None:
    t = miller_blair_2_3()
    u, v, x = np.array([700.0, 350.0]), np.array([400.0, 650.0]), np.array([1100.0, 2100.0])
    new, res = update_table(t, u, v, output=x)
    assert res.method == "ras"
    assert np.allclose(new.Z.sum(1), u) and np.allclose(new.Z.sum(0), v)
    assert np.abs(new.row_residual()).max() < 1e-9
    assert np.abs(new.column_residual()).max() < 1e-9
    assert np.allclose(new.x, x)
    assert any("RAS" in str(a) for a in new.meta.assumptions)


def test_update_table_zero_final_demand_cannot_grow() -> None:
    t = IOTable.from_arrays(Z=[[1.0, 1.0], [1.0, 1.0]], Y=[[0.0], [3.0]], V=[[1.0, 3.0]],
                            codes=["a", "b"])  # fmt: skip
    with pytest.raises(InputError, match="sector 'a' has no final demand"):
        update_table(t, [2.0, 2.0], [2.0, 2.0], output=[3.0, 5.0])


def test_cli_update(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from typer.testing import CliRunner

    from iocluster.cli import app
    from iocluster.io import write_table

    src = tmp_path / "t.xlsx"
    write_table(miller_blair_2_3(), src)
    (tmp_path / "u.csv").write_text("code,value\nS1,700\nS2,350\n")
    (tmp_path / "v.csv").write_text("code,value\nS1,400\nS2,650\n")
    (tmp_path / "x.csv").write_text("code,value\nS1,1100\nS2,2100\n")
    u, v, x = (str(tmp_path / f) for f in ("u.csv", "v.csv", "x.csv"))
    args = ["update", str(src), "--rows", u, "--columns", v, "--totals", x, "--format", "json"]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    Z = np.array(doc["Z"]["data"])
    assert np.allclose(Z.sum(1), [700, 350]) and np.allclose(Z.sum(0), [400, 650])
    (tmp_path / "bad.csv").write_text("code,value\nS1,700\nS2,351\n")
    args[3] = str(tmp_path / "bad.csv")
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 1 and "inconsistent margins" in res.stderr
    assert "Traceback" not in res.output


def test_cli_update_bad_margin_files_and_existing_output(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """An empty or duplicated margin file is one error naming it; an existing -o is refused
    before --save writes anything."""
    from typer.testing import CliRunner

    from iocluster.cli import app
    from iocluster.io import write_table

    src = tmp_path / "t.xlsx"
    write_table(miller_blair_2_3(), src)
    (tmp_path / "v.csv").write_text("code,value\nS1,400\nS2,650\n")
    (tmp_path / "empty.csv").write_text("")
    (tmp_path / "dup.csv").write_text("code,value\nS1,700\nS1,350\n")
    v = str(tmp_path / "v.csv")
    for bad, words in (("empty.csv", "empty.csv"), ("dup.csv", "S1")):
        res = CliRunner().invoke(
            app, ["update", str(src), "--rows", str(tmp_path / bad), "--columns", v]
        )
        assert res.exit_code == 1, res.output
        assert words in res.stderr and "Traceback" not in res.output
        assert len(res.stderr.strip().splitlines()) == 1
    (tmp_path / "u.csv").write_text("code,value\nS1,700\nS2,350\n")
    out = tmp_path / "out.json"
    out.write_text("keep")
    saved = tmp_path / "saved.xlsx"
    args = ["update", str(src), "--rows", str(tmp_path / "u.csv"), "--columns", v]
    res = CliRunner().invoke(app, [*args, "-f", "json", "-o", str(out), "--save", str(saved)])
    assert res.exit_code == 1 and "exists" in res.stderr
    assert out.read_text() == "keep" and not saved.exists()
