"""The table checksum's tree hash (iocluster.core.digest): the same value on any number
of threads, and the value its docstring defines."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from iocluster.core import budget, digest


@pytest.mark.parametrize("cores", [1, 2, 3])
def test_a_large_block_is_the_digest_of_its_chunks_on_any_number_of_cores(
    monkeypatch: pytest.MonkeyPatch, cores: int
) -> None:
    monkeypatch.setattr(digest, "CHUNK", 64)  # 8 float64 per chunk
    monkeypatch.setattr(budget, "usable_cores", lambda: cores)
    arr = np.random.default_rng(1).standard_normal((7, 5))  # 280 bytes: 5 chunks
    h = hashlib.sha256()
    digest.feed(h, arr.T)  # a Fortran-ordered view is hashed in C order of its values
    raw = np.ascontiguousarray(arr.T).tobytes()
    want = hashlib.sha256(
        b"".join(hashlib.sha256(raw[i : i + 64]).digest() for i in range(0, len(raw), 64))
    )
    assert h.hexdigest() == want.hexdigest()


def test_a_small_block_is_its_bytes() -> None:
    arr = np.arange(12.0).reshape(3, 4)
    h, g = hashlib.sha256(), hashlib.sha256()
    digest.feed(h, arr)
    g.update(arr.astype("<f8").tobytes())
    assert h.hexdigest() == g.hexdigest()
