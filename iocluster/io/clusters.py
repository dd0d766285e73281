"""Read named clusters of sectors from a small TOML or CSV file (DESIGN.md §4).

TOML: a ``[clusters]`` table of name = list of codes or code prefixes::

    [clusters]
    textiles = ["А01.16", "C13*", "C14"]
    logistics = ["H49-51", "H52"]

CSV: two columns ``code,cluster`` (a header row is optional; a code may appear in
several rows to belong to several clusters; codes may be prefixes such as ``C13*``)::

    code,cluster
    C13*,textiles
    C14,textiles

Codes are matched after label normalisation (Cyrillic look-alikes, whitespace); an
unknown code is an error naming the file, the cluster and a close match.
"""

from __future__ import annotations

import csv
import tomllib
from pathlib import Path

from iocluster.core.budget import check_toml_document, check_toml_file
from iocluster.core.messages import Message
from iocluster.errors import InputError, LabelError, Location
from iocluster.table import IOTable

__all__ = ["read_cluster_specs", "read_clusters"]


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            Message("io.clusters.not_utf8", byte=str(exc.start)), Location(file=path)
        ) from exc


def _parse_toml(path: Path) -> dict[str, list[str]]:
    check_toml_file(path)  # size budgets (iocluster.core.budget)
    try:
        doc = tomllib.loads(_text(path))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(Message("io.toml.invalid", detail=str(exc)), Location(file=path)) from exc
    except RecursionError:
        raise InputError(Message("io.clusters.nested"), Location(file=path)) from None
    check_toml_document(doc, path)
    table = doc.get("clusters", doc)
    if not isinstance(table, dict) or not table:
        raise InputError(
            Message("io.clusters.no_table", table="[clusters]"),
            Location(file=path, cell="[clusters]"),
        )
    out: dict[str, list[str]] = {}
    for name, codes in table.items():
        if isinstance(codes, str):
            codes = [codes]
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            raise InputError(Message("io.clusters.not_list", name=str(name)), Location(file=path))
        out[str(name)] = list(codes)
    return out


def _parse_csv(path: Path) -> dict[str, list[str]]:
    text = _text(path)
    out: dict[str, list[str]] = {}
    rows = list(csv.reader(text.splitlines()))
    for k, row in enumerate(rows, start=1):
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        if k == 1 and [c.lower() for c in cells[:2]] == ["code", "cluster"]:
            continue
        if len(cells) < 2 or not cells[0] or not cells[1]:
            raise InputError(
                Message("io.clusters.two_columns", columns="'code,cluster'"),
                Location(file=path, cell=Message("io.where.row", row=str(k))),
            )
        out.setdefault(cells[1], []).append(cells[0])
    if not out:
        raise InputError(Message("io.clusters.none", columns="'code,cluster'"), Location(file=path))
    return out


def read_cluster_specs(path: str | Path) -> dict[str, list[str]]:
    """Clusters by name -> the codes and prefixes as the file writes them (not yet
    matched against a table: :func:`read_clusters` does that)."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(2, "no such file", str(path))
    suffix = path.suffix.lower()
    if suffix == ".toml":
        return _parse_toml(path)
    if suffix in (".csv", ".txt"):
        return _parse_csv(path)
    raise InputError(Message("io.clusters.file_type", suffix=suffix), Location(file=path))


def read_clusters(path: str | Path, table: IOTable) -> dict[str, list[int]]:
    """Clusters by name -> sector positions (table order), read from TOML or CSV.

    Raises
    ------
    LabelError
        For an unknown code, naming the file and cluster, with a close-match suggestion.
    InputError
        If the file is not a clusters file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from iocluster.datasets import miller_blair_2_3
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "c.toml"
    >>> _ = p.write_text('[clusters]\\nfirst = ["S1"]\\nall = ["S*"]\\n')
    >>> read_clusters(p, miller_blair_2_3())
    {'first': [0], 'all': [0, 1]}
    """
    path = Path(path)
    raw = read_cluster_specs(path)
    out: dict[str, list[int]] = {}
    for name, codes in raw.items():
        if not codes:
            raise InputError(Message("io.clusters.empty", name=name), Location(file=path))
        try:
            out[name] = table.select(codes)
        except LabelError as exc:
            raise LabelError(
                Message("io.clusters.in_cluster", name=name, message=exc.message),
                Location(file=path),
            ) from None
    return out
