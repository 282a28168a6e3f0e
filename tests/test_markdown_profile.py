"""The reduced Markdown processor (generator/render/markdown_profile.py) renders generated pages exactly as the full one.

mkdocs.yml lists `generator.render.markdown_profile` last, which drops the inline patterns and block
processors the templates never use. Each generated page (the real site, the hostile tree of
tests/hostile.py, a small bench site) and each tricky text of tests/test_escape.py in each of its
template positions is converted with and without it; the HTML and the table of contents must match.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import markdown
import pytest
import yaml
from mkdocs.utils.meta import get_data

from bench.synth import write_content
from generator.pipeline import prepare
from generator.render.markdown import escape
from generator.render.pages import render_pages

from .conftest import ROOT
from .hostile import make_tree
from .test_escape import CONTEXTS, TRICKY

PROFILE = "generator.render.markdown_profile"


def _extensions() -> tuple[list[str], dict[str, dict]]:
    """The markdown_extensions of mkdocs.yml: names in order, and their settings."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names: list[str] = []
    settings: dict[str, dict] = {}
    for item in config["markdown_extensions"]:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        names.append(name)
        settings[name] = options or {}
    return names, settings


def _converters() -> tuple[markdown.Markdown, markdown.Markdown]:
    """(full, reduced): Python-Markdown as mkdocs.yml configures it, without and with the profile."""
    names, settings = _extensions()
    full = markdown.Markdown(extensions=[n for n in names if n != PROFILE], extension_configs=settings)
    return full, markdown.Markdown(extensions=names, extension_configs=settings)


def _differences(pages: Iterator[tuple[str, str]]) -> list[str]:
    """Names of the Markdown texts whose HTML or table of contents differ between the two converters."""
    full, reduced = _converters()
    different = []
    for name, text in pages:
        rendered = []
        for converter in (full, reduced):
            converter.reset()
            rendered.append((converter.convert(text), getattr(converter, "toc_tokens", None)))
        if rendered[0] != rendered[1]:
            (a, _), (b, _) = rendered
            at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
            different.append(f"{name}: full {a[at - 40 : at + 60]!r} | reduced {b[at - 40 : at + 60]!r}")
    return different


def _docs_pages(docs: Path) -> Iterator[tuple[str, str]]:
    """Each page of a docs folder, without its front matter, as MkDocs hands it to Python-Markdown."""
    for path in sorted(docs.rglob("*.md")):
        yield str(path.relative_to(docs.parent)), get_data(path.read_text(encoding="utf-8"))[0]


def _rendered(content: Path, site_config: Path) -> Iterator[tuple[str, str]]:
    for path, text in sorted(render_pages(prepare(content, site_config)).items()):
        yield path, get_data(text)[0]


def test_profile_is_listed_last() -> None:
    """The profile comes after every other extension, so the patterns they add are there to be dropped."""
    names, _ = _extensions()
    assert names[-1] == PROFILE


def test_real_site_renders_the_same(real_site: Path) -> None:
    """Every page of the real site converts to the same HTML and contents list with the profile as without."""
    pages = list(_docs_pages(real_site / "docs"))
    assert len(pages) > 50
    assert _differences(iter(pages)) == []


def test_hostile_and_synthetic_sites_render_the_same(tmp_path: Path) -> None:
    """Pages full of Markdown- and HTML-like editor text, and the bench's synthetic pages, convert the same both ways."""
    make_tree(tmp_path / "hostile", hostile=True)
    write_content(tmp_path / "synthetic", 12, seed=5)
    pages = [
        *_rendered(tmp_path / "hostile" / "content", tmp_path / "hostile" / "site_config"),
        *_rendered(tmp_path / "synthetic" / "content", tmp_path / "synthetic" / "site_config"),
    ]
    assert any("__pwned" in text for _, text in pages)
    assert _differences(iter(pages)) == []


def test_tricky_text_renders_the_same_in_every_position() -> None:
    """Each tricky text of tests/test_escape.py, escaped, converts the same both ways wherever templates put it."""
    cases = ((f"{context}: {text!r}", template.format(escape(text))) for context, template in CONTEXTS.items() for text in TRICKY)
    assert _differences(cases) == []


@pytest.mark.parametrize(
    ("text", "full_html", "reduced_html"),
    [
        ("a ![picture](x.png)", '<p>a <img alt="picture" src="x.png" /></p>', "<p>a ![picture](x.png)</p>"),
        ("a <b>bold</b>", "<p>a <b>bold</b></p>", "<p>a &lt;b&gt;bold&lt;/b&gt;</p>"),
        (
            "a <https://example.org>",
            '<p>a <a href="https://example.org">https://example.org</a></p>',
            "<p>a &lt;https://example.org&gt;</p>",
        ),
        ("a `code`", "<p>a <code>code</code></p>", "<p>a `code`</p>"),
        ("    indented", "<pre><code>indented\n</code></pre>", "<p>indented</p>"),
    ],
)
def test_dropped_syntax_is_plain_text(text: str, full_html: str, reduced_html: str) -> None:
    """The comparison above can fail: syntax the templates never write is plain text with the profile.

    Raw inline HTML in particular can never become an element, whatever reaches a paragraph."""
    full, reduced = _converters()
    assert (full.convert(text), reduced.convert(text)) == (full_html, reduced_html)
    assert _differences(iter([("case", text)])) != []


FOOTNOTE_TEXTS = {
    "one note cited in every sentence": "One.[^1] Two.[^1] Three.[^1]\n\n[^1]: The note.",
    "cited out of definition order": "A.[^2] B.[^1] C.[^2] D.[^3]\n\n[^1]: First.\n[^2]: Second.\n[^3]: Third.",
    "a marker with no note": "A.[^1] B.[^9] C.[^1]\n\n[^1]: The note.",
    "a note never cited": "A.[^2]\n\n[^1]: Unused.\n[^2]: Used.",
    "ids that look like duplicates": "A.[^x] B.[^2:x] C.[^x] D.[^2:x]\n\n[^x]: X.\n[^2:x]: Two x.",
    "notes citing in a list": "- one[^a]\n- two[^a][^b]\n\n[^a]: A.\n[^b]: B.",
    "one note cited fifteen times": " ".join(f"S{i}.[^a]" for i in range(15)) + "\n\n[^a]: A.",
    "many notes": " ".join(f"S{i}.[^{i % 40}]" for i in range(300)) + "\n\n" + "\n".join(f"[^{i}]: N{i}." for i in range(40)),
}


@pytest.mark.parametrize(
    "settings", [{}, {"USE_DEFINITION_ORDER": False}, {"UNIQUE_IDS": True}, {"SEPARATOR": "1"}, {"SEPARATOR": "-"}]
)
def test_footnote_references_match_python_markdown(settings: dict) -> None:
    """With the profile, footnote references keep Python-Markdown's own ids, numbers and back-links, in
    every ordering setting, and again after the converter is reset for a new page."""
    full = markdown.Markdown(extensions=["footnotes"], extension_configs={"footnotes": settings})
    reduced = markdown.Markdown(extensions=["footnotes", PROFILE], extension_configs={"footnotes": settings})
    for _round in range(2):  # the second round reuses both converters, as each new page resets them
        for name, text in FOOTNOTE_TEXTS.items():
            full.reset()
            reduced.reset()
            assert reduced.convert(text) == full.convert(text), name
    if "SEPARATOR" not in settings:
        third_reference = re.compile(r'<sup id="fnref3:(\d+-)?1"><a class="footnote-ref" href="#fn:(\d+-)?1">1</a></sup>')
        assert third_reference.search(reduced.reset().convert(FOOTNOTE_TEXTS["one note cited in every sentence"]))


LINK_TEXTS = [
    "[a](b/)",
    "x [a](#fn:1) and [b](../c/#d), [c](https://example.org/a?b=c&d=e).",
    "[](x)",
    "[a [b]](c)",
    '[a](b "a title")',
    "[a](<b c>)",
    "[a](b(c))",
    "[a](b\\_c)",
    "[a]( b )",
    "[a](b c)",
    "[\\[x](y)",
    "[a](b",
    "[a] (b)",
    "**[bold link](b/)** [x](y)[z](w)",
]


def test_links_match_python_markdown() -> None:
    """With the profile, links of every shape give Python-Markdown's own elements."""
    full = markdown.Markdown()
    reduced = markdown.Markdown(extensions=[PROFILE])
    for text in LINK_TEXTS:
        assert reduced.reset().convert(text) == full.reset().convert(text), text
