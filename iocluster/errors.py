"""Exceptions and warnings raised by iocluster.

Every error derives from one base, :class:`IOClusterError`. Errors about bad input
also subclass :class:`ValueError`, so ``except ValueError`` keeps working in user code.
Messages name the place (file, sheet, cell, sector, scenario, field) and what was
expected there; the command line prints the message alone, without a traceback, and
exits with code 1.

Hierarchy::

    IOClusterError
    ├── InputError (ValueError)            bad input of any kind
    │   ├── TableFormatError                a file cannot be read as a table
    │   ├── LabelError                      unknown / duplicate / unmatched labels
    │   ├── TableIdentityError              an accounting identity fails
    │   ├── ScenarioError                   a scenario file or shock is wrong
    │   └── RegionalDataError               regional employment / output data is wrong
    ├── NumericalError (ArithmeticError)   the model cannot be solved reliably
    │   └── NotProductiveError              spectral radius of A >= 1, or I - A singular
    └── OutputExistsError (FileExistsError) would overwrite a file without --force

    IOClusterWarning (UserWarning)
    ├── AssumptionWarning                   an assumption was applied (e.g. import shares)
    ├── TableCheckWarning                   a validation check gave WARN
    └── NumericalWarning                    an ill-conditioned system or large residual
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

__all__ = [
    "AssumptionWarning",
    "IOClusterError",
    "IOClusterWarning",
    "InputError",
    "LabelError",
    "Location",
    "NotProductiveError",
    "NumericalError",
    "NumericalWarning",
    "OutputExistsError",
    "RegionalDataError",
    "ScenarioError",
    "TableCheckWarning",
    "TableFormatError",
    "TableIdentityError",
    "Text",
    "close_matches",
    "close_names",
]


class Text(Protocol):
    """A message that can be written in a language (:class:`iocluster.core.messages.Message`);
    ``str()`` of it is its English text."""

    def text(self, lang: str) -> str:
        """The message in ``lang``."""
        ...


@dataclass(frozen=True)
class Location:
    """Where in an input something is: file, sheet, cell (or row/column label)."""

    file: str | Path | None = None
    sheet: str | None = None
    cell: str | Text | None = None

    def __str__(self) -> str:
        parts = []
        if self.file is not None:
            parts.append(f"{Path(self.file).name}")
        if self.sheet is not None:
            parts.append(f"sheet '{self.sheet}'")
        if self.cell is not None:
            parts.append(f"{self.cell}")
        return ", ".join(parts)


class IOClusterError(Exception):
    """Base class of every error iocluster raises on purpose. ``message`` is a keyed
    message (:class:`~iocluster.core.messages.Message`, written in the user's language by
    the command line) or plain text; ``str(error)`` is English, with the location."""

    def __init__(self, message: str | Text, location: Location | None = None) -> None:
        self.location = location
        self.message = message
        text = str(message)
        super().__init__(f"{location}: {text}" if location and str(location) else text)


class InputError(IOClusterError, ValueError):
    """Input (a table, scenario, mapping or argument) is not what was expected."""


class TableFormatError(InputError):
    """A file cannot be read as an input-output table."""


class LabelError(InputError):
    """A sector, category or cluster label is unknown, duplicated or unmatched."""


class TableIdentityError(InputError):
    """An accounting identity of the table fails beyond tolerance."""


class ScenarioError(InputError):
    """A scenario file or one of its shocks is wrong; ``scenario`` names the scenario
    when one is to blame; ``problems`` lists every problem when a file has several, and
    ``summary`` then counts them (the message is the summary and the list)."""

    def __init__(
        self,
        message: str | Text,
        location: Location | None = None,
        *,
        scenario: str | None = None,
        problems: tuple[str | Text, ...] = (),
        summary: str | Text = "",
    ) -> None:
        super().__init__(message, location)
        self.scenario = scenario
        self.problems = problems
        self.summary = summary


class RegionalDataError(InputError):
    """Regional employment or output data cannot be used with the national table."""


class NumericalError(IOClusterError, ArithmeticError):
    """The Leontief system cannot be solved reliably."""


class NotProductiveError(NumericalError, ValueError):
    """I − A is singular or A is not productive (spectral radius >= 1); ``update`` is the
    position of the rank-k update that made it so, when one did."""

    def __init__(
        self, message: str | Text, location: Location | None = None, *, update: int | None = None
    ) -> None:
        super().__init__(message, location)
        self.update = update


class OutputExistsError(IOClusterError, FileExistsError):
    """An output file exists and overwriting was not asked for."""


class IOClusterWarning(UserWarning):
    """Base class of iocluster's warnings."""


class AssumptionWarning(IOClusterWarning):
    """An assumption was applied to the data (stated in every report that uses it)."""


class TableCheckWarning(IOClusterWarning):
    """A validation check of the table gave WARN."""


class NumericalWarning(IOClusterWarning):
    """A solve was ill-conditioned or left a large residual."""


def close_matches(name: str, candidates: Iterable[str], n: int = 3) -> str:
    """Return a ``" (did you mean 'X'?)"`` hint for an unknown name, or ``""``.

    Examples
    --------
    >>> close_matches("textile", ["Textiles", "Tourism", "C14"])
    " (did you mean 'Textiles'?)"
    >>> close_matches("zzz", ["C13.1"])
    ''
    """
    matches = close_names(name, candidates, n)
    if not matches:
        return ""
    quoted = [f"'{m}'" for m in matches]
    return f" (did you mean {' or '.join(quoted)}?)"


def close_names(name: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """The candidates closest to an unknown name (at most ``n``; difflib ratio ≥ 0.6).

    >>> close_names("textile", ["Textiles", "Tourism", "C14"])
    ['Textiles']
    """
    return difflib.get_close_matches(str(name), [str(c) for c in candidates], n=n, cutoff=0.6)
