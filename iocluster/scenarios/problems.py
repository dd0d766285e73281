"""Every problem of a scenario file in one run.

Parsing and validation go on past a wrong field, shock or scenario and gather what is
wrong (:class:`Problems`), up to :data:`MAX_PROBLEMS`; the error raised at the end names
each one (file, scenario, shock and field), so five mistakes take one run to find, not
five. A problem that makes the rest meaningless (the file is not TOML, a top-level key is
unknown) stops at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from iocluster.errors import ScenarioError

__all__ = ["MAX_PROBLEMS", "Problems", "located"]

#: Problems listed in one error; more are counted, not listed.
MAX_PROBLEMS = 20


def located(exc: ScenarioError, where: str) -> ScenarioError:
    """``exc`` with ``where`` (a file's name) before its message and every problem."""
    problems = tuple(f"{where}: {p}" for p in exc.problems)
    summary = f"{where}: {exc.summary}" if exc.summary else ""
    return ScenarioError(
        f"{where}: {exc.message}", scenario=exc.scenario, problems=problems, summary=summary
    )


class Problems:
    """Problems gathered while a file is read (see the module docstring)."""

    def __init__(self, prefix: str = "") -> None:
        #: prepended to every problem (the file's name and ": ")
        self.prefix = prefix
        self.found: list[str] = []

    @contextmanager
    def collect(self) -> Iterator[None]:
        """Run the block; a :class:`ScenarioError` it raises is kept, not raised."""
        try:
            yield
        except ScenarioError as exc:
            self.found.extend(exc.problems or (str(exc.message),))

    def check(self) -> None:
        """Raise one :class:`ScenarioError` naming every problem found (none: nothing)."""
        if not self.found:
            return
        listed = tuple(f"{self.prefix}{p}" for p in self.found[:MAX_PROBLEMS])
        if len(self.found) == 1:
            raise ScenarioError(listed[0])
        more = len(self.found) - len(listed)
        head = f"{self.prefix}{len(self.found)} problems" + (
            f" (the first {MAX_PROBLEMS} listed)" if more else ""
        )
        raise ScenarioError(f"{head}: " + "; ".join(listed), problems=listed, summary=head)
