"""Render by dependency: a page made from a content file is reused only while nothing it reads has changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.content.check import CheckedTexts
from generator.content.errors import ContentErrors
from generator.content.localize import edition_site
from generator.exports.files import export_files
from generator.handouts.make import unfinished_handouts
from generator.pipeline import prepare
from generator.render.page_cache import PageCache
from generator.render.pages import render_pages

from .test_errors import edit

CAUSE = "content/causes/toe-trouble.yaml"
ROOT = Path(__file__).resolve().parent.parent
ENTITY_PAGES = 6  # the minimal tree: a cause, two warning signs, a test and two treatments


def _site(tree: Path):  # type: ignore[no-untyped-def]
    return prepare(tree / "content", tree / "site_config")


EVERY_PAGE = {"every page"}
# The site-wide exports: the API index, the Questionnaire, the code lookup (the same while no title, address,
# flow or code changes), and feed.json and feed.xml (while no page's title, address or last change does).
SITE_WIDE = 5
ABOUT = "about.md"  # counts the pages whose approval still matches them: rendered after any edit
# The minimal tree's built-in pages: each prints every page's title, so each is rendered after any rename.
BUILT_IN = {
    "index.md", "check-your-symptoms.md", "warning-signs/index.md", "causes/index.md", "tests/index.md",
    "treatments/index.md", "foot-care/index.md", "sources.md", ABOUT, "accessibility.md",
}


@pytest.mark.parametrize(
    ("relative", "old", "new", "rendered"),
    [
        (CAUSE, "Toe trouble harms toe nerves.", "Toe trouble hurts the nerves of the toes.",
         {"causes/toe-trouble.md", "causes/index.md", ABOUT}),
        ("content/tests/blood-tests.yaml", "what_it_can_show: ", "what_it_can_show: Often ",
         {"tests/blood-tests.md", "tests/index.md", ABOUT}),
        ("content/treatments/socks.yaml", "summary: ", "summary: Soft ",
         {"foot-care/socks.md", "treatments/index.md", "foot-care/index.md", ABOUT}),
        ("content/topic.yaml", "summary: ", "summary: Read this. ", {"index.md", ABOUT}),
        # A title: its page, the pages that print it (the one cause that links it) and the built-in pages.
        ("content/red_flags/rash.yaml", "sign: ", "sign: A new ", BUILT_IN | {"warning-signs/rash.md", "causes/toe-trouble.md"}),
        ("content/citations.yaml", "title: A study of feet", "title: A study of many feet", EVERY_PAGE),  # a source
    ],
    ids=["a cause's summary", "a test's text", "a treatment's summary", "the topic", "a warning sign's title", "a source"],
)
def test_cached_pages_are_the_pages_a_fresh_render_makes(
    tree: Path, relative: str, old: str, new: str, rendered: set[str]
) -> None:
    """After each kind of edit, the cached render equals a render from nothing, byte for byte, and renders again
    exactly the pages whose inputs changed (a built-in page lists only its `reads`); the API files likewise."""
    pages, exports = PageCache(), PageCache()
    render_pages(_site(tree), 1, pages)
    export_files(_site(tree), exports)
    assert pages.reused == 0
    made_before = dict(pages.made)
    edit(tree, relative, old, new)
    site = _site(tree)
    cached = render_pages(site, 1, pages)
    assert cached == render_pages(site, 1)
    again = {path for path in cached if path not in pages.made or pages.made[path] is not made_before.get(path)}
    assert again == (set(cached) if rendered == EVERY_PAGE else rendered)
    assert export_files(site, exports) == export_files(site)
    # A content file's page has an API file (the home page's is the topic's); index pages have none. The
    # site-wide exports print every title: made again after a rename.
    own = [path for path in rendered if path == "index.md" or (path.count("/") == 1 and not path.endswith("/index.md"))]
    site_wide = 0 if BUILT_IN <= rendered else SITE_WIDE
    assert exports.reused == (ENTITY_PAGES + 1 - len(own) + site_wide if rendered != EVERY_PAGE else 0)


@pytest.mark.parametrize(
    ("relative", "old", "new"),
    [
        ("content/causes/diabetic-neuropathy.yaml", "summary: >-\n", "summary: >-\n  Newly edited.\n"),
        ("content/treatments/wear-socks.yaml", "summary: ", "summary: Newly edited. "),
        ("content/topic.yaml", "summary: >-\n", "summary: >-\n  Newly edited.\n"),
        ("content/glossary.yaml", "definition: >-\n      ", "definition: >-\n      Newly edited. "),
        ("content/causes/diabetic-neuropathy.yaml", "  - code: E11.40\n    title: Type 2 diabetes mellitus with diabetic neuropathy, unspecified\n", ""),
        # Renames: each kind's title, printed on the pages that link it.
        ("content/causes/diabetic-neuropathy.yaml", "name: Diabetic", "name: Newly edited. Diabetic"),
        ("content/red_flags/confusion.yaml", 'sign: "You', 'sign: "Newly edited. You'),
        ("content/tests/blood-tests.yaml", "name: Blood", "name: Newly edited. Blood"),
        ("content/treatments/wear-socks.yaml", "name: ", "name: Newly edited. "),
        # Listed on many causes' pages and handouts: now first of its kind, so each list's order changes.
        ("content/treatments/physical-therapy.yaml", "name: ", "name: Aa Newly edited. "),
        # The Spanish edition's own text and titles.
        ("content/es/causes/diabetic-neuropathy.yaml", "summary: >-\n", "summary: >-\n  Newly edited.\n"),
        ("content/es/tests/blood-tests.yaml", "name: ", "name: Newly edited. "),
    ],
    ids=[
        "a cause", "a foot-care habit", "the topic", "the glossary", "a cause's codes",
        "a cause's name", "a warning sign", "a test's name", "a foot-care habit's name", "a title that sorts first",
        "a cause in Spanish", "a test's name in Spanish",
    ],
)
def test_the_real_guide_cached_equals_fresh(tmp_path: Path, relative: str, old: str, new: str) -> None:
    """The same on the real content (glossary, approvals, hazard log, translations): after an edit, the
    cached render of every page (of both editions), API file and handout is the fresh one."""
    for folder in ("content", "site_config"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    cache, exports, handouts, spanish = PageCache(), PageCache(), PageCache(), PageCache()
    render_pages(_site(tmp_path), 1, cache)
    export_files(_site(tmp_path), exports)
    unfinished_handouts(_site(tmp_path), handouts)
    render_pages(edition_site(_site(tmp_path), "es"), 1, spanish)
    edit(tmp_path, relative, old, new)
    site = _site(tmp_path)
    cached = render_pages(site, 1, cache)
    assert cached == render_pages(site, 1)
    exported = export_files(site, exports)
    assert exported == export_files(site)
    assert unfinished_handouts(site, handouts) == unfinished_handouts(site, None)
    edition = edition_site(site, "es")
    cached_spanish = render_pages(edition, 1, spanish)
    assert cached_spanish == render_pages(edition, 1)
    assert 0 < spanish.reused < len(cached_spanish)  # the edition's cache is used, and not for every page
    if "Newly edited." in new:
        assert any("Newly edited." in text for text in [*cached.values(), *cached_spanish.values()])
    else:  # the code taken out
        assert "E11.40" not in exported["api/codes.json"] and "E11.40" in export_files(_site(ROOT))["api/codes.json"]


def test_a_title_renamed_and_named_back_is_printed_each_time(tree: Path) -> None:
    """A kept text remembers the titles it printed, not only that they changed: after a rename and a rename
    back, each generation's cached pages, API files and handouts are the fresh ones."""
    pages, exports, handouts = PageCache(), PageCache(), PageCache()
    for step in ("before", "renamed", "named back"):
        if step == "renamed":
            edit(tree, "content/red_flags/rash.yaml", "sign: ", "sign: A new ")
        elif step == "named back":
            edit(tree, "content/red_flags/rash.yaml", "sign: A new ", "sign: ")
        site = _site(tree)
        assert render_pages(site, 1, pages) == render_pages(site, 1), step
        assert export_files(site, exports) == export_files(site), step
        assert unfinished_handouts(site, handouts) == unfinished_handouts(site, None), step
        assert ("A new" in render_pages(site, 1)["causes/toe-trouble.md"]) == (step == "renamed")


def test_an_unchanged_site_reuses_every_page_but_the_about_page(tree: Path) -> None:
    cache = PageCache()
    first = render_pages(_site(tree), 1, cache)
    assert render_pages(_site(tree), 1, cache) == first and cache.reused == len(first) - 1


@pytest.mark.parametrize(
    ("relative", "old", "new", "reused"),
    [
        (CAUSE, "Toe trouble harms toe nerves.", "Toe trouble hurts the nerves of the toes.", 0),
        ("content/treatments/rest.yaml", "summary: ", "summary: Resting well. ", 0),  # printed on the cause's handout
        ("content/topic.yaml", "summary: ", "summary: Read this. ", 1),  # the overview only
        ("content/red_flags/rash.yaml", "sign: ", "sign: A new ", 0),  # a sign the cause's handout lists
        ("content/tests/blood-tests.yaml", "name: ", "name: Fasting ", 0),  # a test it names
    ],
    ids=["its cause", "a home-care summary", "the topic", "a warning sign's title", "a test's name"],
)
def test_cached_handouts_are_the_handouts_a_fresh_render_makes(
    tree: Path, relative: str, old: str, new: str, reused: int
) -> None:
    """A cause's handout HTML is reused only while its cause and what it prints from elsewhere are unchanged."""
    cache = PageCache()
    unfinished_handouts(_site(tree), cache)
    edit(tree, relative, old, new)
    site = _site(tree)
    assert unfinished_handouts(site, cache) == unfinished_handouts(site, None)
    assert cache.reused == reused


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """The names of the templates Jinja compiles from now on, in order."""
    import jinja2

    names: list[str | None] = []
    real_compile = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: str, name: str | None = None, *args: object, **kwargs: object) -> object:
        names.append(name)
        return real_compile(self, source, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return names


def test_a_second_generation_compiles_no_template_again(tree: Path, compiled: list[str | None]) -> None:
    """Templates are compiled once a process: each generation makes a new environment (the settings may
    have changed), and without the shared bytecode cache each compiled every page and handout template again."""

    from generator.pipeline import generate

    site = generate(tree / "content", tree / "site_config", tree / "docs", 1).site
    unfinished_handouts(site, None)
    edit(tree, CAUSE, "Toe trouble harms toe nerves.", "Toe trouble hurts the nerves of the toes.")
    compiled.clear()
    again = generate(tree / "content", tree / "site_config", tree / "docs", 1)
    unfinished_handouts(again.site, None)
    assert again.report.written  # the edit was generated
    assert compiled == []


def test_a_check_reuses_its_findings_only_for_unchanged_files(tree: Path) -> None:
    """The findings of the rules that read one file at a time are kept per file between checks (serve): a
    check with them reports exactly what a fresh check reports, and only the edited file is read again."""
    checked = CheckedTexts()
    _site_checked(tree, checked)
    before = {rule: dict(found) for rule, found in checked.found.items()}
    assert set(before) == {"typos", "repeated items", "unknown sources"}
    edit(tree, CAUSE, "Toe trouble harms toe nerves.", "Toe trouble harms toe nerves.[^alpha-sorce] Call 999 if it spreads.")
    edit(tree, CAUSE, "treatments: [", "treatments: [rest, ")  # listed twice
    reports = []
    for cache in (checked, None):
        with pytest.raises(ContentErrors) as raised:
            _site_checked(tree, cache)
        reports.append(raised.value.errors)
    assert reports[0] == reports[1]
    messages = [error.message for error in reports[0] if error.file.endswith("toe-trouble.yaml")]
    for found in ("instead of 999", "unknown source 'alpha-sorce'", "'rest' is listed twice"):
        assert any(found in message for message in messages), (found, messages)
    for rule, found in checked.found.items():
        again = [path for path, (doc, _) in found.items() if before[rule][path][0] is not doc]
        assert [path.name for path in again] == ["toe-trouble.yaml"], rule


def _site_checked(tree: Path, checked: CheckedTexts | None) -> None:
    prepare(tree / "content", tree / "site_config", checked=checked)


def test_a_folder_known_to_hold_the_last_write_has_only_its_changed_files_replaced(tmp_path: Path) -> None:
    """While serving, the docs folder holds what the last write put there: only the changed files are
    written (each renamed over its old one), stale ones go, and the folder is not staged and swapped."""
    from generator.render.write import write_docs

    docs = tmp_path / "docs"
    first = {"a.md": "A", "b/c.md": "C", "gone.md": "G"}
    write_docs(first, docs)
    folder, unchanged = docs.stat().st_ino, (docs / "a.md").stat().st_mtime_ns
    report = write_docs({"a.md": "A", "b/c.md": "C2", "new/n.md": "N"}, docs, on_disk=first)
    assert (report.written, report.unchanged, report.removed) == (["b/c.md", "new/n.md"], 1, ["gone.md"])
    on_disk = {p.relative_to(docs).as_posix(): p.read_text() for p in docs.rglob("*") if p.is_file()}
    assert on_disk == {"a.md": "A", "b/c.md": "C2", "new/n.md": "N"}
    assert (docs.stat().st_ino, (docs / "a.md").stat().st_mtime_ns) == (folder, unchanged)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs"]


def test_a_second_build_in_one_process_compiles_no_theme_template_again(
    tree: Path, tmp_path: Path, compiled: list[str | None]
) -> None:
    """MkDocs makes a new template environment for each build and runs the hook file afresh with each
    configuration (serve loads one per edit); the theme's templates are still compiled once a process."""

    from .conftest import build_tree

    assert build_tree(tree, tmp_path / "first") == 0  # compiles the theme, unless a build in this process did
    compiled.clear()
    assert build_tree(tree, tmp_path / "second") == 0
    # Material's search plugin makes an environment of its own for its interface words: not MkDocs' for the pages.
    theirs = {"partials/language.html", "partials/languages/en.html"}
    assert "main.html" not in compiled
    assert {name for name in compiled if name and name.endswith(".html")} <= theirs


def test_long_index_pages_list_names_only_so_a_summary_edit_changes_one_page(tmp_path: Path) -> None:
    """Past INDEX_SUMMARIES_UP_TO entries an index page lists names only (an A-Z list): one edited summary
    then changes the cause's own page and no index page hundreds of kilobytes long."""
    from bench.synth import write_content
    from generator.content.groupings import INDEX_SUMMARIES_UP_TO

    write_content(tmp_path, INDEX_SUMMARIES_UP_TO + 10)  # about 91 treatments and 21 tests besides
    site = _site(tmp_path)
    before = render_pages(site, 1)
    causes_index = before["causes/index.md"]
    first = sorted(site.causes)[0]
    entry = next(line for line in causes_index.splitlines() if f"]({first}.md)" in line)
    assert entry == f"- [{site.causes[first].model.name}]({first}.md)"  # the link alone
    assert site.causes[first].model.summary[:40] in before[f"causes/{first}.md"]  # its page still opens with it
    treatment_entries = [line for line in before["treatments/index.md"].splitlines() if line.startswith("- [")]
    assert len(treatment_entries) > INDEX_SUMMARIES_UP_TO and all(line.endswith(".md)") for line in treatment_entries)

    edit(tmp_path, f"content/causes/{first}.yaml", 'summary: "', 'summary: "Newly edited. ')
    after = render_pages(_site(tmp_path), 1)
    assert [path for path in before if before[path] != after[path]] == [f"causes/{first}.md"]


def test_short_index_pages_give_each_summary(tree: Path) -> None:
    index = render_pages(_site(tree), 1)["causes/index.md"]
    assert "- [Toe trouble](toe-trouble.md) harms toe nerves." in index


def test_the_docs_fingerprint_kept_after_a_write_in_place_is_the_folders_own(tree: Path, tmp_path: Path) -> None:
    """The next generation knows docs/ and the exports folder are as this one left them from fingerprints
    worked out from the files written and removed, not from a second walk of thousands of files: they must be
    what a walk gives."""
    from generator import pipeline
    from generator.content.fingerprint import fingerprint, updated
    from generator.exports.files import exports_dir

    docs = tmp_path / "docs"
    pipeline.generate(tree / "content", tree / "site_config", docs)
    edit(tree, CAUSE, "Toe trouble harms toe nerves.", "Toe trouble hurts the nerves of the toes.")
    generated = pipeline.generate(tree / "content", tree / "site_config", docs)
    assert "causes/toe-trouble.md" in generated.report.written
    assert "api/causes/toe-trouble.json" in generated.exports_report.written
    assert pipeline._last is not None
    assert pipeline._last[2] == (fingerprint(docs.resolve()), fingerprint(exports_dir(docs)))

    before = fingerprint(docs)
    (docs / "new.md").write_text("N")
    (docs / "index.md").unlink()
    assert updated(before, docs, ["new.md"], ["index.md"]) == fingerprint(docs)
