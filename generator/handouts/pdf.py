"""Print stage: self-contained HTML -> PDF with Debian's Chromium (Playwright's page.pdf).

Chromium rather than WeasyPrint: Playwright is already used to test the site in this same
browser, Debian's chromium is what the test set-up installs, and Chromium supports the
print CSS the handouts use (@page margin boxes with page counters, columns, flexbox).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

CHROMIUM_ENV = "FOOTGUIDE_CHROMIUM"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
# No sandbox: the generator runs as root in CI, and the pages printed are our own HTML with
# every request refused. The rest keeps Chromium from calling home while it prints.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# The print time Chromium stamps into each PDF: "/CreationDate (D:20260101000000+00'00')".
_PDF_DATE = re.compile(rb"(/(?:CreationDate|ModDate) \(D:)\d{14}[+-]\d\d'\d\d'")


def reproducible(pdf: bytes) -> bytes:
    """With SOURCE_DATE_EPOCH set (reproducible builds), stamp that time instead of the print time.
    The stamp has the same length, so the PDF's byte offsets stay right."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return pdf
    stamp = dt.datetime.fromtimestamp(int(epoch), dt.UTC).strftime("%Y%m%d%H%M%S+00'00'").encode()
    return _PDF_DATE.sub(lambda match: match.group(1) + stamp, pdf)


# Skia, Chromium's PDF writer, leaves page objects uncompressed, so they can be counted as bytes.
_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def page_count(pdf: bytes) -> int:
    """How many pages a PDF printed by Chromium has."""
    return len(_PAGE_OBJECT.findall(pdf))


class PrintError(Exception):
    """Printing could not be done (no browser) or would have fetched something."""


def chromium_path() -> str:
    """The Chromium to print with: $FOOTGUIDE_CHROMIUM, else Debian's."""
    path = os.environ.get(CHROMIUM_ENV) or DEFAULT_CHROMIUM
    if not Path(path).is_file():
        raise PrintError(
            f"printing handouts needs Chromium, which is not at {path}; "
            f"install it with 'apt-get install chromium' or set {CHROMIUM_ENV} to its path"
        )
    return path


# Pages printing at once in the one browser. Chromium waits between steps of a print (laying out,
# writing the PDF, handing it over), so a second page keeps the cores busy: 300 handouts of a large
# library printed in 0.79 of the time with two pages; a third page gained nothing (bench/RESULTS.md).
PRINTERS = 2


async def _print_all(documents: dict[str, str], paper: str) -> dict[str, bytes]:
    from playwright.async_api import Page, Route, async_playwright

    pdfs: dict[str, bytes] = {}
    waiting = iter(documents.items())  # shared by the printers: each document is taken once

    async def printer(page: Page) -> None:
        asked: list[str] = []  # this page's requests: the handout it is printing made them

        async def refuse(route: Route) -> None:
            asked.append(route.request.url)
            await route.abort()

        await page.route("**/*", refuse)
        for name, html in waiting:
            await page.set_content(html, wait_until="load")
            # prefer_css_page_size: the handout's @page sets the paper and margins.
            pdf = await page.pdf(format=paper, print_background=True, prefer_css_page_size=True)
            if asked:
                raise PrintError(f"{name}: the handout asked for {asked[0]}; handouts must not load anything")
            pdfs[name] = reproducible(pdf)

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            context = await browser.new_context(java_script_enabled=False, offline=True)
            pages = [await context.new_page() for _ in range(min(PRINTERS, len(documents)))]
            printing = [asyncio.create_task(printer(page)) for page in pages]
            try:
                await asyncio.gather(*printing)
            except BaseException:  # one failed: stop the others before the browser goes
                for task in printing:
                    task.cancel()
                await asyncio.gather(*printing, return_exceptions=True)
                raise
        finally:
            await browser.close()
    return {name: pdfs[name] for name in documents}  # in the order asked, whichever page printed it


def print_pdfs(documents: dict[str, str], paper: str = "Letter") -> dict[str, bytes]:
    """Print HTML documents (name -> HTML) to PDF bytes in one headless Chromium.

    Runs in its own thread with its own event loop: the caller's thread may already run one
    (pytest-playwright's, or a server's), and a new thread has none.
    """
    if not documents:
        return {}
    from playwright.sync_api import Error as PlaywrightError

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="handout-printer") as pool:
        try:
            return pool.submit(asyncio.run, _print_all(documents, paper)).result()
        except PlaywrightError as exc:  # the browser died or could not start: a message, not a traceback
            raise PrintError(f"Chromium stopped while printing: {str(exc).splitlines()[0]}") from None
