"""Every problem of a scenario file in one run.

Parsing and validation go on past a wrong field, shock or scenario and gather what is
wrong (:class:`Problems`), up to :data:`MAX_PROBLEMS`; the error raised at the end names
each one (file, scenario, shock and field), so five mistakes take one run to find, not
five. A problem that makes the rest meaningless (the file is not TOML, a top-level key is
unknown) stops at once.

A problem is a keyed message (:class:`~iocluster.core.messages.Message`, written in the
command's language) placed by :func:`at` after where it is ("five.toml: scenario 'a',
shock 1 (final_demand), field 'change'"): the place reads as the file names it, in every
language.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from iocluster.core.messages import Message
from iocluster.errors import IOClusterError, ScenarioError, Text, close_names

__all__ = ["MAX_PROBLEMS", "Problems", "at", "located", "semicolons", "suggest", "what_of"]

#: Problems listed in one error; more are counted, not listed.
MAX_PROBLEMS = 20


def at(where: str | Text | list[str | Text], what: Text | str) -> Text | str:
    """``"{where}: {what}"``: a problem after its place (plain text stays plain); a place
    of parts (:func:`~iocluster.io.cells.place`) is said with commas.

    >>> str(at("scenario 'a'", Message("scenarios.no_shocks", tables="[[scenario.shock]]")))
    "scenario 'a': no shocks ([[scenario.shock]] tables)"
    """
    if not where:
        return what
    if isinstance(what, str) and isinstance(where, str):
        return f"{where}: {what}"
    return Message("scenarios.at", where=where, what=what)


def suggest(name: str, candidates: Iterable[str]) -> Message | str:
    """``" (did you mean 'X'?)"`` in any language for an unknown name ("" when nothing is
    close): :func:`~iocluster.errors.close_matches` as a message.

    >>> str(suggest("percnt", ["percent", "points"]))
    " (did you mean 'percent'?)"
    """
    found = [f"'{m}'" for m in close_names(name, candidates)]
    if not found:
        return ""
    if len(found) == 1:
        return Message("scenarios.did_you_mean", name=found[0])
    return Message("scenarios.did_you_mean_any", names=found[:-1], last=found[-1])


def what_of(exc: IOClusterError) -> Text | str:
    """What an error says, after where it is (its file, sheet, cell) when it has a place."""
    return at(str(exc.location) if exc.location is not None else "", exc.message)


def located(exc: ScenarioError, where: str) -> ScenarioError:
    """``exc`` with ``where`` (a file's name) before its message and every problem."""
    problems = tuple(at(where, p) for p in exc.problems)
    summary = at(where, exc.summary) if exc.summary else ""
    return ScenarioError(
        at(where, exc.message), scenario=exc.scenario, problems=problems, summary=summary
    )


class Problems:
    """Problems gathered while a file is read (see the module docstring)."""

    def __init__(self, prefix: str = "") -> None:
        #: the place before every problem (the file's name)
        self.prefix = prefix
        self.found: list[Text | str] = []

    @contextmanager
    def collect(self) -> Iterator[None]:
        """Run the block; a :class:`ScenarioError` it raises is kept, not raised."""
        try:
            yield
        except ScenarioError as exc:
            self.found.extend(exc.problems or (exc.message,))

    def check(self) -> None:
        """Raise one :class:`ScenarioError` naming every problem found (none: nothing)."""
        if not self.found:
            return
        listed = tuple(at(self.prefix, p) for p in self.found[:MAX_PROBLEMS])
        if len(self.found) == 1:
            raise ScenarioError(listed[0])
        more = len(self.found) - len(listed)
        count = (
            Message("scenarios.problems_first", n=len(self.found), first=MAX_PROBLEMS)
            if more
            else Message("scenarios.problems", n=len(self.found))
        )
        head = at(self.prefix, count)
        message = Message("scenarios.problem_list", head=head, problems=semicolons(listed))
        raise ScenarioError(message, problems=listed, summary=head)


def semicolons(items: Sequence[Text | str]) -> Text | str:
    """``items`` joined by semicolons, each in the language it is written in ("" for none)."""
    if not items:
        return ""
    out = items[-1]
    for item in reversed(items[:-1]):
        out = Message("scenarios.semicolon", a=item, b=out)
    return out
