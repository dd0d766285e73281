"""Test helpers for labelled IO data, for iocluster's tests and users' alike."""

from __future__ import annotations

import dataclasses

import numpy as np

from iocluster.table import IOTable

__all__ = ["assert_table_allclose", "assert_table_equal"]


def assert_table_allclose(
    actual: IOTable, desired: IOTable, *, rtol: float = 1e-12, atol: float = 0.0
) -> None:
    """Assert two tables have the same labels, roles and metadata, and close numbers.

    Raises ``AssertionError`` naming the first field that differs.
    """
    for f in dataclasses.fields(IOTable):
        a, b = getattr(actual, f.name), getattr(desired, f.name)
        if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
            if (a is None) != (b is None):
                raise AssertionError(f"{f.name}: one table has it, the other does not")
            np.testing.assert_allclose(a, b, rtol=rtol, atol=atol, err_msg=f"field {f.name}")
        elif f.name == "tags":
            assert dict(a) == dict(b), f"tags differ: {dict(a)} != {dict(b)}"
        else:
            assert a == b, f"{f.name} differs: {a!r} != {b!r}"


def assert_table_equal(actual: IOTable, desired: IOTable) -> None:
    """Assert two tables are identical (numbers bit for bit)."""
    assert_table_allclose(actual, desired, rtol=0.0, atol=0.0)
