"""Printable handouts: made from the content, one or two pages, complete, self-contained, in the site."""

from __future__ import annotations

import asyncio
import re
import subprocess
from pathlib import Path

import pytest

from generator.cli import main
from generator.content.addresses import page_address
from generator.content.link import Site
from generator.handouts import handout_of, short_address
from generator.handouts.content import all_handouts
from generator.handouts.html import QR_MARK, finish, render_handouts, render_handouts_unfinished
from generator.handouts.make import MANIFEST, make_handouts
from generator.handouts.pdf import PRINTERS, KeptBrowser, PrintError, page_count, print_pdfs
from generator.pipeline import prepare
from generator.render.dates import long_date

from .conftest import ROOT
from .test_errors import edit

# Text only the web site's screen chrome has; none of it belongs on paper.
SITE_CHROME = ("Skip to content", "Back to top", "Made with", "Material for MkDocs", "Table of contents",
               "Print this page", "Download a printable handout", "Search")


@pytest.fixture(scope="session")
def real_content() -> Site:
    return prepare(ROOT / "content", ROOT / "site_config")


@pytest.fixture(scope="session")
def handout_texts(real_site: Path, real_content: Site) -> dict[str, str]:
    """Every handout the real build published in site/handouts/, as pdftotext reads it (printed once, by the build)."""
    folder = real_site / "site/handouts"
    texts = {}
    for handout in all_handouts(real_content):
        pdf = folder / handout.path
        assert pdf.is_file(), f"the build did not publish {handout.path}"
        texts[handout.path] = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return texts


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]


def test_one_handout_per_cause_and_one_for_the_topic(real_site: Path) -> None:
    """The build publishes exactly the topic's handout and one per cause file, nothing else."""
    causes = sorted(p.stem for p in (ROOT / "content/causes").glob("*.yaml"))
    published = sorted(p.relative_to(real_site / "site/handouts").as_posix() for p in (real_site / "site/handouts").rglob("*")
                       if p.is_file())
    assert published == sorted(["overview.pdf", *(f"causes/{c}.pdf" for c in causes)])
    assert len(published) == 21


def test_every_handout_has_one_or_two_pages(real_site: Path, handout_texts: dict[str, str]) -> None:
    """Each handout fits one sheet printed on both sides (pdfinfo's page count is 1 or 2)."""
    counts = {path: _pages(real_site / "site/handouts" / path) for path in handout_texts}
    assert {path: n for path, n in counts.items() if n not in (1, 2)} == {}


# pdftotext's box of a word in Liberation Sans is 1.117 times its point size (ascent plus descent).
_BOX_PER_POINT = 1.117
_WORD = re.compile(r'<page width="[\d.]+" height="([\d.]+)">|yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>')


def _word_sizes(pdf: Path) -> list[tuple[float, str, bool]]:
    """(point size, word, in the page's footer) of every word of a PDF, from pdftotext's word boxes."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    out, height = [], 0.0
    for match in _WORD.finditer(html):
        if match.group(1):
            height = float(match.group(1))
            continue
        top, bottom = float(match.group(2)), float(match.group(3))
        out.append(((bottom - top) / _BOX_PER_POINT, match.group(4), top > height - 13 / 25.4 * 72))
    return out


def test_handout_type_is_large_enough_for_older_eyes(real_site: Path, handout_texts: dict[str, str]) -> None:
    """Every word of every handout is set at 12 pt or more (guidance for patient materials), but for the
    small source numbers after a word and the page footer (10 pt); the title is at least 24 pt and the
    headings at least 14 pt. Before: body 10.5 pt, sources 8.5 pt."""
    small, titles = {}, {}
    for path in handout_texts:
        sizes = _word_sizes(real_site / "site/handouts" / path)
        tiny = sorted({word for size, word, footer in sizes if size < 11.9 and not footer and not re.fullmatch(r"[\d,]+", word)})
        if tiny or min(size for size, _, footer in sizes if footer) < 9.9:
            small[path] = tiny[:8]
        titles[path] = max(size for size, _, _ in sizes)
        assert next(size for size, word, _ in sizes if word == "Sources") >= 13.9, path
    assert small == {} and min(titles.values()) >= 24


def test_handouts_put_the_warning_signs_first(handout_texts: dict[str, str]) -> None:
    """What matters most comes first: the warning signs right under the title, before what the cause is."""
    late = [path for path, text in handout_texts.items()
            if not " ".join(text.split()).index("Warning signs") < " ".join(text.split()).index("What it is")]
    assert late == []


def test_handout_text_is_complete_and_free_of_site_chrome(handout_texts: dict[str, str], real_content: Site) -> None:
    """Each handout names its subject, leads its warning signs with the emergency number, gives the page's
    address and the review date, cites sources, and carries none of the web site's navigation."""
    problems = []
    for handout in all_handouts(real_content):
        text = handout_texts[handout.path]
        words = " ".join(text.split())
        squeezed = "".join(text.split())
        wanted = {
            "title": handout.title in words,
            "call 911 first": words.index("Warning signs") < words.index("Call 911 now") < words.index("What you can do at home"),
            "address": handout.address in squeezed and short_address(handout.address) in squeezed,
            "review date": f"Editorial review {long_date(handout.reviewed, real_content.config)}" in words,
            "clinical review": "Not yet reviewed by a clinician." in words,
            "sources": "Sources (in full on the web page: scan the QR code) 1." in words,
        }
        problems += [f"{handout.path}: no {name}" for name, ok in wanted.items() if not ok]
        problems += [f"{handout.path}: has {chrome!r}" for chrome in SITE_CHROME if chrome in words]
    assert problems == []


def test_cause_handouts_send_to_a_provider_only_after_the_warning_signs(handout_texts: dict[str, str]) -> None:
    """A cause's handout is about a known cause: its provider section does not ask the reader to find one, and
    puts the warning signs first (a stroke's handout must not read as advice to book a visit)."""
    causes = {path: " ".join(text.split()) for path, text in handout_texts.items() if path.startswith("causes/")}
    assert len(causes) == 20
    for path, words in causes.items():
        provider = words.split("When to see a provider")[1]
        assert provider.startswith(" If you have none of the warning signs above, see your healthcare provider"), path
        assert "find out what is causing" not in words, path


def test_cause_handout_gives_the_typical_pattern_and_other_signs_of_its_page(handout_texts: dict[str, str]) -> None:
    """What the cause's page says of how it starts, where, and what else it causes is on its handout too."""
    words = " ".join(handout_texts["causes/diabetic-neuropathy.pdf"].split())
    assert "Typical pattern: It usually starts slowly, over weeks, months or years. It usually affects both feet." in words
    assert "Other signs it can cause: tingling or pins and needles; burning or sharp pain;" in words
    stroke = " ".join(handout_texts["causes/stroke.pdf"].split())
    assert "Typical pattern: It usually starts suddenly. It usually affects one side of the body." in stroke


def test_cause_handout_lists_its_home_care(handout_texts: dict[str, str]) -> None:
    """A cause's handout gives its own home and foot care, and names the tests a provider may use."""
    words = " ".join(handout_texts["causes/diabetic-neuropathy.pdf"].split())
    home = words.split("What you can do at home")[1].split("When to see a provider")[0]
    for habit in ("Check your feet every day.", "Wear shoes that fit well.", "Trim your toenails with care."):
        assert habit in home
    assert "Medicines for nerve pain" not in home
    assert ("Tests they may use: Blood tests, Nerve and muscle signal tests (nerve conduction study and EMG), "
            "Yearly diabetes foot exam.") in words
    # Reflexology is not a provider's treatment: the web page files it under "Other approaches", so does the sheet.
    suggested = words.split("Treatments they may suggest:")[1].split(".")[0]
    assert "Physical therapy" in suggested and "Reflexology" not in suggested
    assert "Other approaches: Reflexology." in words


def test_overview_lists_every_sign_and_foot_care_habit_of_the_real_guide(real_site: Path, real_content: Site) -> None:
    """The real guide's site-wide lists (14 emergency signs, 5 for today, 3 for a booked visit, 8 foot-care habits) are within the
    handouts' bound, so the overview prints every one of them by name, not a pointer to the site."""
    # Reading order, not layout: the signs are printed in two columns.
    text = subprocess.run(["pdftotext", str(real_site / "site/handouts/overview.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    words = " ".join(text.split())
    # The least urgent signs are printed as part of one sentence, so their first letter is lower case.
    wanted = [flag.model.sign if flag.model.urgency != "soon" else flag.model.sign[0].lower() + flag.model.sign[1:]
              for flag in real_content.red_flags.values()]
    wanted += [t.model.name for t in real_content.treatments.values() if t.model.kind == "foot-care"]
    assert len(wanted) == 30
    assert [title for title in wanted if title not in words] == []
    assert "online at" not in words


def test_every_cause_handout_prints_every_emergency_sign_its_own_first(real_site: Path, real_content: Site) -> None:
    """A patient handed one cause's sheet sees every emergency sign of the guide under "Call 911 now":
    the cause's own first, then the others (a lupus handout once listed only its one sign)."""
    everyone = [f.model.sign for f in real_content.red_flags.values() if f.model.urgency == "emergency"]
    assert len(everyone) == 14
    short = {}
    for cause_id in real_content.causes:
        pdf = real_site / "site/handouts" / handout_of(real_content.page_of("cause", cause_id))
        # Reading order, not layout: the signs are printed in two columns.
        words = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
        card = words.split("Call 911 now", 1)[1].split("Call 911 for an ambulance", 1)[0]
        assert "After a head, neck or back injury, do not move the person." in words, cause_id
        missing = [sign for sign in everyone if " ".join(sign.split()) not in card]
        if missing:
            short[cause_id] = missing
    assert short == {}
    lupus = next(content for content in all_handouts(real_content) if content.path == "causes/lupus.pdf")
    own = [real_content.red_flags[f].model.sign for f in real_content.causes["lupus"].model.red_flags
           if real_content.red_flags[f].model.urgency == "emergency"]
    assert own and lupus.emergency[: len(own)] == own and sorted(lupus.emergency) == sorted(everyone)


def _dark_share(pgm: bytes) -> float:
    """Share of dark pixels in a binary PGM (P5) image."""
    match = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", pgm)
    assert match, "not a PGM image"
    pixels = pgm[match.end():]
    return sum(1 for value in pixels if value < 128) / len(pixels)


def test_first_page_of_every_handout_is_not_blank(real_site: Path, handout_texts: dict[str, str], tmp_path: Path) -> None:
    """Page 1 rendered to pixels (pdftoppm) has real ink on it: text, cards and the QR code."""
    shares = {}
    for path in handout_texts:
        out = tmp_path / path.replace("/", "_").removesuffix(".pdf")
        subprocess.run(["pdftoppm", "-gray", "-r", "30", "-f", "1", "-l", "1", "-singlefile",
                        str(real_site / "site/handouts" / path), str(out)], check=True)
        shares[path] = _dark_share(out.with_name(out.name + ".pgm").read_bytes())
    assert {path: share for path, share in shares.items() if share < 0.02} == {}


def test_each_page_links_its_handout(real_site: Path, real_content: Site) -> None:
    """The home page and every cause page offer 'Download a printable handout', pointing at its published PDF."""
    missing = []
    for page in ["index.md", *(real_content.page_of("cause", c) for c in sorted(real_content.causes))]:
        address = page_address("/", page)
        html = (real_site / "site" / address.lstrip("/") / "index.html").read_text()
        link = re.search(r'<a href="([^"]+)">Download a printable handout</a>', html)
        target = (real_site / "site" / address.lstrip("/") / link.group(1)).resolve() if link else None
        if target != (real_site / "site/handouts" / handout_of(page)).resolve() or not target.is_file():
            missing.append(page)
    assert missing == []


def test_handout_html_escapes_content(tree: Path) -> None:
    """Markup in content reaches the handout as text: no element, attribute or CSS comes from YAML."""
    cause = tree / "content/causes/toe-trouble.yaml"
    hostile = '<script>alert(1)</script> <img src=x onerror=alert(3)> </style>'
    cause.write_text(cause.read_text()
                     .replace("summary: Toe trouble harms toe nerves.[^beta-paper]", f"summary: '{hostile}[^beta-paper]'")
                     .replace("name: Toe trouble", "name: 'Toe \" onmouseover=\"x\" & trouble'"))
    site_config = tree / "site_config/site.yaml"
    site_config.write_text(re.sub(r"site_name: .*", "site_name: 'Feet \" } body { display: none'", site_config.read_text()))
    site = prepare(tree / "content", tree / "site_config")
    html = render_handouts(site, all_handouts(site))["causes/toe-trouble.pdf"]
    assert "<script>" not in html and "<img" not in html and html.count("</style>") == 1
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(3)&gt; &lt;/style&gt;" in html
    assert "<h1>Toe &#34; onmouseover=&#34;x&#34; &amp; trouble</h1>" in html
    assert 'content: "Feet \\22  \\7d  body \\7b  display: none \\b7  example.org' in html


def test_handouts_are_compared_without_making_qr_codes(tree: Path) -> None:
    """make_handouts decides what to print from HTML with a mark where the QR code goes; finished, it
    is exactly the full handout, and content that spells the mark can't put a QR code anywhere."""
    cause = tree / "content/causes/toe-trouble.yaml"
    cause.write_text(cause.read_text().replace(
        "summary: Toe trouble harms toe nerves.[^beta-paper]", f"summary: 'Toe {QR_MARK} trouble.[^beta-paper]'"))
    site = prepare(tree / "content", tree / "site_config")
    handouts = all_handouts(site)
    full = render_handouts(site, handouts)
    unfinished = render_handouts_unfinished(site, handouts)
    assert sorted(unfinished) == sorted(full) and len(full) >= 2
    for path, (html, address) in unfinished.items():
        assert html.count(QR_MARK) == 1 and "<svg" not in html
        assert finish(html, address) == full[path]
        assert full[path].count('class="qr"') == 1
    assert "Toe &lt;!--footguide:qr--&gt; trouble." in full["causes/toe-trouble.pdf"]


def test_printing_refuses_any_request() -> None:
    """A handout that would load anything (here an image from another host) is an error, not a quiet fetch."""
    with pytest.raises(PrintError) as caught:
        print_pdfs({"bad.pdf": '<p>Hi</p><img src="https://203.0.113.9/logo.png">'})
    assert str(caught.value) == "bad.pdf: the handout asked for https://203.0.113.9/logo.png; handouts must not load anything"


def test_pages_printing_at_once_keep_each_handout_its_own(tmp_path: Path) -> None:
    """Several pages print at once: each PDF holds its own document, they come back in the order
    asked, and a request is blamed on the handout that made it, not on one printing beside it."""
    documents = {f"h{i}.pdf": f"<p>Handout number {i}</p>" for i in range(7)}
    # The first is long: the other page prints the short ones while it is laid out, so it is done last.
    documents["h0.pdf"] += "<p>More text to lay out.</p>" * 4000
    pdfs = print_pdfs(documents)
    assert PRINTERS > 1 and list(pdfs) == list(documents)
    for name, pdf in pdfs.items():
        (tmp_path / name).write_bytes(pdf)
        text = subprocess.run(["pdftotext", str(tmp_path / name), "-"], capture_output=True, text=True, check=True).stdout
        assert text.startswith(f"Handout number {name[1]}") and (name == "h0.pdf") == (page_count(pdf) > 1)
    bad = {**documents, "h4.pdf": '<p>Hi</p><img src="https://203.0.113.9/logo.png">'}
    with pytest.raises(PrintError) as caught:
        print_pdfs(bad)
    assert str(caught.value).startswith("h4.pdf: the handout asked for https://203.0.113.9/logo.png")


def _pdf_text(pdf: bytes, tmp_path: Path) -> str:
    (tmp_path / "out.pdf").write_bytes(pdf)
    return subprocess.run(["pdftotext", str(tmp_path / "out.pdf"), "-"], capture_output=True, text=True, check=True).stdout


def test_a_kept_browser_prints_again_without_starting_again(tmp_path: Path) -> None:
    """The live preview keeps one browser: each print is its own, a handout's request is still refused
    (and the browser kept), and a browser that went away is started again at the next print."""
    import threading

    threads = threading.active_count()
    kept = KeptBrowser()
    assert threading.active_count() == threads, "no thread before the first print (it would stop the build forking)"
    try:
        assert _pdf_text(kept.print({"a.pdf": "<p>First handout</p>"}, "Letter")["a.pdf"], tmp_path).startswith("First handout")
        second = kept.print({"b.pdf": "<p>Second handout</p>", "c.pdf": "<p>Third handout</p>"}, "A4")
        assert [_pdf_text(pdf, tmp_path).strip() for pdf in second.values()] == ["Second handout", "Third handout"]
        with pytest.raises(PrintError) as caught:
            kept.print({"d.pdf": '<img src="https://203.0.113.9/x.png">'}, "Letter")
        assert str(caught.value).startswith("d.pdf: the handout asked for https://203.0.113.9/x.png")
        assert kept.print({"e.pdf": "<p>Fifth</p>"}, "Letter") and kept.launches == 1
        asyncio.run_coroutine_threadsafe(kept._browser.close(), kept._loop).result()  # type: ignore[union-attr,arg-type]  # as if it crashed
        assert _pdf_text(kept.print({"f.pdf": "<p>After a crash</p>"}, "Letter")["f.pdf"], tmp_path).startswith("After a crash")
        assert kept.launches == 2
    finally:
        kept.close()
    assert kept._thread is not None and not kept._thread.is_alive(), "closing ends the printer's thread"


def test_handouts_command_prints_only_what_changed(tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`python -m generator handouts` prints every handout once; a second run prints none and rewrites
    nothing; a changed cause is printed again alone; a removed cause's handout goes."""
    out = tmp_path / "handouts"
    args = ["handouts", "--content", str(tree / "content"), "--site-config", str(tree / "site_config"), "--out", str(out)]
    assert main(args) == 0
    assert "2 handouts of 1 pages: 2 printed, 0 unchanged, 0 removed" in capsys.readouterr().out
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.pdf")}
    assert main(args) == 0
    assert "2 printed" not in capsys.readouterr().out
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.pdf")} == before

    cause = tree / "content/causes/toe-trouble.yaml"
    cause.write_text(cause.read_text().replace("name: Toe trouble", "name: Toe pain"))
    (out / "causes/old-cause.pdf").write_bytes(b"%PDF stale")
    report = make_handouts(prepare(tree / "content", tree / "site_config"), out)
    assert (report.printed, report.unchanged, report.removed) == (["causes/toe-trouble.pdf"], 1, ["causes/old-cause.pdf"])
    assert "Toe pain" in subprocess.run(["pdftotext", str(out / "causes/toe-trouble.pdf"), "-"],
                                        capture_output=True, text=True, check=True).stdout


def test_handouts_refuse_a_folder_that_is_not_theirs(tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Pointing --out at a folder with other files fails with a message instead of emptying it."""
    folder = tmp_path / "Documents"
    folder.mkdir()
    (folder / "letter.txt").write_text("keep me")
    code = main(["handouts", "--content", str(tree / "content"), "--site-config", str(tree / "site_config"), "--out", str(folder)])
    assert code == 1
    assert capsys.readouterr().err == (
        f"Printing the handouts failed: {folder} has other files and is not a handouts folder "
        f"(no {MANIFEST}); choose a new or empty folder\n"
    )
    assert (folder / "letter.txt").read_text() == "keep me"


def test_unchanged_handouts_are_kept_unread_with_their_page_counts(tree: Path, tmp_path: Path) -> None:
    """The folder's record holds each handout's page count, so a run that prints nothing reads no PDF back:
    a PDF changed on disk behind the record's back keeps the count the record gives. A record written before
    page counts were kept (keys only) is still honoured: nothing is printed again, the counts are read."""
    import json

    out = tmp_path / "handouts"
    first = make_handouts(prepare(tree / "content", tree / "site_config"), out)
    record = json.loads((out / MANIFEST).read_text())
    assert sorted(record) == ["pages", "printed"]
    assert record["pages"] == {path: page_count((out / path).read_bytes()) for path in first.pages} == first.pages

    pdf = out / "causes/toe-trouble.pdf"
    pdf.write_bytes(b"%PDF-1.4 a stand-in with no page")  # not read back, so not noticed
    again = make_handouts(prepare(tree / "content", tree / "site_config"), out)
    assert (again.printed, again.pages) == ([], first.pages)

    (out / MANIFEST).write_text(json.dumps(record["printed"]))  # the older record: keys only
    older = make_handouts(prepare(tree / "content", tree / "site_config"), out)
    assert older.printed == []
    assert older.pages["causes/toe-trouble.pdf"] == page_count(pdf.read_bytes())
    assert json.loads((out / MANIFEST).read_text())["pages"] == older.pages


def test_a_folder_left_as_made_has_only_its_changed_handouts_replaced(tree: Path, tmp_path: Path) -> None:
    """While serving, the handouts folder is as the last make left it: the handout printed again replaces its
    old file in place (the folder and the other handouts stay as they are), and the fingerprint kept for the
    next make, worked out from what was written, is what a walk of the folder gives."""
    from generator.content.fingerprint import fingerprint
    from generator.handouts import make

    out = tmp_path / "handouts"
    first = make_handouts(prepare(tree / "content", tree / "site_config"), out)
    others = {path: (out / path).stat().st_ino for path in first.pages if path != "causes/toe-trouble.pdf"}
    assert others, "the minimal tree has the overview's handout too"
    folder = out.stat().st_ino
    edit(tree, "content/causes/toe-trouble.yaml", "Toe trouble harms toe nerves.", "Toe trouble hurts the nerves of the toes.")
    again = make_handouts(prepare(tree / "content", tree / "site_config"), out)
    assert again.printed == ["causes/toe-trouble.pdf"]
    assert out.stat().st_ino == folder and {path: (out / path).stat().st_ino for path in others} == others
    text = subprocess.run(["pdftotext", str(out / "causes/toe-trouble.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert "hurts the nerves of the toes" in " ".join(text.split())
    assert make._last is not None and make._last[2] == fingerprint(out)
