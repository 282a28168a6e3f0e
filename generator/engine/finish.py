"""The last step of every engine's build: each built page gets its Content-Security-Policy and its mends."""

from __future__ import annotations

from pathlib import Path

from generator.render.csp import has_content_security_policy, with_content_security_policy

# Material's two hidden toggles carry autocomplete="off", which HTML allows only on text-like inputs (Nu
# HTML Checker error); they sit outside every template block, so the finished page is mended here.
_TOGGLES = tuple(
    (f'type="checkbox" id="__{name}" autocomplete="off">', f'type="checkbox" id="__{name}">') for name in ("drawer", "search")
)


def finish_page(page: str) -> str:
    """A built HTML page as it is published: the policy first in its head, the toggles mended."""
    for before, after in _TOGGLES:
        page = page.replace(before, after, 1)
    return with_content_security_policy(page)


def finish_site(site_dir: Path) -> int:
    """Finish every HTML page of a built site in place (for engines that run no hooks); returns the count."""
    count = 0
    for path in sorted(site_dir.rglob("*.html")):
        page = path.read_text(encoding="utf-8")
        if has_content_security_policy(page):  # a moved page's forwarding page carries its own already
            continue
        path.write_text(finish_page(page), encoding="utf-8")
        count += 1
    return count
