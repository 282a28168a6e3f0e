"""Helpers for the browser quality tests: serve the site under a sub-path, walk every page once."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from axe_playwright_python.base import AXE_FILE_PATH
from playwright.sync_api import Browser, Request, Route

# The rule sets the issue asks for: WCAG 2.0, 2.1 and 2.2, levels A and AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Best-practice rules for problems Material is known to have, checked as well.
# aria-allowed-role: Lighthouse's accessibility score counts it (the menu was once a <label role="button">).
# color-contrast-enhanced: AAA contrast (7:1 for body text), for readers with poor sight (issue 29).
AXE_EXTRA_RULES = ["aria-allowed-role", "aria-dialog-name", "color-contrast-enhanced", "landmark-one-main",
                   "page-has-heading-one", "region"]

# HTML_CodeSniffer, the checker pa11y runs, installed from the npm registry by scripts/test.sh.
HTMLCS_FILE = Path(__file__).resolve().parent.parent / ".cache/npm/node_modules/html_codesniffer/build/HTMLCS.js"

# Reports Content-Security-Policy violations to the test; runs before any script of the page.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", e =>
  window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`));
"""

# Everything one walk learns about a page, in one round trip.
PAGE_FACTS = """
async ({tags, rules}) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags},
    rules: Object.fromEntries(rules.map(r => [r, {enabled: true}])), resultTypes: ["violations"]});
  // HTML_CodeSniffer's WCAG 2 AA errors (type 1; warnings and notices need a person to judge).
  const sniffed = await new Promise(done => HTMLCS.process("WCAG2AA", document, () =>
    done(HTMLCS.getMessages().filter(m => m.type === 1).map(m =>
      `${m.code}: ${(m.element && m.element.outerHTML || "").slice(0, 100)}`))));
  const skip = document.querySelector(".md-skip");
  const target = skip && document.getElementById(decodeURIComponent(skip.hash.slice(1)));
  return {
    violations: result.violations.map(v =>
      `${v.id}: ${v.help} [${v.nodes.map(n => n.target.join(" ")).join(", ")}]`),
    codesniffer: sniffed,
    lang: document.documentElement.lang,
    headings: [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].map(h => Number(h.tagName[1])),
    skipTarget: target ? target.tagName : null,
    csp: window.__cspViolations,
    stylesheets: [...document.styleSheets].filter(s => s.cssRules.length > 0).length,
  };
}
"""


class _PrefixHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder at a URL prefix, and its 404.html for anything missing (as GitHub Pages does)."""

    prefix = "/"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = unquote(urlparse(self.path).path)
        local = Path(self.directory) / path.removeprefix(self.prefix)
        found = path.startswith(self.prefix) and (local.is_file() or (local / "index.html").is_file())
        if not found:
            body = (Path(self.directory) / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        path = urlparse(path).path
        return super().translate_path("/" + path.removeprefix(self.prefix))


@contextmanager
def serve(folder: Path, prefix: str) -> Iterator[str]:
    """Serve `folder` at http://127.0.0.1:PORT{prefix} on loopback; yields that URL."""
    handler_class = type("Handler", (_PrefixHandler,), {"prefix": prefix})
    handler = functools.partial(handler_class, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Walk:
    """What loading every page of the site in Chromium showed."""

    facts: dict[str, dict] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


def page_paths(site: Path) -> list[str]:
    """Every page of the built site as a URL path relative to the site root ('' is the home page)."""
    paths = []
    for html in sorted(site.rglob("*.html")):
        if '<meta http-equiv="refresh"' in html.read_text(encoding="utf-8"):
            continue  # a renamed page's old address only forwards (tests/test_moved_pages.py)
        relative = html.relative_to(site).as_posix()
        if relative == "404.html":
            relative = "no-such-page/"  # readers meet the 404 page at an address that does not exist
        paths.append(relative.removesuffix("index.html"))
    return paths


def walk_site(browser: Browser, base_url: str, paths: list[str]) -> Walk:
    """Load each page once: run axe, note headings, language and skip link, record every request."""
    walk = Walk()
    own = urlparse(base_url).netloc
    def refuse(route: Route, request: Request) -> None:
        walk.foreign.append(request.url)
        route.abort()  # never let a request leave the machine, even in a failing run

    # Two tabs in two contexts (so two renderer processes, one per core) take turns: while axe
    # checks a page in one, the other loads the next page.
    contexts = [browser.new_context(viewport={"width": 1280, "height": 900}) for _ in range(2)]
    tabs = []
    for context in contexts:
        # Every request is recorded; any not for this server is intercepted and refused. The pattern
        # is matched inside Playwright, so the site's own requests don't each make a trip to Python.
        context.on("request", lambda request: walk.requests.append(request.url))
        context.route(re.compile(rf"^(?!{re.escape(f'http://{own}/')})"), refuse)
        context.add_init_script(CSP_LISTENER)
        context.add_init_script(path=AXE_FILE_PATH)
        context.add_init_script(path=HTMLCS_FILE)
        tab = context.new_page()
        tab.on("console", lambda m, tab=tab: walk.console_errors.append(f"{tab.url}: {m.text}") if m.type == "error" else None)
        tabs.append(tab)
    started: dict[int, str] = {}
    for number, path in enumerate([*paths, None, None]):
        tab = tabs[number % 2]
        if number % 2 in started:  # collect what this tab was checking before giving it the next page
            walk.facts[started.pop(number % 2)] = tab.evaluate("() => window.__facts")
        if path is not None:
            tab.goto(base_url + path)
            tab.evaluate(f"args => {{ window.__facts = ({PAGE_FACTS})(args); }}", {"tags": AXE_TAGS, "rules": AXE_EXTRA_RULES})
            started[number % 2] = path
    for tab in tabs:
        tab.wait_for_load_state("networkidle")
    for context in contexts:
        context.close()
    # The 404 page is expected to answer 404; the browser logs that as an error.
    walk.console_errors = [e for e in walk.console_errors if "no-such-page/" not in e]
    return walk
