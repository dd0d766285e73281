"""Shared fixtures: the real Uzbekistan 2022 table (skipped when ../shared is absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: ``../shared`` next to the checkout; ``IOCLUSTER_SHARED`` names it for a git worktree.
UZ_DIR = (
    Path(os.environ.get("IOCLUSTER_SHARED", ROOT.parent / "shared")) / "data" / "uzbekistan-2022"
)
UZ_META = {
    "title": "Uzbekistan input-output table 2022",
    "year": 2022,
    "region": "Uzbekistan",
    "currency": "UZS",
    "scale": "million",
    "source": "Statistics Agency under the President of the Republic of Uzbekistan",
}


@pytest.fixture(scope="session")
def uzbekistan_dir() -> Path:
    """Folder of the 2022 Uzbekistan table (DESIGN.md: read from ../shared, never copied)."""
    if not (UZ_DIR / "intermediate_use.csv").exists():
        pytest.skip("../shared/data/uzbekistan-2022 is not available")
    return UZ_DIR


@pytest.fixture(scope="session")
def uzbekistan(uzbekistan_dir: Path):  # type: ignore[no-untyped-def]
    """The 2022 Uzbekistan table as an IOTable (million UZS, persons).

    The unit is stated here, as a user would, because the files do not carry it (see
    the data's README).
    """
    from iocluster.io import read_table

    return read_table(uzbekistan_dir, meta=UZ_META)


def json_doc(text: str, name: str | None = None) -> dict:  # type: ignore[type-arg]
    """The ``orient="split"`` document of a command's ``--format json`` output: the frame
    ``name``, or its only frame (the ``meta`` of what produced it set aside)."""
    import json

    doc = json.loads(text)
    frames = {k: v for k, v in doc.items() if k != "meta"}
    if name is not None:
        return frames[name]  # type: ignore[no-any-return]
    (only,) = frames.values()
    return only  # type: ignore[no-any-return]
