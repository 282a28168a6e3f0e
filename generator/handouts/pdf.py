"""Print stage: self-contained HTML -> PDF with Debian's Chromium (Playwright's page.pdf)."""

from __future__ import annotations

import asyncio
import atexit
import datetime as dt
import os
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.async_api import Browser, Playwright

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


async def _print_in(browser: Browser, documents: dict[str, str], paper: str) -> dict[str, bytes]:
    """Print the documents in a fresh context of an open browser (closed after, so no state carries over)."""
    from playwright.async_api import Page, Route

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

    context = await browser.new_context(java_script_enabled=False, offline=True)
    try:
        pages = [await context.new_page() for _ in range(min(PRINTERS, len(documents)))]
        printing = [asyncio.create_task(printer(page)) for page in pages]
        try:
            await asyncio.gather(*printing)
        except BaseException:  # one failed: stop the others before the context goes
            for task in printing:
                task.cancel()
            await asyncio.gather(*printing, return_exceptions=True)
            raise
    finally:
        await context.close()
    return {name: pdfs[name] for name in documents}  # in the order asked, whichever page printed it


async def _print_once(documents: dict[str, str], paper: str) -> dict[str, bytes]:
    """Start Playwright and a browser, print, and close both."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            return await _print_in(browser, documents, paper)
        finally:
            await browser.close()


class KeptBrowser:
    """One Chromium kept open between prints, for the live preview.

    Starting Playwright's driver and the browser is most of the time an edit's one or two changed
    handouts take to print (0.7-0.9 s of 0.8-1.0 s; printing one in an open browser: 0.03-0.07 s).
    The browser lives in this object's own thread and event loop (see print_pdfs for why a thread);
    one that crashed or broke mid-print (or whose Playwright driver did) is started again at the next
    print."""

    def __init__(self) -> None:
        # Started at the first print, not before: a process with a second thread no longer forks, and
        # the preview's first build reads and renders in forked processes before it prints.
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None
        self.launches = 0  # browsers started so far

    def print(self, documents: dict[str, str], paper: str) -> dict[str, bytes]:
        if self._loop is None or self._thread is None or not self._thread.is_alive():
            # First print, or the thread is gone (its browser with it): a new loop and thread.
            self._playwright = self._browser = None
            self._loop = asyncio.new_event_loop()
            self._thread = threading.Thread(target=self._loop.run_forever, name="handout-printer", daemon=True)
            self._thread.start()
        return asyncio.run_coroutine_threadsafe(self._print(documents, paper), self._loop).result()

    async def _print(self, documents: dict[str, str], paper: str) -> dict[str, bytes]:
        from playwright.async_api import async_playwright

        try:
            if self._browser is None or not self._browser.is_connected():
                if self._playwright is None:
                    self._playwright = await async_playwright().start()
                self._browser = await self._playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
                self.launches += 1
            return await _print_in(self._browser, documents, paper)
        except PrintError:
            raise  # a handout's fault, not the browser's: keep it
        except BaseException:
            # The browser, or Playwright's driver under it, may be broken: the next print starts both.
            await self._stop()
            raise

    async def _stop(self) -> None:
        """Close the browser and Playwright's driver, whatever state they are in."""
        browser, self._browser = self._browser, None
        playwright, self._playwright = self._playwright, None
        # Either may be gone already (crashed, or killed with the terminal's Ctrl-C).
        try:
            if browser is not None:
                await browser.close()
        except Exception:
            pass
        try:
            if playwright is not None:
                await playwright.stop()
        except Exception:
            pass

    def close(self) -> None:
        """Close the browser and end the thread (bounded: shutting down must not hang on a stuck browser)."""
        if self._loop is None or self._thread is None or not self._thread.is_alive():
            return
        try:
            asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(timeout=30)
        except Exception:
            pass
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        if not self._thread.is_alive():
            self._loop.close()


_kept: KeptBrowser | None = None


def keep_browser_open() -> None:
    """From now on print in one browser kept open until close_kept_browser (or the process ends)."""
    global _kept
    if _kept is None:
        _kept = KeptBrowser()
        atexit.register(close_kept_browser)


def close_kept_browser() -> None:
    global _kept
    kept, _kept = _kept, None
    if kept is not None:
        kept.close()


def print_pdfs(documents: dict[str, str], paper: str = "Letter") -> dict[str, bytes]:
    """Print HTML documents (name -> HTML) to PDF bytes in one headless Chromium: the kept one
    (see keep_browser_open), else one started for these documents.

    Runs in its own thread with its own event loop: the caller's thread may already run one
    (pytest-playwright's, or a server's), and a new thread has none.
    """
    if not documents:
        return {}
    from playwright.sync_api import Error as PlaywrightError

    try:
        kept = _kept  # read once: close_kept_browser may run between a check and a call
        if kept is not None:
            return kept.print(documents, paper)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="handout-printer") as pool:
            return pool.submit(asyncio.run, _print_once(documents, paper)).result()
    except PlaywrightError as exc:  # the browser died or could not start: a message, not a traceback
        raise PrintError(f"Chromium stopped while printing: {str(exc).splitlines()[0]}") from None
