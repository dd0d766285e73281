"""The scenario lab in a real browser (issue 32): Debian's Chromium driven by Playwright
(the system browser; nothing is downloaded). Open the example, build a two-shock scenario
through the forms, run it, download the TOML file and run it with the command line (the
totals agree to 1e-9), switch to Russian (no English word outside codes), upload a bad
workbook (the command line's located message), and two tabs that never see each other's
table or scenario. Every request the page makes goes to the lab itself.

Outside CI, without Chromium, these skip with one line saying how to enable them.
Screenshots go to ``IOCLUSTER_LAB_SHOTS`` (``docs/img/lab`` for the README) or a
temporary folder.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
#: Chromium on a closed network (see the machine notes): no background connections.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOW = (
    "browser tests of the lab need Debian's chromium (apt-get install chromium) and "
    "pip install 'iocluster[lab]' playwright; .ci/run installs both"
)

if not CHROMIUM.exists() or any(
    __import__("importlib").util.find_spec(m) is None for m in ("playwright", "shiny", "plotly")
):
    if os.environ.get("CI"):
        raise RuntimeError(HOW)  # CI must run them
    pytest.skip(HOW, allow_module_level=True)

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402

expect.set_options(timeout=30_000)  # CI's 2 cores are shared: pages may take seconds

from iocluster.core.messages import LANGS  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
#: Names that stay as they are in every language: the program, file formats, products.
NAMES = {"iocluster", "xlsx", "csv", "npz", "TOML", "CSV", "JSON", "Excel"}
EXAMPLE = ROOT / "data" / "example_economy.xlsx"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def lab_url() -> Iterator[str]:
    yield from _serve({})


#: the upload budget of :func:`small_lab_url`: the Miller–Blair workbook (10 KB) fits,
#: the example economy (19.5 KB) does not
SMALL_UPLOAD = 15_000


@pytest.fixture(scope="module")
def small_lab_url() -> Iterator[str]:
    yield from _serve({"IOCLUSTER_MAX_UPLOAD_BYTES": str(SMALL_UPLOAD)})


def _serve(env: dict[str, str]) -> Iterator[str]:
    """A lab on a free port with ``env`` added to the environment, until the tests end."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "iocluster.cli", "lab", "--no-browser", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, **env},
    )
    url = f"http://127.0.0.1:{port}/"
    for _ in range(300):
        try:
            urllib.request.urlopen(url, timeout=1)
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"the lab stopped: {proc.stdout.read() if proc.stdout else ''}")
            time.sleep(0.1)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = Path(os.environ.get("IOCLUSTER_LAB_SHOTS") or tmp_path_factory.mktemp("shots"))
    d.mkdir(parents=True, exist_ok=True)
    return d


def new_page(browser: Any, url: str, hosts: set[str]) -> Page:
    page = browser.new_page(viewport={"width": 1360, "height": 900}, accept_downloads=True)
    page.on("request", lambda r: hosts.add(r.url.split("/")[2]))
    page.goto(url)
    page.wait_for_selector("#open_table")
    return page


def switch_language(page: Page, lang: str) -> None:
    """Choose ``lang`` and wait until the page is drawn in it (chosen again if the first
    choice fell on a page being drawn: on a loaded machine the first drawing can still
    replace the switch)."""
    from iocluster.reports.i18n import tr

    button = page.locator("#open_table")
    for _ in range(3):
        page.select_option("#lang", lang)
        try:
            expect(button).to_have_text(tr("lab_open", lang), timeout=10_000)
            return
        except AssertionError:
            continue
    expect(button).to_have_text(tr("lab_open", lang))


def open_example(page: Page) -> None:
    page.click("#open_table")
    page.wait_for_selector("#table-overview")


def pick(page: Page, input_id: str, values: list[str]) -> None:
    """Choose ``values`` in a selectize widget by typing them."""
    box = page.locator(f"#{input_id}-selectized")
    for v in values:
        box.click()
        box.fill(v)
        page.locator(f"#{input_id} + .selectize-control .option[data-value='{v}']").first.click()
    page.keyboard.press("Escape")


def add_shock(page: Page, kind: str, fill: dict[str, Any]) -> None:
    page.select_option("#kind", kind)
    page.wait_for_function(f"document.querySelector('#kind').value === '{kind}'")
    page.wait_for_selector("#f_note")  # the form of the kind is drawn
    time.sleep(0.3)
    for key, value in fill.items():
        if isinstance(value, list):
            pick(page, f"f_{key}", value)
        elif isinstance(value, float | int):
            page.fill(f"#f_{key}__value", str(value))
        elif key == "category":
            pick(page, f"f_{key}", [value])
        else:
            page.select_option(f"#f_{key}", value)
    n = page.locator("#shock-list li").count()
    page.click("#add_shock")
    expect(page.locator("#shock-list li")).to_have_count(n + 1)


def download(page: Page, button: str, to: Path) -> Path:
    with page.expect_download() as info:
        page.click(f"#{button}")
    info.value.save_as(to)
    return to


def english_words(page: Page, codes: set[str]) -> list[str]:
    """Latin words on the page outside code elements, the language switch and the
    codes (sector codes, cluster and scenario names)."""
    text = page.evaluate("""() => {
        const hide = document.querySelectorAll(
            'code, pre, #lang, select, .selectize-input .item, .modebar');
        const was = [...hide].map(e => e.style.display);
        hide.forEach(e => e.style.display = 'none');
        const out = document.body.innerText;
        hide.forEach((e, i) => e.style.display = was[i]);
        return out; }""")
    words = re.findall(r"[A-Za-z][A-Za-z_]+", text)
    roman = re.compile(r"[IVX]+$")  # "тип II"
    return sorted({w for w in words if w not in codes and not roman.match(w)})


def test_build_run_take_away_and_read_in_russian(
    browser: Any, lab_url: str, shots: Path, tmp_path: Path
) -> None:
    hosts: set[str] = set()
    page = new_page(browser, lab_url, hosts)
    open_example(page)
    page.screenshot(path=str(shots / "table.png"), full_page=True)
    page.click("a[data-value=explore]")
    page.wait_for_selector("#quadrant .js-plotly-plot")
    page.wait_for_selector("#mult_chart .js-plotly-plot")  # the largest multipliers
    expect(page.locator("#mult_chart")).to_contain_text("FOOD")  # the largest, 1.94
    page.screenshot(path=str(shots / "explore.png"), full_page=True)

    page.click("a[data-value=scenario]")
    add_shock(
        page, "final_demand", {"sectors": ["TEX", "APPAREL"], "category": "exports", "change": 10}
    )
    add_shock(
        page,
        "coefficients",
        {"rows": ["TRANSPORT", "FIN", "IT"], "cols": ["TEX"], "value": 20, "balance": "imports"},
    )
    page.fill("#scen_name", "two_shocks")
    page.screenshot(path=str(shots / "scenario.png"), full_page=True)
    page.click("#run")
    page.wait_for_selector("#totals-table")
    page.wait_for_selector("#sector-chart .js-plotly-plot")
    page.screenshot(path=str(shots / "results.png"), full_page=True)

    toml = download(page, "dl_toml", tmp_path / "two_shocks.toml")
    lab_json = download(page, "dl_json", tmp_path / "lab.json")
    xlsx = download(page, "dl_xlsx", tmp_path / "report.xlsx")
    command = page.inner_text("#lab-command")
    assert command == f"iocluster shock {EXAMPLE} two_shocks.toml"
    cli = subprocess.run(
        [
            sys.executable,
            "-m",
            "iocluster.cli",
            "shock",
            str(EXAMPLE),
            str(toml),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    ours, theirs = json.loads(lab_json.read_text())["totals"], json.loads(cli.stdout)["totals"]
    assert ours["index"] == theirs["index"] and ours["columns"] == theirs["columns"]
    for a, b in zip(ours["data"], theirs["data"], strict=True):
        for x, y in zip(a, b, strict=True):
            assert abs(x - y) <= 1e-9 * max(1.0, abs(y)), (a, b)
    from openpyxl import load_workbook

    assert "Summary" in load_workbook(xlsx, read_only=True).sheetnames

    offered = page.eval_on_selector_all("#lang option", "os => os.map(o => o.value)")
    assert offered == list(LANGS)  # the reports' languages, Uzbek Cyrillic included
    page.select_option("#lang", "ru")
    page.wait_for_function("document.querySelector('h1').innerText.includes('Лаборатория')")
    page.click("a[data-value=results]")
    page.wait_for_selector("#totals-table")
    page.wait_for_selector("#sector-chart .js-plotly-plot")
    time.sleep(0.5)
    page.screenshot(path=str(shots / "results_ru.png"), full_page=True)
    from iocluster.datasets import example_economy

    t = example_economy()
    codes = {*t.codes, *t.tags["cluster"], "two_shocks", *NAMES}
    for tab in ("table", "explore", "scenario", "results"):
        page.click(f"a[data-value={tab}]")
        time.sleep(0.4)
        assert english_words(page, codes) == [], (tab, english_words(page, codes))
    page.select_option("#lang", "uz-Cyrl")  # Uzbek in Cyrillic: no Latin word either
    page.wait_for_function("document.querySelector('h1').innerText.includes('лабораторияси')")
    for tab in ("table", "explore", "scenario", "results"):
        page.click(f"a[data-value={tab}]")
        time.sleep(0.4)
        assert english_words(page, codes) == [], (tab, english_words(page, codes))
    page.screenshot(path=str(shots / "results_uz_cyrl.png"), full_page=True)
    assert hosts == {lab_url.split("/")[2]}, hosts  # nothing fetched from elsewhere


def test_a_bad_workbook_shows_the_located_message_of_the_command_line(
    browser: Any, lab_url: str, shots: Path, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    bad = tmp_path / "bad_table.xlsx"
    wb = load_workbook(EXAMPLE)
    wb["intermediate_use"]["C4"] = "twelve"
    wb.save(bad)
    cli = subprocess.run(
        [sys.executable, "-m", "iocluster.cli", "multipliers", str(bad)],
        capture_output=True,
        text=True,
    )
    assert cli.returncode == 1
    said = cli.stderr.strip().removeprefix("error: ")
    page = new_page(browser, lab_url, set())
    page.set_input_files("#upload", str(bad))
    problem = page.locator("#lab-problem")
    expect(problem).to_be_visible(timeout=30_000)  # an upload is read and checked first
    assert said in problem.inner_text()
    assert "bad_table.xlsx" in said and "C4" in said
    assert "Traceback" not in page.inner_text("body")
    page.screenshot(path=str(shots / "error.png"), full_page=True)
    ru = subprocess.run(
        [sys.executable, "-m", "iocluster.cli", "multipliers", str(bad), "--lang", "ru"],
        capture_output=True,
        text=True,
    )
    page.select_option("#lang", "ru")  # the same error, now as `--lang ru` writes it
    expect(page.locator("#lab-problem")).to_contain_text(
        ru.stderr.strip().split(" ", 1)[1], timeout=30_000
    )


def test_two_tabs_never_see_each_other(browser: Any, lab_url: str, tmp_path: Path) -> None:
    """A table opened and a shock added in one tab are not in another tab's session."""
    a = new_page(browser, lab_url, set())
    b = new_page(browser, lab_url, set())
    open_example(a)
    a.click("a[data-value=scenario]")
    add_shock(a, "final_demand", {"sectors": ["TEX"], "category": "exports", "change": 5})
    b.click("a[data-value=scenario]")
    expect(b.locator("#shock-list li")).to_have_count(0)
    b.click("a[data-value=table]")
    expect(b.locator("#table-overview")).to_have_count(0)
    expect(a.locator("#shock-list li")).to_have_count(1)


def test_a_file_above_the_upload_budget_is_refused_in_the_language_before_it_is_sent(
    browser: Any, small_lab_url: str, shots: Path
) -> None:
    """A file larger than ``IOCLUSTER_MAX_UPLOAD_BYTES`` is refused by the page itself:
    nothing is sent, and the message names the file, its size and the limit in the
    page's language (it was a bare red bar: the server's 413 went into Shiny's hidden
    progress text); a file within the budget then opens as before."""
    from iocluster.reports.i18n import tr

    requests: list[str] = []
    page = new_page(browser, small_lab_url, set())
    page.on("request", lambda r: requests.append(r.url))
    switch_language(page, "ru")
    page.set_input_files("#upload", str(EXAMPLE))
    said = page.locator("#upload").locator("xpath=ancestor::*[@data-upload-limit]")
    problem = said.locator(".lab-upload-problem")
    expect(problem).to_be_visible()
    text = problem.inner_text()
    start = tr("lab_upload_too_large", "ru").split("{size}")[0].replace("{name}", EXAMPLE.name)
    assert text.startswith(start), text
    assert "0,0195 МБ" in text and "(0,015 МБ)" in text, text  # sizes in Russian numbers
    own = {"IOCLUSTER_MAX_UPLOAD_BYTES", "example_economy"}  # the file name, the variable
    assert english_words(page, NAMES | own) == []
    assert not any("/upload/" in u for u in requests), requests  # refused before sending
    page.screenshot(path=str(shots / "upload_too_large.png"), full_page=True)
    page.set_input_files("#upload", str(ROOT / "data" / "miller_blair_2_3.xlsx"))
    expect(page.locator("#table-overview")).to_be_visible()
    expect(problem).to_be_hidden()  # the message goes with the next file
