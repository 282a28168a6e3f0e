"""The real content, built with MkDocs: every page exists, links resolve, sources are complete."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlparse

import yaml

from generator.pipeline import prepare
from generator.render.pages import navigation

from .conftest import ROOT, build_tree


class _Page(HTMLParser):
    """Collects ids, links and resource URLs of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.resources: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        for attribute in ("src", "href"):
            if tag == "link" and values.get("rel") == "canonical":
                continue  # names the page's public address; the browser does not fetch it
            if tag in ("script", "link", "img", "iframe", "source") and values.get(attribute):
                self.resources.append(values[attribute] or "")


def _pages(site: Path) -> dict[str, _Page]:
    parsed = {}
    for html in sorted(site.rglob("*.html")):
        page = _Page()
        page.feed(html.read_text(encoding="utf-8"))
        parsed["/" + html.relative_to(site).as_posix()] = page
    return parsed


def _target(site_pages: dict[str, _Page], path: str) -> str | None:
    for candidate in (path, path.rstrip("/") + "/index.html"):
        if candidate in site_pages:
            return candidate
    return None


def test_every_entity_has_a_page(real_site: Path) -> None:
    """Each cause, test, treatment and red flag in content/ has its own built HTML page."""
    site = real_site / "site"
    missing = []
    for folder, section in (("causes", "causes"), ("tests", "tests"), ("red_flags", "warning-signs")):
        for path in sorted((ROOT / "content" / folder).glob("*.yaml")):
            if not (site / section / path.stem / "index.html").is_file():
                missing.append(f"{section}/{path.stem}")
    for path in sorted((ROOT / "content/treatments").glob("*.yaml")):
        kind = yaml.safe_load(path.read_text())["kind"]
        section = "foot-care" if kind == "foot-care" else "treatments"
        if not (site / section / path.stem / "index.html").is_file():
            missing.append(f"{section}/{path.stem}")
    assert missing == []
    counts = {folder: len(list((ROOT / "content" / folder).glob("*.yaml"))) for folder in ("causes", "tests", "treatments", "red_flags")}
    assert counts == {"causes": 20, "tests": 9, "treatments": 27, "red_flags": 22}


def test_every_page_is_in_the_navigation() -> None:
    """No orphan pages: the navigation lists every generated page."""
    site = prepare(ROOT / "content", ROOT / "site_config")

    def flatten(items: list) -> set[str]:
        out: set[str] = set()
        for item in items:
            if isinstance(item, str):
                out.add(item)
            else:
                for value in item.values():
                    out |= flatten(value) if isinstance(value, list) else {value}
        return out

    assert {page.path for page in site.pages} - flatten(navigation(site)) == set()


def test_internal_links_and_anchors_resolve(real_site: Path) -> None:
    """Every internal link points at a built page, and every #anchor at an id on it."""
    pages = _pages(real_site / "site")
    broken = []
    for name, page in pages.items():
        if name.endswith("/404.html"):
            continue  # served for any missing path, so its links are absolute from site_url
        for href in page.links:
            scheme = urlparse(href).scheme
            if scheme in ("http", "https", "mailto", "tel"):
                continue
            url, fragment = urldefrag(urljoin(name, href))
            if url and not fragment and (real_site / "site" / url.lstrip("/")).is_file():
                continue  # a file such as a handout PDF
            target = _target(pages, url) if url else name
            if target is None or (fragment and fragment not in pages[target].ids):
                broken.append(f"{name} -> {href}")
    assert broken == []


def test_no_resource_from_another_host(real_site: Path) -> None:
    """Pages load scripts, styles, fonts and images only from the site itself."""
    offenders = [
        f"{name}: {url}" for name, page in _pages(real_site / "site").items() for url in page.resources
        if urlparse(url).scheme or url.startswith("//")
    ]
    css = [str(p) for p in (real_site / "site").rglob("*.css") if re.search(r"url\(['\"]?(https?:)?//", p.read_text())]
    assert offenders == [] and css == []


def test_footnotes_and_source_backlinks(real_site: Path) -> None:
    """Every footnote names a registered source; every source lists the pages that cite it."""
    site = real_site / "site"
    sources = (site / "sources/index.html").read_text()
    registry = yaml.safe_load((ROOT / "content/citations.yaml").read_text())["sources"]
    assert len(registry) == 62  # 61 cited in pages, and the ICD-10-CM tabular list behind the codes
    for source in registry:
        assert f'id="source-{source["id"]}"' in sources, source["id"]
    # Each source's citing pages are a list, one page a line (not a run of commas).
    cited_on = re.findall(r'<p class="cited-on">Cited on:</p>\s*<ul>(.*?)</ul>', sources, re.S)
    assert len(cited_on) == 62 and all(re.fullmatch(r'(\s*<li><a href="[^"]+">[^<]+</a></li>)+\s*', block) for block in cited_on)
    stroke = (site / "causes/stroke/index.html").read_text()
    footnotes = re.findall(r'<li id="fn:(\d+)">(.*?)</li>', stroke, re.S)
    assert [n for n, _ in footnotes] == [str(i) for i in range(1, len(footnotes) + 1)]
    assert "American Stroke Association" in footnotes[0][1]
    assert all("sources/#source-" in body for _, body in footnotes)
    # The Sources entry of the stroke source links back to the stroke page.
    stroke_entry = sources.split('id="source-asa-stroke-symptoms"')[1].split('class="source-entry"')[0]
    assert "../causes/stroke/" in stroke_entry


def test_emergency_signs_lead_the_home_page(real_site: Path) -> None:
    """The emergency care card comes right after the summary, before anything else."""
    html = (real_site / "site/index.html").read_text()
    body = html.split('<h1 id=')[1]
    card = body.index("care-card--emergency")
    assert card < body.index("<h2")
    assert body.count("warning-signs/") >= 15
    assert '<a href="tel:911">Call 911</a>' in body


def test_medicine_names_are_spelled_right(real_site: Path) -> None:
    """The article's misspellings are corrected in what readers see."""
    text = " ".join(p.read_text() for p in (real_site / "site").rglob("index.html"))
    for right in ("Guillain-Barré", "pregabalin", "Lyrica", "duloxetine", "Cymbalta", "milnacipran", "Savella"):
        assert right in text, right
    for wrong in ("Guillian", "HCI", "Barrésyndrome", "%2F"):
        assert wrong not in text, wrong


def test_each_medicine_is_its_own_list_item(real_site: Path) -> None:
    """A treatment's medicines are separate bullets on its page, not run together into one."""
    site = prepare(ROOT / "content", ROOT / "site_config")
    checked = 0
    for treatment_id, loaded in site.treatments.items():
        treatment = loaded.model
        if not treatment.medicines:
            continue
        folder = "foot-care" if treatment.kind == "foot-care" else "treatments"
        html = (real_site / "site" / folder / treatment_id / "index.html").read_text()
        section = html.split('id="medicines"')[1].split("</ul>")[0]
        items = re.findall(r"<li>(.*?)</li>", section, re.S)
        expected = [m.name + (f" (brand name {m.brand})" if m.brand else "") for m in treatment.medicines]
        assert [" ".join(item.split()) for item in items] == expected, treatment_id
        checked += 1
    assert checked >= 2


def test_every_cause_page_leads_with_the_emergency_number(real_site: Path) -> None:
    """Every cause page, with emergency signs of its own or not, has the emergency card near its top:
    the number to call, and one way to every emergency sign: its own listed, the others folded in the card
    (no second link to the same list beside the fold)."""
    site = prepare(ROOT / "content", ROOT / "site_config")
    emergency = [f for f in site.red_flags if site.red_flags[f].model.urgency == "emergency"]
    lacking = []
    for cause_id in site.causes:
        body = (real_site / "site/causes" / cause_id / "index.html").read_text().split("<h1 id=")[1]
        card = body.split("care-card--emergency", 1)[1].split("</div>", 1)[0] if "care-card--emergency" in body else ""
        every_sign = all(f'href="../../warning-signs/{flag}/"' in card for flag in emergency)
        if not ('<a href="tel:911">Call 911</a>' in card and every_sign and 'href="../../warning-signs/"' not in card
                and card.index("tel:") > 0
                and body.index("care-card--emergency") < body.index("<h2")):
            lacking.append(cause_id)
    assert lacking == []


def test_a_warning_sign_page_card_does_not_link_to_itself(real_site: Path) -> None:
    """A warning sign's page says what to do "if you have numbness and this sign", without a one-item
    list that links back to the page itself."""
    site = prepare(ROOT / "content", ROOT / "site_config")
    wrong = []
    for flag_id in site.red_flags:
        body = (real_site / "site/warning-signs" / flag_id / "index.html").read_text().split("<h1 id=")[1]
        card = body.split('class="care-card', 1)[1].split("</div>", 1)[0]
        # The emergency card's steps are a list too, but no item links anywhere.
        if "if you have numbness and this sign." not in card or 'href="./"' in card or "<li><a" in card:
            wrong.append(flag_id)
    assert wrong == []


def test_a_warning_sign_page_names_its_sources_on_a_line_of_their_own(real_site: Path) -> None:
    """The sign's sources stand on their own line, not as a '(sources: 1)' tail of the link to all signs."""
    body = (real_site / "site/warning-signs/dizziness/index.html").read_text().split("<h1 id=")[1]
    assert '<h2 id="causes-linked-to-this-sign">Causes linked to this sign</h2>' in body
    line = re.search(r"<p>Sources for this page: (.*?)</p>", body)
    assert line and line.group(1).count('class="footnote-ref"') == 2, "the sign's two sources, numbered"
    assert re.search(r'<p><a href="\.\./">See all warning signs</a></p>', body)
    assert "(sources:" not in body


def test_search_results_separate_side_by_side_footnote_numbers(real_site: Path) -> None:
    """Search results show the index's text with its <sup> numbers but without the pages' styles: two
    sources side by side must read "1,2" there too, not "numbness.12"."""
    index = json.loads((real_site / "site/search/search_index.json").read_text())
    texts = " ".join(doc["text"] for doc in index["docs"])
    assert texts.count("</sup><sup>,") > 20
    assert re.findall(r"</sup><sup>[0-9]", texts) == []


def test_warning_signs_headings_name_the_groups_not_the_cards_words(real_site: Path) -> None:
    """Each group's heading says what the group is; the card under it says what to do (the heading said
    "Call 911 now" right above a card starting "Call 911 now")."""
    body = (real_site / "site/warning-signs/index.html").read_text().split("<h1 id=")[1]
    headings = re.findall(r"<h2 id=\"[^\"]+\">([^<]+)</h2>", body)
    assert headings[:3] == ["Emergency signs", "Signs to contact your provider about today", "Signs to see your provider about soon"]
    assert body.count("<strong>Call 911 now</strong>") == 1


def test_about_page_number_can_be_tapped_and_the_interval_is_in_words(real_site: Path) -> None:
    """The About page's emergency number is a tap-to-call link, and a 365-day review interval reads 'once a year'."""
    body = (real_site / "site/about/index.html").read_text()
    assert 'call <a href="tel:911">911</a> now.' in body
    assert "at least once a year." in body and "365 days" not in body


def test_index_entries_do_not_say_the_name_twice(real_site: Path) -> None:
    """An index entry whose text starts with the page's name links those words ("Lupus is an autoimmune
    disease"), instead of "Lupus: Lupus is an autoimmune disease"."""
    repeated, linked = [], 0
    for index in ("causes", "tests", "treatments", "foot-care"):
        body = (real_site / "site" / index / "index.html").read_text().split("<h1 id=")[1]
        for name, after in re.findall(r'<li><a href="[^"]+">([^<]+)</a>(: [^<]{0,80}| [^<]{0,20})', body):
            repeated += [f"{index}: {name}"] if after.startswith(f": {name} ") else []
            linked += not after.startswith(":")
    assert repeated == []
    assert linked >= 5, "the causes named at the start of their summaries are linked in the sentence"
    # (with "autoimmune" explained in place: its first use on the page links to the glossary)
    assert '<a href="lupus/">Lupus</a> is an <a class="glossary-term" href="../glossary/#autoimmune"' in (
        real_site / "site/causes/index.html"
    ).read_text()


def test_a_cause_page_lists_its_signs_in_the_editors_order(real_site: Path) -> None:
    """A cause's own warning signs keep the order of its red_flags list (stroke puts its one-sided
    numbness first), not an alphabetical one."""
    site = prepare(ROOT / "content", ROOT / "site_config")
    listed = [f for f in site.causes["stroke"].model.red_flags if site.red_flags[f].model.urgency == "emergency"]
    assert listed[0] == "sudden-numbness-or-weakness-on-one-side" and listed != sorted(listed)
    card = (real_site / "site/causes/stroke/index.html").read_text().split("care-card--emergency", 1)[1].split("</ul>")[0]
    assert re.findall(r'href="\.\./\.\./warning-signs/([a-z-]+)/"', card) == listed


def test_the_not_found_page_says_so_and_keeps_the_emergency_line(real_site: Path) -> None:
    """A reader who follows an old link lands on a page titled for what happened, with the emergency
    card every cause page has and links back (from site_url, as the page is served at any address)
    to pages that exist."""
    html = (real_site / "site/404.html").read_text()
    body = html.split('<h1 id="page-not-found">', 1)[1].split("</article>", 1)[0]
    site_url = yaml.safe_load((ROOT / "site_config/site.yaml").read_text())["site_url"]
    links = re.findall(r'href="([^"]+)"', body)
    assert "<title>Page not found - Numb Feet Guide</title>" in html
    assert '<strong>Call 911 now</strong> if you have numbness and any emergency warning sign.' in body
    assert '<a href="tel:911">Call 911</a>' in body
    assert [href for href in links if not href.startswith("tel:")] == [
        f"{site_url}warning-signs/", site_url, f"{site_url}check-your-symptoms/", f"{site_url}warning-signs/"
    ]
    assert [h for h in links if h.startswith(site_url) and not (real_site / "site" / h[len(site_url):] / "index.html").is_file()] == []


def test_the_theme_takes_its_settings_from_site_config(tree: Path, tmp_path: Path) -> None:
    """site.yaml's settings reach the theme's own templates: the 404 page's emergency line uses its
    number, like every other page, and every page its language (the 404 page's words too)."""
    config = tree / "site_config/site.yaml"
    config.write_text(config.read_text().replace("language: en\n", "language: es\n"))
    assert build_tree(tree, tmp_path / "out") == 0
    not_found = (tmp_path / "out/site/404.html").read_text()
    body = not_found.split('<h1 id="page-not-found">', 1)[1]
    assert '<a href="tel:999">Llame al 999</a>' in body and "911" not in body
    assert 'href="https://example.org/test/warning-signs/"' in body
    assert '<html lang="es"' in not_found and '<html lang="es"' in (tmp_path / "out/site/index.html").read_text()
