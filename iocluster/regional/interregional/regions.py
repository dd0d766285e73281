"""The regions of an interregional model: keys, names in en/ru/uz and centres.

A region is identified by a short key (``fergana``, ``tashkent_city``) that prefixes the
sector codes of an interregional table (``fergana/C13.1``). Files of regions are read by
:func:`iocluster.io.regional.read_regions`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from iocluster.core.engine import FloatArray, frozen_array
from iocluster.core.labels import normalize_text
from iocluster.core.messages import Message
from iocluster.errors import RegionalDataError, close_matches

__all__ = [
    "EARTH_RADIUS_KM",
    "Region",
    "Regions",
    "great_circle_km",
    "region_key",
    "region_keys",
]

#: Mean Earth radius (IUGG), km.
EARTH_RADIUS_KM = 6371.0088


def _first_word(name: str) -> str:
    return normalize_text(name).lower().split(" ")[0]


def region_keys(names: Sequence[str]) -> list[str]:
    """:func:`region_key` of every name against all the others, in linear time.

    >>> region_keys(["Tashkent Region", "Tashkent City", "Fergana Region"])
    ['tashkent_region', 'tashkent_city', 'fergana']
    """
    by_first: dict[str, set[str]] = {}
    for o in names:
        by_first.setdefault(_first_word(o), set()).add(normalize_text(o).lower())
    return [_key(nm, by_first) for nm in names]


def _key(name_en: str, by_first: dict[str, set[str]]) -> str:
    s = normalize_text(name_en).lower()
    s = re.sub(r"^republic of ", "", s)
    bare = re.sub(r" (region|viloyati|oblast|province)$", "", s)
    others = by_first.get(bare.split(" ")[0], set())
    clash = len(others) > (normalize_text(name_en).lower() in others)  # another name
    out = s if clash else bare
    return re.sub(r"[^0-9a-z]+", "_", out).strip("_")


def region_key(name_en: str, others: Sequence[str] = ()) -> str:
    """A short lower-case key from an English region name.

    ``"Fergana Region"`` → ``fergana``; ``"Republic of Karakalpakstan"`` →
    ``karakalpakstan``; ``" Region"`` is kept where another region's name starts with the
    same word (``"Tashkent Region"`` → ``tashkent_region`` beside ``"Tashkent City"``).

    >>> region_key("Fergana Region"), region_key("Tashkent Region", ["Tashkent City"])
    ('fergana', 'tashkent_region')
    """
    return region_keys([name_en, *others])[0]


@dataclass(frozen=True)
class Region:
    """One region: key, ISO 3166-2 code, names and the centre's latitude/longitude."""

    key: str
    code: str = ""
    name_en: str = ""
    name_ru: str = ""
    name_uz: str = ""
    lat: float = float("nan")
    lon: float = float("nan")

    def name(self, lang: str = "en") -> str:
        """The region's name in ``lang`` (en, ru, uz), falling back to English."""
        return getattr(self, f"name_{lang}", "") or self.name_en or self.key

    def aliases(self) -> set[str]:
        """Every spelling that identifies the region (lower case)."""
        words = (self.key, self.code, self.name_en, self.name_ru, self.name_uz)
        return {normalize_text(w).lower() for w in words if w}


@dataclass(frozen=True)
class Regions:
    """An ordered set of regions."""

    regions: tuple[Region, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        """The region keys in order."""
        return tuple(r.key for r in self.regions)

    @cached_property
    def _by_alias(self) -> dict[str, Region]:
        """Every spelling of every region → the first region it names (built once)."""
        out: dict[str, Region] = {}
        for r in self.regions:
            for a in r.aliases():
                out.setdefault(a, r)
        return out

    def find(self, label: str) -> Region:
        """The region a label names (key, ISO code or a name in en/ru/uz)."""
        found = self._by_alias.get(normalize_text(label).lower())
        if found is not None:
            return found
        said = Message(
            "regional.unknown_region", region=label, hint=close_matches(label, self.keys),
            keys=self.keys,
        )  # fmt: skip
        raise RegionalDataError(said)

    def subset(self, labels: Sequence[str]) -> Regions:
        """The regions named by ``labels``, in that order."""
        found = [self.find(lab) for lab in labels]
        seen: set[str] = set()
        for r in found:
            if r.key in seen:
                raise RegionalDataError(Message("regional.region_twice", region=r.key))
            seen.add(r.key)
        return Regions(tuple(found))

    def distances(self) -> FloatArray:
        """Great-circle distances between the regional centres, km (R × R)."""
        lat = np.array([r.lat for r in self.regions])
        lon = np.array([r.lon for r in self.regions])
        if not np.all(np.isfinite(lat)) or not np.all(np.isfinite(lon)):
            r = self.regions[int(np.argmax(~np.isfinite(lat + lon)))]
            raise RegionalDataError(Message("regional.no_centre", region=r.key))
        return great_circle_km(lat, lon)


def great_circle_km(
    lat: Sequence[float] | FloatArray, lon: Sequence[float] | FloatArray
) -> FloatArray:
    """Pairwise great-circle distances (haversine formula) on a sphere of radius 6371 km.

    .. math:: d_{rs} = 2R\\arcsin\\sqrt{\\sin^2\\frac{\\varphi_s-\\varphi_r}{2}
              + \\cos\\varphi_r\\cos\\varphi_s\\sin^2\\frac{\\lambda_s-\\lambda_r}{2}}

    >>> round(float(great_circle_km([41.31, 40.39], [69.28, 71.79])[0, 1]))
    235
    """
    p = np.radians(np.asarray(lat, dtype=np.float64))
    q = np.radians(np.asarray(lon, dtype=np.float64))
    h = (
        np.sin((p[None, :] - p[:, None]) / 2) ** 2
        + np.cos(p[:, None]) * np.cos(p[None, :]) * np.sin((q[None, :] - q[:, None]) / 2) ** 2
    )
    d = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
    return frozen_array(d, copy=False)
