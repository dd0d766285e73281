"""Outputs never overwrite inputs: every command's paths checked before it runs.

:func:`check_outputs` is called by :func:`iocluster.cli.app.command` with the command's
arguments, before the command reads anything. The parameters named in
:data:`OUTPUT_PARAMS` are outputs; every other :class:`~pathlib.Path` argument (the
table, scenario, clusters, employment, concordance, margins, make table, ...) is an
input. A command is refused, with or without ``--force``, when an output

- resolves (after symbolic links) to an input, or is the same file by another name
  (a hard link);
- is a folder that contains an input (``analyze t.xlsx -o .`` would replace the folder);
- lies inside an input folder (a CSV-folder table);
- is also another output of the same command.

Files a command finds only while it runs are inputs too: the tax file and the bridge
file a scenario names, the default regions file of ``interregional``. The command
declares them with :func:`check_inputs` as soon as it knows them (before writing), and
they are refused as outputs like the command line's inputs.

Then the rule for existing outputs (:func:`iocluster.io.atomic.check_output`): without
``--force`` an output that exists (a file, or a folder that is not empty) is refused,
naming it, before the command reads anything.

An output that is a symbolic link to an unrelated file is allowed: with ``--force`` the
link is replaced by a regular file and its target is left untouched (the atomic rename
replaces the link itself). Device nodes, pipes and sockets are refused as outputs by
:func:`iocluster.io.atomic.check_writable`.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextvars import ContextVar
from pathlib import Path

from iocluster.core.messages import Message
from iocluster.errors import InputError

__all__ = ["OUTPUT_PARAMS", "check_inputs", "check_outputs", "outputs_checked", "same_or_inside"]

#: The outputs of the command running now (set by :func:`outputs_checked`).
_OUTPUTS: ContextVar[tuple[tuple[str, Path], ...]] = ContextVar("iocluster_outputs", default=())

#: Parameters of the commands that name files or folders the command writes.
OUTPUT_PARAMS = frozenset({"output", "target", "save", "figure", "clusters_file"})

#: How a parameter is named in messages (options with their flag).
_FLAGS: dict[str, str | Message] = {
    "output": "-o/--output",
    "save": "--save",
    "figure": "--figure",
    "clusters_file": "--clusters-file",
    "target": "TARGET",
    "table": "TABLE",
    "source": "SOURCE",
    "scenario": Message("cli.flag.scenario"),
    "clusters": "--clusters",
    "employment": Message("cli.flag.employment"),
    "regional_data": Message("cli.flag.regional_data"),
    "regions": "--regions",
    "names": "--names",
    "fd_weights": "--final-demand-weights",
    "make": "--make",
    "compare": "--compare",
    "concordance": Message("cli.flag.concordance"),
    "fd": "--fd",
    "rows": "--rows",
    "columns": "--columns",
    "totals": "--totals",
}


def _paths(value: object) -> Iterator[Path]:
    if isinstance(value, Path):
        yield value
    elif isinstance(value, list | tuple):
        for v in value:
            if isinstance(v, Path):
                yield v


def _resolve(p: Path) -> Path:
    try:
        return p.expanduser().resolve()
    except (OSError, RuntimeError):  # a symlink loop: compare as given
        return p.absolute()


def same_or_inside(output: Path, source: Path) -> str | None:
    """How writing ``output`` would touch ``source``: ``"is"``, ``"contains"``,
    ``"inside"`` (output within the folder ``source``), or None when it would not.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> (d / "t.csv").write_text("x")
    1
    >>> same_or_inside(d / "t.csv", d / "t.csv"), same_or_inside(d, d / "t.csv")
    ('is', 'contains')
    >>> same_or_inside(d / "out.csv", d / "t.csv") is None
    True
    """
    out, src = _resolve(output), _resolve(source)
    if out == src:
        return "is"
    try:
        if output.exists() and source.exists() and os.path.samefile(output, source):
            return "is"  # a hard link, or another path to the same file
    except OSError:
        pass
    if src.is_relative_to(out):
        return "contains"
    if source.is_dir() and out.is_relative_to(src):
        return "inside"
    return None


def _refuse_overlaps(
    outputs: Sequence[tuple[str, Path]], inputs: Iterable[tuple[str, Path]]
) -> None:
    """Refuse an output that is, holds or lies in one of ``inputs`` (name, path)."""
    for iname, src in inputs:
        for oname, out in outputs:
            how = same_or_inside(out, src)
            if how is None:
                continue
            oflag, iflag = _FLAGS.get(oname, oname), _FLAGS.get(iname, iname)
            named = {"out_flag": oflag, "output": str(out), "in_flag": iflag, "input": str(src)}
            if how == "is":
                raise InputError(Message("cli.paths.is_input", named))
            if how == "contains":
                raise InputError(Message("cli.paths.contains_input", named))
            raise InputError(Message("cli.paths.inside_input", named))


def check_outputs(params: Mapping[str, object]) -> None:
    """Refuse outputs that are (or hold, or lie in) an input of the same command, two
    outputs at one path, and (without ``--force``) outputs that exist.

    Raises
    ------
    InputError
        Naming the output option, both paths and what to do; nothing has been read or
        written yet.
    """
    from iocluster.io.atomic import check_output

    outputs = [(k, p) for k, v in params.items() if k in OUTPUT_PARAMS for p in _paths(v)]
    inputs = [(k, p) for k, v in params.items() if k not in OUTPUT_PARAMS for p in _paths(v)]
    _refuse_overlaps(outputs, inputs)
    for k, (oname, out) in enumerate(outputs):
        for other, out2 in outputs[k + 1 :]:
            if same_or_inside(out, out2) == "is":
                raise InputError(
                    Message(
                        "cli.paths.same_path",
                        first=_FLAGS.get(oname, oname),
                        second=_FLAGS.get(other, other),
                        path=str(out),
                    )
                )
    for _, out in outputs:
        check_output(out, force=params.get("force") is True)


@contextlib.contextmanager
def outputs_checked(params: Mapping[str, object]) -> Iterator[None]:
    """:func:`check_outputs`, then remember the command's outputs for
    :func:`check_inputs` while the command runs."""
    check_outputs(params)
    outputs = tuple((k, p) for k, v in params.items() if k in OUTPUT_PARAMS for p in _paths(v))
    token = _OUTPUTS.set(outputs)
    try:
        yield
    finally:
        _OUTPUTS.reset(token)


def check_inputs(inputs: Iterable[tuple[str, Path]]) -> None:
    """Refuse the running command's outputs that are (or hold, or lie in) files it
    found while running: ``inputs`` are (how to name it, path), e.g. ``("the bridge file
    of scen.toml", Path("bridge.csv"))``.

    Raises
    ------
    InputError
        As :func:`check_outputs`; call it before anything is written.
    """
    _refuse_overlaps(_OUTPUTS.get(), inputs)
