"""Findability of the built site: JSON-LD, meta descriptions, Open Graph, sitemap, well-formed external URLs."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import yaml

from generator.render.structured_data import script_safe_json

from .conftest import ROOT, build_tree

SITE_CONFIG = yaml.safe_load((ROOT / "site_config/site.yaml").read_text(encoding="utf-8"))
ABOUT = {"causes": "MedicalCondition", "warning-signs": "MedicalSignOrSymptom", "tests": "MedicalTest",
         "treatments": "MedicalTherapy", "foot-care": "MedicalTherapy"}
CONTENT_FOLDER = {"causes": "causes", "warning-signs": "red_flags", "tests": "tests", "treatments": "treatments",
                  "foot-care": "treatments"}


class _Head(HTMLParser):
    """Meta tags, JSON-LD blocks, footnotes and external links of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.json_ld: list[str] = []
        self.footnotes = 0
        self.external: list[str] = []
        self._in_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "meta":
            key = values.get("name") or values.get("property") or values.get("http-equiv")
            if key:
                self.meta[key] = values.get("content", "")
        if tag == "script" and values.get("type") == "application/ld+json":
            self._in_ld = True
            self.json_ld.append("")
        if tag == "li" and re.fullmatch(r"fn:\d+", values.get("id", "")):
            self.footnotes += 1
        href = values.get("href", "") if tag in ("a", "link") else ""
        if urlparse(href).scheme in ("http", "https") and values.get("rel") != "canonical":
            self.external.append(href)

    def handle_endtag(self, tag: str) -> None:
        self._in_ld = False if tag == "script" else self._in_ld

    def handle_data(self, data: str) -> None:
        if self._in_ld:
            self.json_ld[-1] += data


def _pages(site: Path) -> dict[str, _Head]:
    """The pages of one edition: site/ without its editions' folders (es/), or an edition's folder."""
    parsed = {}
    editions = set(SITE_CONFIG.get("locales", {}))
    for page in sorted(site.rglob("index.html")):
        if page.relative_to(site).parts[0] in editions:
            continue  # another edition: checked by itself (test_the_spanish_edition_is_as_findable)
        text = page.read_text(encoding="utf-8")
        if '<meta http-equiv="refresh"' in text:
            continue  # a renamed page's old address (tests/test_moved_pages.py checks those)
        head = _Head()
        head.feed(text)
        parsed[page.parent.relative_to(site).as_posix().replace(".", "")] = head
    return parsed


def test_every_page_has_medical_web_page_json_ld(real_site: Path) -> None:
    """Each page's JSON-LD parses to a MedicalWebPage about the right kind of thing, reviewed, with its sources."""
    problems = []
    registry = len(yaml.safe_load((ROOT / "content/citations.yaml").read_text())["sources"])
    for path, page in _pages(real_site / "site").items():
        if len(page.json_ld) != 1:
            problems.append(f"{path}: {len(page.json_ld)} JSON-LD blocks")
            continue
        data = json.loads(page.json_ld[0])
        section, _, slug = path.partition("/")
        expected_about = ABOUT.get(section) if slug else "MedicalSignOrSymptom"
        checks = {
            "@context": data.get("@context") == "https://schema.org",
            "@type": data.get("@type") == "MedicalWebPage",
            "about": data.get("about", {}).get("@type") == expected_about and bool(data["about"].get("name")),
            "url": data.get("url") == SITE_CONFIG["site_url"] + (f"{path}/" if path else ""),
            # No clinician has approved a page yet: none may name a reviewer (tests/test_sign_off.py shows one that does).
            "no reviewer": "reviewedBy" not in data and "lastReviewed" not in data,
            "description": data.get("description") == html.unescape(page.meta.get("description", "")),
            "citation": len(data.get("citation", [])) == (registry if path == "sources" else page.footnotes)
                        and all(c.get("name") for c in data.get("citation", [])),
        }
        if slug:  # an entity page: review facts come from its own YAML file
            entity = yaml.safe_load((ROOT / "content" / CONTENT_FOLDER[section] / f"{slug}.yaml").read_text())
            checks["dateModified"] = data["dateModified"] == entity["changes"][0]["date"].isoformat()
            checks["about"] = checks["about"] and data["about"]["name"] == html.unescape(page.meta["og:title"])
        problems += [f"{path}: {name}" for name, ok in checks.items() if not ok]
    assert problems == []


def test_stroke_json_ld_in_detail(real_site: Path) -> None:
    """The stroke page says what schema.org readers need: condition, other names, review, numbered sources."""
    data = json.loads(_pages(real_site / "site")["causes/stroke"].json_ld[0])
    assert data["about"] == {"@type": "MedicalCondition", "name": "Stroke",
                             "alternateName": ["brain attack", "CVA (cerebrovascular accident)"]}
    assert data["dateModified"] == "2026-12-03" and "lastReviewed" not in data and data["inLanguage"] == "en"
    assert data["citation"][0]["publisher"] == {"@type": "Organization", "name": "American Stroke Association"}
    medicines = json.loads(_pages(real_site / "site")["treatments/diabetic-nerve-pain-medicines"].json_ld[0])["about"]
    assert medicines["@type"] == "MedicalTherapy" and {"@type": "Drug", "name": "pregabalin"} in medicines["drug"]


def test_json_ld_cannot_be_broken_out_of(tree: Path, tmp_path: Path) -> None:
    """Content with </script>, <!-- and & stays inside the JSON-LD, and parses back to the very text."""
    hostile = "Feet </script><script>alert(1)</script> <!-- & more"
    citations = tree / "content/citations.yaml"
    citations.write_text(citations.read_text().replace("title: A study of feet", f"title: '{hostile}'"))
    assert build_tree(tree, tmp_path) == 0
    page = (tmp_path / "site/causes/toe-trouble/index.html").read_text()
    block = page.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert "<" not in block and ">" not in block and "&" not in block
    names = [c["name"] for c in json.loads(block)["citation"]]
    assert hostile in names
    assert "<script>alert(1)" not in page
    assert script_safe_json({"a": "<&>"}) == '{"a":"\\u003c\\u0026\\u003e"}'


def test_meta_descriptions_are_written_for_each_page(real_site: Path) -> None:
    """Every page has its own description: unique, one to two sentences, short enough for search results."""
    descriptions = {path: html.unescape(page.meta.get("description", "")) for path, page in _pages(real_site / "site").items()}
    bad = {p: d for p, d in descriptions.items() if not (40 <= len(d) <= 160 and d[0].isupper() and d[-1] in ".…?")}
    assert bad == {}
    assert len(set(descriptions.values())) == len(descriptions)
    assert descriptions["causes/stroke"].startswith("Stroke and numb feet: ")
    assert descriptions["warning-signs/trouble-speaking"].startswith(
        "You suddenly have trouble speaking, finding words or understanding others? Call 911 now. "
    )


def test_open_graph_title_and_description(real_site: Path) -> None:
    """Each page has Open Graph title, description and address matching its own meta tags."""
    problems = []
    for path, page in _pages(real_site / "site").items():
        meta = page.meta
        if not (meta.get("og:title") and meta.get("og:description") == meta.get("description")
                and meta.get("og:url") == SITE_CONFIG["site_url"] + (f"{path}/" if path else "")
                and meta.get("og:site_name") == SITE_CONFIG["site_name"]):
            problems.append(path)
    assert problems == []


def test_sitemap_lists_every_page_at_its_public_address(real_site: Path) -> None:
    """sitemap.xml names each page once, under site_url from site_config, and nothing else."""
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(real_site / "site/sitemap.xml").getroot()
    listed = [loc.text for loc in root.findall("s:url/s:loc", namespace)]
    expected = {SITE_CONFIG["site_url"] + (f"{p}/" if p else "") for p in _pages(real_site / "site")}
    assert sorted(listed) == sorted(expected)
    for lastmod in root.findall("s:url/s:lastmod", namespace):
        dt.date.fromisoformat(lastmod.text or "")


def test_the_spanish_edition_is_as_findable(real_site: Path) -> None:
    """Each Spanish page: JSON-LD in Spanish at its own address, its own description and Open Graph tags,
    listed in the Spanish sitemap, with the same pages as the English edition."""
    english, spanish = _pages(real_site / "site"), _pages(real_site / "site/es")
    assert sorted(spanish) == sorted(english)
    base = SITE_CONFIG["site_url"] + "es/"
    name = SITE_CONFIG["locales"]["es"]["site_name"]
    problems = []
    for path, page in spanish.items():
        data = json.loads(page.json_ld[0])
        address = base + (f"{path}/" if path else "")
        description = html.unescape(page.meta.get("description", ""))
        checks = {
            "json-ld": data["@type"] == "MedicalWebPage" and data["url"] == address and data["inLanguage"] == "es",
            "description": 40 <= len(description) <= 160 and description.lstrip("¿¡")[0].isupper()
                           and description != html.unescape(english[path].meta.get("description", "")),
            "open graph": page.meta.get("og:url") == address and page.meta.get("og:site_name") == name
                          and page.meta.get("og:description") == page.meta.get("description"),
        }
        problems += [f"es/{path}: {check}" for check, ok in checks.items() if not ok]
    assert problems == []
    descriptions = [page.meta.get("description") for page in spanish.values()]
    assert len(set(descriptions)) == len(descriptions)
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = [loc.text for loc in ET.parse(real_site / "site/es/sitemap.xml").getroot().findall("s:url/s:loc", namespace)]
    assert sorted(listed) == sorted(base + (f"{p}/" if p else "") for p in spanish)


def test_external_urls_are_well_formed(real_site: Path) -> None:
    """Every link to another site (sources, DOIs) is an absolute https URL with a real host, checked offline."""
    bad = set()
    count = 0
    for path, page in _pages(real_site / "site").items():
        urls = page.external + [c["url"] for c in json.loads(page.json_ld[0]).get("citation", []) if "url" in c]
        for url in urls:
            count += 1
            parts = urlparse(url)
            host_ok = re.fullmatch(r"([a-z0-9-]+\.)+[a-z]{2,}", parts.hostname or "") is not None
            doi_ok = parts.hostname != "doi.org" or re.fullmatch(r"/10\.\d{4,9}/\S+", parts.path) is not None
            if parts.scheme != "https" or not host_ok or not doi_ok or re.search(r"[\s<>\"']", url) or parts.port:
                bad.add(f"{path}: {url}")
    assert bad == set()
    assert count > 50  # the check saw the source links
