"""Time the scenario lab in Debian's Chromium: from starting ``iocluster lab TABLE`` to the
first page drawn, and from pressing run to the results shown, for one final-demand shock
(+10 % exports of SECTORS). For the closing note of issue 32; not a test (a wall-clock
time is never asserted).

    python scripts/lab_timing.py ../shared/data/uzbekistan-2022 C13.1 C14 [--shot out.png]
    python scripts/lab_timing.py INTERREGIONAL C13.1 --region fergana --regions R.csv --shot …
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import time
import urllib.request
from typing import Any

from playwright.sync_api import sync_playwright

ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("table")
    ap.add_argument("sectors", nargs="+")
    ap.add_argument("--region", default="")
    ap.add_argument("--regions", default="")
    ap.add_argument("--shot", default="")
    a = ap.parse_args()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"
    cmd = [sys.executable, "-m", "iocluster.cli", "lab", a.table, "--no-browser", "--port",
           str(port)] + (["--regions", a.regions] if a.regions else [])  # fmt: skip
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1360, "height": 900})
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            first, times = _measure(page, url, start, a)
        finally:
            proc.terminate()
        browser.close()
    print(
        f"first page {first:.2f} s after starting iocluster lab; run → results "
        + ", ".join(f"{t:.3f}" for t in times)
        + " s (three presses)"
    )


def _measure(page: Any, url: str, start: float, a: argparse.Namespace) -> tuple[float, list[float]]:
    """Seconds to the first page, and from each of three presses of run to the results."""
    while True:
        try:
            urllib.request.urlopen(url, timeout=1)
            break
        except OSError:
            time.sleep(0.02)
    page.goto(url)
    page.wait_for_selector("#open_table")
    first = time.perf_counter() - start
    page.select_option("#table_choice", "start")
    page.click("#open_table")
    page.wait_for_selector("#table-overview", timeout=120_000)
    page.click("a[data-value=scenario]")
    page.select_option("#kind", "final_demand")
    page.wait_for_selector("#f_note")
    time.sleep(0.5)
    box = page.locator("#f_sectors-selectized")
    for code in a.sectors:
        box.click()
        box.fill(code)
        opt = f"#f_sectors + .selectize-control .option[data-value='{code}']"
        page.locator(opt).first.click()
    page.keyboard.press("Escape")
    page.locator("#f_category-selectized").click()
    page.locator("#f_category + .selectize-control [data-value='exports']").first.click()
    page.fill("#f_change__value", "10")
    if a.region:
        page.select_option("#f_region", a.region)
    page.click("#add_shock")
    page.wait_for_selector("#shock-list li")
    times = []
    for _ in range(3):
        page.click("a[data-value=scenario]")
        page.evaluate("document.querySelector('#totals-table')?.remove()")
        t0 = time.perf_counter()
        page.click("#run")
        page.wait_for_selector("#totals-table", timeout=120_000)
        times.append(time.perf_counter() - t0)
    page.wait_for_timeout(1500)
    if a.shot:
        page.screenshot(path=a.shot, full_page=True)
    return first, times


if __name__ == "__main__":
    main()
