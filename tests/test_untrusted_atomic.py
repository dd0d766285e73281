"""Issue 18: a ``kill -9`` at any moment leaves no partial report, and two processes
writing one output end with one complete output, never a mix.

``analyze -o DIR`` writes the workbook and every figure into a temporary sibling folder
and renames it into place (:func:`iocluster.io.atomic.atomic_folder`). The kill is made
deterministic: a subprocess kills itself with SIGKILL right after its second figure.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from iocluster.core.messages import Message, render
from iocluster.io.atomic import MANIFEST, atomic_folder, replace_folder

ROOT = Path(__file__).resolve().parents[1]
ECONOMY = ROOT / "data" / "example_economy.xlsx"

_KILLED_AFTER_TWO_FIGURES = """
import os, signal, sys
import iocluster.reports.figures as F
real = F.save_figure
calls = []
def save_then_die(*args, **kw):
    out = real(*args, **kw)
    calls.append(out)
    if len(calls) == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    return out
F.save_figure = save_then_die
from iocluster.cli import app
app(sys.argv[1:])
"""


def _tree(d: Path) -> dict[str, bytes]:
    """The files of ``d`` with their bytes, without the folder's list of outputs."""
    return {
        str(p.relative_to(d)): p.read_bytes()
        for p in sorted(d.rglob("*"))
        if p.is_file() and p.name != MANIFEST
    }


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_kill_9_during_analyze_leaves_no_partial_report(tmp_path: Path) -> None:
    """Two runs killed after their second figure (run side by side to keep the suite
    fast): into a new folder (none appears) and over an old report (left as it was)."""
    new, old = tmp_path / "new" / "report", tmp_path / "old" / "report"
    (old / "figures").mkdir(parents=True)
    (old / "analysis.xlsx").write_bytes(b"old report")
    (old / "figures" / "multipliers.png").write_bytes(b"old figure")
    before = _tree(old)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _KILLED_AFTER_TWO_FIGURES, "analyze", str(ECONOMY), "-o",
             str(out), "-q", "--force"], cwd=ROOT, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True,
        )
        for out in (new, old)
    ]  # fmt: skip
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == -signal.SIGKILL, err
    assert not new.exists(), "a partial report folder is visible"
    leftovers = [p.name for p in new.parent.iterdir()]
    assert all(n.startswith(".report.") and n.endswith(".part") for n in leftovers), leftovers
    assert _tree(old) == before


def test_analyze_replaces_the_report_and_keeps_other_files(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from iocluster.cli import app

    out = tmp_path / "report"
    argv = ["analyze", str(ECONOMY), "-o", str(out), "-q", "--no-figures"]
    first = CliRunner().invoke(app, argv)
    assert first.exit_code == 0, first.stderr
    old = (out / "analysis.xlsx").read_bytes()
    (out / "figures").mkdir()
    (out / "figures" / "my_figure.png").write_bytes(b"drawn by hand")
    (out / "notes.txt").write_text("mine\n")
    res = CliRunner().invoke(app, [*argv, "--force", "--lang", "ru"])
    assert res.exit_code == 0, res.stderr
    assert (out / "notes.txt").read_text() == "mine\n"
    assert (out / "analysis.xlsx").read_bytes()[:2] == b"PK"
    assert (out / "analysis.xlsx").read_bytes() != old  # replaced: the report is in Russian
    # a file the run did not write is never lost
    assert (out / "figures" / "my_figure.png").read_bytes() == b"drawn by hand"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]
    # the terminal's "wrote" line in the command's language (issue 28)
    assert f"{render(Message('cli.wrote'), 'ru')} {out / 'analysis.xlsx'}" in res.stdout


def test_force_never_replaces_a_file_iocluster_did_not_write(tmp_path: Path) -> None:
    """Issue 27 item 1: with --force, a report file the user made (or edited since the
    run that wrote it) is not replaced; the run refuses and changes nothing."""
    from typer.testing import CliRunner

    from iocluster.cli import app

    out = tmp_path / "report"
    out.mkdir()
    (out / "analysis.xlsx").write_bytes(b"my own workbook")
    argv = ["analyze", str(ECONOMY), "-o", str(out), "-q", "--no-figures", "--force"]
    res = CliRunner().invoke(app, argv)
    assert res.exit_code == 1
    assert "analysis.xlsx is a file iocluster did not write" in res.stderr
    assert _tree(out) == {"analysis.xlsx": b"my own workbook"}
    (out / "analysis.xlsx").unlink()
    assert CliRunner().invoke(app, argv).exit_code == 0
    with (out / "analysis.xlsx").open("ab") as fh:  # edited since iocluster wrote it
        fh.write(b"edit")
    edited = _tree(out)
    res = CliRunner().invoke(app, argv)
    assert res.exit_code == 1 and "changed since it wrote it" in res.stderr
    assert _tree(out) == edited
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]


def test_a_crafted_manifest_owns_nothing(tmp_path: Path) -> None:
    """Issue 27 item 1: a manifest listing the user's notes and a folder ``figures`` of
    the user's: without --force the run is refused before any work; with --force the
    notes and the user's figure stay (a listed file is owned only with its checksum)."""
    from typer.testing import CliRunner

    from iocluster.cli import app
    from iocluster.io.manifest import owned_files

    out = tmp_path / "report"
    (out / "figures").mkdir(parents=True)
    (out / "notes.txt").write_text("mine\n")
    (out / "figures" / "mine.png").write_bytes(b"mine")
    (out / MANIFEST).write_text("notes.txt\nfigures/mine.png\n" + "0" * 64 + "  notes.txt\n")
    assert owned_files(out) == frozenset()
    before = _tree(out)
    argv = ["analyze", str(ECONOMY), "-o", str(out), "-q"]
    res = CliRunner().invoke(app, argv)
    assert res.exit_code == 1 and "is a folder that is not empty" in res.stderr
    assert _tree(out) == before
    res = CliRunner().invoke(app, [*argv, "--force"])
    assert res.exit_code == 0, res.stderr
    assert (out / "notes.txt").read_text() == "mine\n"
    assert (out / "figures" / "mine.png").read_bytes() == b"mine"
    assert (out / "figures" / "multipliers.png").is_file()
    owned = owned_files(out)
    assert "analysis.xlsx" in owned and "notes.txt" not in owned


def test_output_folder_given_as_a_link_is_followed(tmp_path: Path) -> None:
    """Issue 27 item 12: ``-o LINK`` where LINK is a symbolic link to a folder writes
    into that folder and leaves no ``.LINK.*.part`` behind."""
    import pandas as pd

    from iocluster.reports.export import write_frames

    real = tmp_path / "real"
    real.mkdir()
    (real / "notes.txt").write_text("mine\n")
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    frames = {"a": pd.DataFrame({"v": [1.0]}), "b": pd.DataFrame({"v": [2.0]})}
    write_frames(frames, "csv", link, force=True)
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert sorted(p.name for p in real.iterdir()) == [MANIFEST, "a.csv", "b.csv", "notes.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link", "real"]


def test_two_analyze_runs_at_once_end_with_one_complete_report(tmp_path: Path) -> None:
    """One run draws figures (English), the other does not (Russian): whichever wins,
    the folder holds that run's workbook and that run's figures, never a mix."""
    from openpyxl import load_workbook

    from iocluster.reports.i18n import tr

    out = tmp_path / "report"
    runs = [
        ["analyze", str(ECONOMY), "-o", str(out), "-q", "--force", "--lang", "en"],
        ["analyze", str(ECONOMY), "-o", str(out), "-q", "--force", "--lang", "ru",
         "--no-figures"],
    ]  # fmt: skip
    procs = [
        subprocess.Popen([sys.executable, "-m", "iocluster.cli", *r], cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for r in runs
    ]  # fmt: skip
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    sheets = load_workbook(out / "analysis.xlsx", read_only=True).sheetnames
    figures = (
        sorted(p.name for p in (out / "figures").glob("*")) if (out / "figures").exists() else []
    )
    if tr("summary", "ru")[:31] in sheets:
        assert figures == []
    else:
        assert tr("summary", "en")[:31] in sheets and "multipliers.png" in figures
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]


def test_two_processes_writing_one_file_leave_one_complete_file(tmp_path: Path) -> None:
    out = tmp_path / "m.xlsx"
    argv = ["multipliers", str(ECONOMY), "-f", "xlsx", "-o", str(out), "--force"]
    procs = [
        subprocess.Popen([sys.executable, "-m", "iocluster.cli", *argv], cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]  # fmt: skip
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    from openpyxl import load_workbook

    assert load_workbook(out).sheetnames == ["Multipliers", "About"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.xlsx"]


def test_replace_folder_without_exchange(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the system cannot swap two folders atomically, two renames do it."""
    import iocluster.io.atomic as atomic

    monkeypatch.setattr(atomic, "_exchange", lambda a, b: False)
    target = tmp_path / "out"
    target.mkdir()
    (target / "old.txt").write_text("old")
    new = tmp_path / "new"
    new.mkdir()
    (new / "a.txt").write_text("new")
    replace_folder(new, target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert [p.name for p in target.iterdir()] == ["a.txt"]


def test_atomic_folder_error_leaves_the_target(tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.mkdir()
    (target / "a.txt").write_text("old")
    with pytest.raises(RuntimeError), atomic_folder(target, force=True) as tmp:
        (tmp / "a.txt").write_text("half")
        raise RuntimeError
    assert (target / "a.txt").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    shutil.rmtree(target)


def test_csv_folder_of_frames_is_all_or_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--format csv -o DIR`` with several tables: an error after the first table leaves
    DIR as it was (here: holding the old tables and a user's file)."""
    import pandas as pd

    import iocluster.reports.export as export

    out = tmp_path / "tables"
    frames = {"a": pd.DataFrame({"v": [1.0]}), "b": pd.DataFrame({"v": [2.0]})}
    export.write_frames({"a": frames["a"]}, "csv", out)
    (out / "notes.txt").write_text("mine\n")
    before = _tree(out)
    real, calls = export.csv_escape_frame, []

    def fail_second(df: pd.DataFrame) -> pd.DataFrame:
        calls.append(df)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(df)

    monkeypatch.setattr(export, "csv_escape_frame", fail_second)
    with pytest.raises(KeyboardInterrupt):
        export.write_frames(frames, "csv", out, force=True)
    assert _tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tables"]
    monkeypatch.setattr(export, "csv_escape_frame", real)
    export.write_frames(frames, "csv", out, force=True)
    assert sorted(_tree(out)) == ["a.csv", "b.csv", "notes.txt"]
    assert (out / "notes.txt").read_text() == "mine\n"


def test_analyze_without_force_keeps_an_existing_figure(tmp_path: Path) -> None:
    """No analysis.xlsx yet, but a figure of that name: refused without --force (the
    folder is not empty; the old figure untouched), and with it (iocluster did not write
    that figure)."""
    from typer.testing import CliRunner

    from iocluster.cli import app

    out = tmp_path / "report"
    (out / "figures").mkdir(parents=True)
    (out / "figures" / "multipliers.png").write_bytes(b"mine")
    res = CliRunner().invoke(app, ["analyze", str(ECONOMY), "-o", str(out), "-q"])
    assert res.exit_code == 1 and f"{out} is a folder that is not empty" in res.stderr
    res = CliRunner().invoke(app, ["analyze", str(ECONOMY), "-o", str(out), "-q", "--force"])
    assert res.exit_code == 1 and "multipliers.png is a file iocluster did not" in res.stderr
    assert _tree(out) == {"figures/multipliers.png": b"mine"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]


def test_force_removes_the_earlier_runs_outputs_but_keeps_the_users_files(tmp_path: Path) -> None:
    """Issue 21 item 7: ``--force`` into a report folder leaves no stale output of an
    earlier run (figures of a run with figures, after a run without), while a file the
    user put there, or one no iocluster run listed, stays."""
    from typer.testing import CliRunner

    from iocluster.cli import app

    out = tmp_path / "report"
    run = CliRunner().invoke
    first = run(app, ["analyze", str(ECONOMY), "-o", str(out), "-q", "--lang", "en"])
    assert first.exit_code == 0, first.stderr
    figures = sorted((out / "figures").glob("*.png"))
    assert figures, "the first run drew figures"
    listed = [ln.split("  ", 1)[-1] for ln in (out / MANIFEST).read_text().splitlines()]
    assert "analysis.xlsx" in listed and f"figures/{figures[0].name}" in listed
    (out / "notes.txt").write_text("mine\n")
    (out / "figures" / "my_sketch.png").write_bytes(b"drawn by hand")
    second = run(app, ["analyze", str(ECONOMY), "-o", str(out), "-q", "--force", "--no-figures"])
    assert second.exit_code == 0, second.stderr
    assert (out / "notes.txt").read_text() == "mine\n"
    assert sorted(p.name for p in (out / "figures").iterdir()) == ["my_sketch.png"]
    assert "figures/my_sketch.png" not in (out / MANIFEST).read_text()
