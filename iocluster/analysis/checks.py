"""The outcome of one check of a table (what :func:`iocluster.analysis.validate.validate_table`
and the data-artefact checks of :mod:`iocluster.analysis.artefacts` return), and the
words they share: each check's title, lists of sectors cut at ten ("and 3 more")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from iocluster.core.messages import Message

__all__ = ["TITLES", "Check", "Status", "check_title", "listed"]

Status = Literal["PASS", "WARN", "FAIL"]

#: Check name (the stable key of a check, the index of the validation frame) -> its
#: title in the reports' languages.
TITLES: dict[str, Message] = {
    "row identity": Message("check.row_identity"),
    "column identity": Message("check.column_identity"),
    "output non-negative": Message("check.output_non_negative"),
    "intermediate flows": Message("check.intermediate_flows"),
    "final demand": Message("check.final_demand"),
    "primary inputs and satellites": Message("check.primary_inputs"),
    "zero-output sectors": Message("check.zero_output"),
    "units and scale": Message("check.units"),
    "productive": Message("check.productive"),
    "conditioning": Message("check.conditioning"),
    "intermediate sales above output": Message("check.sales_above_output"),
    "negative final demand": Message("check.negative_final_demand"),
    "linkage outliers": Message("check.linkage_outliers"),
}


@dataclass(frozen=True)
class Check:
    """One check's outcome: ``status`` with a ``detail`` that names sectors and sizes
    (a keyed :class:`~iocluster.core.messages.Message`; ``str(detail)`` is English)."""

    name: str
    status: Status
    detail: Message | str
    value: float = float("nan")

    @property
    def title(self) -> Message | str:
        """The check's name in words of any language (:data:`TITLES`)."""
        return check_title(self.name)


def check_title(name: str) -> Message | str:
    """The title of the check called ``name`` (the name itself when unknown).

    >>> str(check_title("row identity")), check_title("mine")
    ('row identity', 'mine')
    """
    return TITLES.get(name, name)


#: How many items a list in a detail shows before "and N more".
SHOWN = 10


def listed(items: Sequence[Any], shown: int = SHOWN) -> Message | tuple[Any, ...]:
    """The first ``shown`` items (joined by commas when rendered), then "and N more".

    >>> str(listed(["a", "b", "c"], 2)), listed(["a"])
    ('a, b and 1 more', ('a',))
    """
    if len(items) > shown:
        return Message("check.and_more", items=tuple(items[:shown]), more=len(items) - shown)
    return tuple(items)
