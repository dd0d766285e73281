"""Regional employment (or output) by sector aligned to a table's sectors.

:class:`RegionalData` holds the values of one or many regions with the national reference
they are compared with (:func:`national_reference`). Files of regional data are read and
validated by :func:`iocluster.io.regional.read_regional_data`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from iocluster.core.choices import Measure
from iocluster.core.engine import FloatArray, frozen_array
from iocluster.core.messages import Message
from iocluster.errors import RegionalDataError, close_matches
from iocluster.model.sectors import employment_satellite
from iocluster.table import IOTable

__all__ = ["TOLERANCE", "Measure", "RegionalData", "national_reference"]

#: relative tolerance for "a region larger than the nation" (rounding in published data)
TOLERANCE = 1e-9


@dataclass(frozen=True, eq=False)
class RegionalData:
    """Regional values by sector aligned to a table's sectors, with the national reference.

    Attributes
    ----------
    codes : tuple of str
        The table's sector codes (rows of ``values``).
    regions : tuple of str
    values : (n, R) ndarray
        Regional employment (persons) or output by sector and region.
    national : (n,) ndarray
        The same measure for the nation (the table's employment row, or its output).
    measure : {"employment", "output"}
    source : str
        Where the values came from (file name), for the assumptions of regional tables.
    illustrative : str
        Why the values are illustrative ("" for real data: :mod:`iocluster.io.illustrative`);
        every table built from them is illustrative too.
    """

    codes: tuple[str, ...]
    regions: tuple[str, ...]
    values: FloatArray
    national: FloatArray
    measure: Measure = "employment"
    source: str = ""
    illustrative: str = ""

    def region(self, name: str) -> FloatArray:
        """One region's values by sector."""
        if name not in self.regions:
            said = Message(
                "regional.unknown_data_region", region=name,
                hint=close_matches(name, self.regions), keys=self.regions,
            )  # fmt: skip
            raise RegionalDataError(said)
        return frozen_array(self.values[:, self.regions.index(name)])

    def frame(self) -> pd.DataFrame:
        """The values as a frame (index ``code``, one column per region, ``national``)."""
        df = pd.DataFrame(
            self.values, index=pd.Index(self.codes, name="code"), columns=self.regions
        )
        df["national"] = self.national
        df.attrs["unit"] = "persons" if self.measure == "employment" else "output"
        return df


def national_reference(
    table: IOTable, measure: Measure = "employment", satellite: str | None = None
) -> FloatArray:
    """The national values regional data are compared with.

    ``measure="output"``: the table's output ``x``. ``"employment"``: the satellite row
    ``satellite``, else :func:`iocluster.model.sectors.employment_satellite`.
    """
    if measure == "output":
        return frozen_array(table.x)
    if measure != "employment":
        raise RegionalDataError(
            Message("regional.unknown_measure", measure=measure, a="employment", b="output")
        )
    if satellite is not None:
        return frozen_array(table.satellite(satellite))
    name = employment_satellite(table)
    if name is not None:
        return frozen_array(table.satellite(name))
    found = tuple(table.satellite_names) or Message("regional.none")
    raise RegionalDataError(Message("regional.which_employment", found=found, option="--satellite"))
