"""The package's layers (ARCHITECTURE.md): a module imports only from its own package or
from a lower layer, packages on the same layer do not import each other, and no modules
import each other in a cycle. Imports inside functions count too: a lazy import is still
a dependency."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import iocluster

PACKAGE = Path(iocluster.__file__).resolve().parent

#: Layers from the bottom up; a package may import from any lower layer.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("iocluster.errors", "iocluster._version"),
    ("iocluster.core",),
    ("iocluster.table",),
    ("iocluster.model",),
    ("iocluster.analysis", "iocluster.operations", "iocluster.chains", "iocluster.regional"),
    ("iocluster.io",),
    ("iocluster.scenarios",),
    ("iocluster.pipeline", "iocluster.interop", "iocluster.datasets", "iocluster.testing"),
    ("iocluster.reports",),
    ("iocluster.lab",),
    ("iocluster.cli",),
)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(path: Path, known: set[str]) -> Iterator[tuple[str, int]]:
    """``(module, line)`` for every ``iocluster`` module that ``path`` imports."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("iocluster"):
                    yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.level:
                raise AssertionError(f"{path}:{node.lineno}: relative import")
            if not node.module.startswith("iocluster"):
                continue
            for alias in node.names:  # ``from pkg import submodule`` depends on the submodule
                sub = f"{node.module}.{alias.name}"
                yield (sub if sub in known else node.module), node.lineno


def layer_of(module: str) -> tuple[int, str]:
    for rank, packages in enumerate(LAYERS):
        for pkg in packages:
            if module == pkg or module.startswith(pkg + "."):
                return rank, pkg
    raise AssertionError(f"module {module} is in no layer: add its package to LAYERS")


def edges() -> list[tuple[str, str, int]]:
    mods = modules()
    known = set(mods)
    return [
        (name, dep, line)
        for name, path in mods.items()
        for dep, line in imports(path, known)
        if dep != name
    ]


def test_every_module_has_a_layer() -> None:
    for name in modules():
        if name != "iocluster":  # the root package is the top: it exports the API
            layer_of(name)


def test_the_root_holds_at_most_four_modules() -> None:
    assert len(list(PACKAGE.glob("*.py"))) <= 4


def test_no_upward_or_sideways_imports() -> None:
    faults = []
    for name, dep, line in edges():
        if name == "iocluster" or dep == "iocluster.__init__":
            continue
        if dep == "iocluster":
            faults.append(f"{name}:{line} imports the root package")
            continue
        (rank, pkg), (dep_rank, dep_pkg) = layer_of(name), layer_of(dep)
        if pkg == dep_pkg:
            continue
        if dep_rank > rank:
            faults.append(f"{name}:{line} imports {dep} from a higher layer")
        elif dep_rank == rank:
            faults.append(f"{name}:{line} imports {dep} sideways (same layer)")
    assert not faults, "\n".join(faults)


def test_no_import_cycles() -> None:
    graph: dict[str, set[str]] = {}
    for name, dep, _ in edges():
        # a package's __init__ importing its own submodules is how packages export
        if not dep.startswith(name + "."):
            graph.setdefault(name, set()).add(dep)
    state: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycle = [*stack[stack.index(nxt) :], nxt] if nxt in stack else [node, nxt]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt, [*stack, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])


def test_the_layer_test_catches_a_fault(tmp_path: Path) -> None:
    """The checker is not vacuous: an analysis that imports a report is flagged."""
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from iocluster.reports.style import FORMATS\n", encoding="utf-8")
    deps = list(imports(bad, set(modules())))
    assert deps == [("iocluster.reports.style", 2)]
    assert layer_of("iocluster.reports.style")[0] > layer_of("iocluster.analysis.linkages")[0]


def test_the_public_api_resolves() -> None:
    """Every name ``iocluster`` exports loads (one way in; ARCHITECTURE.md)."""
    for name in iocluster.__all__:
        assert getattr(iocluster, name) is not None, name
    with pytest.raises(AttributeError):
        _ = iocluster.no_such_name  # type: ignore[attr-defined]


def option_declarations() -> dict[str, list[str]]:
    """Flag -> command modules that declare it with ``typer.Option("--flag", ...)``."""
    found: dict[str, list[str]] = {}
    for path in sorted((PACKAGE / "cli").glob("*_cmds.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "Option"
            ):
                for arg in node.args:
                    if isinstance(arg, ast.Constant) and str(arg.value).startswith("--"):
                        mods = found.setdefault(str(arg.value).split("/")[0], [])
                        if path.stem not in mods:
                            mods.append(path.stem)
    return found


def test_no_option_is_declared_in_two_command_modules() -> None:
    """Options shared by commands live in ``cli/common.py`` (one help text each)."""
    repeated = {flag: mods for flag, mods in option_declarations().items() if len(mods) > 1}
    assert option_declarations(), "the checker found no options at all"
    assert not repeated, repeated


def test_notebooks_and_the_readme_tour_use_only_the_public_api() -> None:
    """The notebooks and the README's Python examples import from ``iocluster`` itself
    (``iocluster.testing`` aside), never from the layers behind it."""
    import json
    import re

    root = PACKAGE.parent
    sources = {
        str(nb.relative_to(root)): "".join(
            "".join(c["source"])
            for c in json.loads(nb.read_text(encoding="utf-8"))["cells"]
            if c["cell_type"] == "code"
        )
        for nb in sorted((root / "notebooks").glob("*.ipynb"))
    }
    readme = (root / "README.md").read_text(encoding="utf-8")
    sources["README.md"] = "\n".join(re.findall(r"```python\n(.*?)```", readme, re.S))
    assert len(sources) >= 2
    private = re.compile(r"^\s*(?:from|import)\s+iocluster\.(?!testing\b)[\w.]+", re.M)
    faults = {name: private.findall(code) for name, code in sources.items()}
    assert not any(faults.values()), {k: v for k, v in faults.items() if v}


def test_the_command_line_starts_without_the_numerical_stack() -> None:
    """``iocluster --help`` loads no numpy, pandas, scipy, openpyxl or matplotlib (the
    commands import the library when they run): cold start stays below a numpy import."""
    import subprocess
    import sys

    code = (
        "import sys, iocluster.cli; "
        "print(','.join(m for m in ('numpy', 'pandas', 'scipy', 'openpyxl', 'matplotlib') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
