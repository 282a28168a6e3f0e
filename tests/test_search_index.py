"""The quick reading of pages for the search index gives exactly what Material's own parser gives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from material.plugins.search.plugin import Parser

from generator import search_index
from generator.search_index import _quick_sections, page_sections

from .conftest import build_tree
from .hostile import make_tree

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)


def _material(html: str) -> list[tuple[object, ...]]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return _described(parser.data)


def _described(sections: list) -> list[tuple[object, ...]]:  # type: ignore[type-arg]
    return [(s.el.tag, s.id, s.depth, s.title, s.text, s.is_excluded()) for s in sections]


# Each: HTML that html.parser and Material's rules treat in some particular way.
TRICKY = [
    '<h1 id="t">Title &amp; more</h1>\n<p>Text with &lt;angle&gt; &quot;quotes&quot; &#39;and&#x27; &copy;</p>',
    '<p>Before any heading</p><h2 id="a">Second level first</h2><p>x</p>',
    '<h2>No id: not a section</h2><p>y</p><h3 id="b">Three</h3><p>z</p>',
    '<div><h2 id="nested">In a div</h2><p>inside</p></div><p>after the div</p>',
    "<p>   </p><p>\n</p><ul>\n<li>one</li>\n<li>  </li>\n</ul><ol><li><p>deep</p></li></ol>",
    "<pre><code>line one\n  line two\n\n</code></pre><p>a\nb</p>",
    '<h2 id="p">Heading<a class="headerlink" href="#p" title="Permanent link">&para;</a></h2><p>t</p>',
    '<p>Break<br />here<br>and<hr/>rule <img alt="x" src="y.png"> <input checked></p>',
    '<P CLASS="Up">Upper-case tags</P><H2 ID="Up">Heading</H2>',
    '<p>Foot<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup> <em>em</em> <strong>b</strong></p>',
    "<p>sub<sub>2</sub> sup<sup>3</sup> <code>x &lt; y</code></p><p></p>",
    '<p title="a &gt; b" data-x="">attribute values</p><span a b="">names alone</span>',
    "</p>stray end tag<p>then text</p></div>",
    '<h1 id="x">one</h1><h1 id="y">two</h1><h4 id="z">four</h4>text at the end &amp',
    # Permalinks in capitals, and one whose class is spelt with an entity: their text is still no title.
    '<H2 ID="r">Upper<A CLASS="headerlink" HREF="#r">&para;</A></H2><p>t</p>',
    '<h2 id="q">Spelt<a class="&#104;eaderlink" href="#q">&para;</a></h2><p>t</p>',
    # Left out of the search: a block and all it holds, in any letter case, a heading's section; an
    # inner element of the same tag ends the skip early (Material compares elements by tag); the words
    # in an attribute's value, or on a void tag, skip nothing.
    "<p data-search-exclude>skipped</p><p>kept</p>",
    "<P DATA-SEARCH-EXCLUDE>skipped</P><p>kept</p>",
    '<div class="footnote" data-search-exclude=""><hr /><ol><li id="fn:1"><p>Source.<a href="#r">&#8617;</a></p></li></ol></div>',
    "<div data-search-exclude><div>in</div>out<p>after the inner div</p></div><p>kept</p>",
    '<h2 id="e" data-search-exclude>Hidden</h2><p>under it</p><h2 id="f">Shown</h2><p>kept</p>',
    '<p title="data-search-exclude">kept</p><br data-search-exclude><p>kept too</p>',
]
# Outside the dialect: these go to Material's own parser.
OUTSIDE = [
    "<p>a < b</p>",
    "<!-- a comment --><p>text</p>",
    "<script>var a = '<p>';</script><p>after</p>",
    "<style>p { color: red }</style><p>after</p>",
    "<p class=unquoted>bare value</p>",
    '<div class="linenodiv">1 2</div><p>code</p>',
    "<object>x</object><p>y</p>",
    "</p >space before the bracket",
    "<SCRIPT>var a = '<p>';</SCRIPT><p>after</p>",
    "<Object>x</Object><p>y</p>",
]


@pytest.mark.parametrize("html", TRICKY)
def test_tricky_html_reads_the_same_the_quick_way(html: str) -> None:
    """Entities, void tags, nested headings, white space, pre, permalinks and case: same sections as Material."""
    assert _quick_sections(html) is not None, "this HTML is in the dialect, so the quick reading must take it"
    assert _described(page_sections(html)) == _material(html)


@pytest.mark.parametrize("html", OUTSIDE)
def test_html_outside_the_dialect_goes_to_materials_parser(html: str) -> None:
    """A stray '<', comments, raw-text elements, bare values and skipped blocks are left to html.parser."""
    assert _quick_sections(html) is None
    assert _described(page_sections(html)) == _material(html)


def test_every_page_of_the_real_site_reads_the_same(real_site: Path) -> None:
    """Each built page's article (the HTML the index is made from) gives Material's sections, the quick way."""
    articles = {}
    for page in sorted((real_site / "site").rglob("index.html")):
        if match := ARTICLE.search(page.read_text(encoding="utf-8")):
            articles[page.parent.relative_to(real_site / "site").as_posix()] = match.group(1)
    assert len(articles) >= 70
    slow = [name for name, article in articles.items() if _quick_sections(article) is None]
    assert slow == ["check-your-symptoms"], "only the flow page (its flow is an inline script) is outside the dialect"
    different = [name for name, article in articles.items() if _described(page_sections(article)) != _material(article)]
    assert different == []


def test_the_built_index_is_the_one_material_makes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build of hostile text uses the quick reading, and its search_index.json is byte-identical to Material's."""
    tree = tmp_path / "hostile"
    make_tree(tree, hostile=True)  # markup in every text field: escaped, it must index as text
    read = []
    quick_sections = search_index._quick_sections
    monkeypatch.setattr(search_index, "_quick_sections", lambda html: read.append(1) or quick_sections(html))
    assert build_tree(tree, tmp_path / "quick") == 0
    assert len(read) >= 5, "the build read its pages the quick way"
    monkeypatch.setattr(search_index, "use_quick_index", lambda plugin: None)
    assert build_tree(tree, tmp_path / "material") == 0
    index = "site/search/search_index.json"
    assert (tmp_path / "quick" / index).read_bytes() == (tmp_path / "material" / index).read_bytes()


def test_the_sources_at_the_foot_of_pages_are_not_searched(real_site: Path) -> None:
    """A page's numbered sources are left out of its search entries ("All sources ↩" no longer shows
    in results, and a word only a source's title has no longer finds the page); the Sources page,
    whose list is its own text, still finds every source."""
    import json

    docs = json.loads((real_site / "site/search/search_index.json").read_text(encoding="utf-8"))["docs"]
    assert [d["location"] for d in docs if "↩" in d["text"] or "All sources" in d["text"]] == []
    stroke = (real_site / "site/causes/stroke/index.html").read_text(encoding="utf-8")
    assert '<div class="footnote" data-search-exclude="">' in stroke and "Signs and symptoms of stroke. American Stroke Association." in stroke
    found = {d["location"].split("#")[0] for d in docs if "American Stroke Association" in d["text"]}
    assert found == {"sources/"}


def test_a_cause_page_is_not_found_by_the_signs_folded_into_its_emergency_card(real_site: Path) -> None:
    """Every cause page folds the guide's other emergency signs into its card; only the causes that
    list a sign as their own are found by its words."""
    import json

    docs = json.loads((real_site / "site/search/search_index.json").read_text(encoding="utf-8"))["docs"]
    found = {d["location"].split("#")[0] for d in docs if "new trouble breathing" in d["text"]}
    assert {page for page in found if page.startswith("causes/")} == {
        "causes/guillain-barre-syndrome/", "causes/spinal-cord-injury/"
    }
