"""Handouts stay one sheet however big the site grows: site-wide lists past a bound become a pointer line."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from generator.cli import main
from generator.content.groupings import MAX_GENERAL
from generator.handouts.content import all_handouts
from generator.handouts.html import render_handouts
from generator.handouts.make import MAX_PAGES
from generator.pipeline import prepare
from generator.render.pages import render_pages


def _add_general_content(tree: Path, count: int) -> dict[str, list[str]]:
    """Give the minimal tree `count` more emergency signs, urgent signs and foot-care habits (all asked by
    the flow, as the check requires), and a cause 'heel-ache' with none of its own; returns their titles."""
    content = tree / "content"
    titles: dict[str, list[str]] = {"emergency": [], "urgent": [], "foot-care": []}
    ids: dict[str, list[str]] = {"emergency": [], "urgent": []}
    for n in range(1, count + 1):
        for urgency in ("emergency", "urgent"):
            flag_id = f"{urgency}-sign-{n:02d}"
            sign = f"Zebra {urgency} sign {n:02d}"
            (content / "red_flags" / f"{flag_id}.yaml").write_text(
                f"sign: {sign}\nurgency: {urgency}\nwhy: It can be serious.[^alpha-source]\n"
                "reviewed: 2026-01-15\nreviewed_by: Dr Test\nsources: [alpha-source]\n"
            )
            ids[urgency].append(flag_id)
            titles[urgency].append(sign)
        name = f"Quokka habit {n:02d}"
        (content / "treatments" / f"foot-habit-{n:02d}.yaml").write_text(
            f"name: {name}\nkind: foot-care\nsummary: It keeps feet safe.[^beta-paper]\n"
            "reviewed: 2026-01-15\nreviewed_by: Dr Test\nsources: [beta-paper]\n"
        )
        titles["foot-care"].append(name)
    flow = content / "decision_flow.yaml"
    flow.write_text(
        flow.read_text()
        .replace("red_flags: [slurred-speech]", f"red_flags: [slurred-speech, {', '.join(ids['emergency'])}]")
        .replace("red_flags: [rash]", f"red_flags: [rash, {', '.join(ids['urgent'])}]")
    )
    (content / "causes/heel-ache.yaml").write_text(
        "name: Heel ache\ngroup: nerves\nsummary: Heel ache harms heel nerves.[^beta-paper]\n"
        "how_it_causes_numbness: Pressure on the heel dulls feeling.[^alpha-source]\n"
        "onset: gradual\nsides: one\ntests: [blood-tests]\n"
        "reviewed: 2026-01-15\nreviewed_by: Dr Test\nsources: [alpha-source]\n"
    )
    return titles


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]


def test_too_many_general_signs_print_a_pointer_with_the_emergency_number(tree: Path, tmp_path: Path) -> None:
    """With more general signs and foot-care habits than a handout lists, the handouts print (Chromium, read
    back with pdftotext) a line with the site's emergency number and the warning-signs and foot-care
    pages' addresses instead of the titles, and stay within MAX_PAGES; a cause's own signs and care
    are still printed in full."""
    titles = _add_general_content(tree, MAX_GENERAL + 1)
    out = tmp_path / "handouts"
    args = ["handouts", "--content", str(tree / "content"), "--site-config", str(tree / "site_config"), "--out", str(out)]
    assert main(args) == 0
    every_general_title = [t for group in titles.values() for t in group]

    heel = _text(out / "causes/heel-ache.pdf")
    words, squeezed = " ".join(heel.split()), "".join(heel.split())
    emergency = words.split("Warning signs")[1].split("What you can do at home")[0]
    assert emergency.startswith(
        " Call 999 right away if you have numbness and any emergency warning sign. Do not wait to see if it goes away."
        " There are too many signs to print here. You can read them all online at:"
    )
    assert "example.org/test/warning-signs/" in squeezed
    assert "Do not drive yourself." in emergency
    home = words.split("What you can do at home")[1].split("When to see a provider")[0]
    assert "Follow the plan your care team gives you. Take good care of your feet every day." in home
    assert "example.org/test/foot-care/" in squeezed
    assert [t for t in every_general_title if t in words] == []
    assert _pages(out / "causes/heel-ache.pdf") <= MAX_PAGES

    overview = _text(out / "overview.pdf")
    words, squeezed = " ".join(overview.split()), "".join(overview.split())
    assert "Call 999 right away if you have numbness and any emergency warning sign." in words
    assert "Contact your healthcare provider today if you have numbness and any other warning sign." in words
    assert "Take good care of your feet every day." in words
    assert squeezed.count("example.org/test/warning-signs/") == 2 and "example.org/test/foot-care/" in squeezed
    assert [t for t in every_general_title if t in words] == []
    assert _pages(out / "overview.pdf") <= MAX_PAGES

    toe = " ".join(_text(out / "causes/toe-trouble.pdf").split())
    assert "Call 999 now if you have numbness and any of these: Your speech is slurred" in toe
    assert "any of these: You have a rash" in toe
    assert "Rest. Resting can help." in toe and "Wear socks. Socks cut rubbing." in toe
    # Its own sign first, then the pointer to the rest: every handout covers every emergency sign.
    assert toe.index("Your speech is slurred") < toe.index("Call 999 right away if you have numbness and any emergency warning sign.")
    assert [t for t in every_general_title if t in toe] == []


def test_up_to_the_bound_every_general_sign_is_listed(tree: Path) -> None:
    """At exactly MAX_GENERAL general signs and habits nothing is cut: the overview and a cause without its
    own lists name every one (one more, and the pointer takes their place)."""
    titles = _add_general_content(tree, MAX_GENERAL - 1)  # plus the fixture's own sign of each kind and habit
    site = prepare(tree / "content", tree / "site_config")
    html = render_handouts(site, all_handouts(site))
    for path in ("overview.pdf", "causes/heel-ache.pdf"):
        assert [t for t in titles["emergency"] + titles["foot-care"] if t not in html[path]] == [], path
        assert "Your speech is slurred" in html[path] and "Wear socks" in html[path], path
        assert "online at" not in html[path], path
    assert [t for t in titles["urgent"] if t not in html["overview.pdf"]] == []
    assert "You have a rash" in html["overview.pdf"]


@pytest.mark.parametrize("extra", [MAX_GENERAL - 1, MAX_GENERAL])
def test_a_cause_page_folds_every_other_emergency_sign_up_to_the_bound(tree: Path, extra: int) -> None:
    """A cause page folds the guide's other emergency signs into its card while there are at most
    MAX_GENERAL in all; past that it folds none (the link to the Warning signs page lists them): a
    page must not grow with the library."""
    titles = _add_general_content(tree, extra)  # plus the fixture's own emergency sign
    site = prepare(tree / "content", tree / "site_config")
    page = render_pages(site)["causes/heel-ache.md"]
    link = "See the list of [emergency warning signs](../warning-signs/index.md)."
    if extra + 1 <= MAX_GENERAL:
        # One way to the signs: the fold, and no second link to the same list beside it.
        assert "<summary>Emergency warning signs</summary>" in page and link not in page
        assert [t for t in titles["emergency"] if t not in page] == [] and "Your speech is slurred" in page
    else:
        assert "<details" not in page and [t for t in titles["emergency"] if t in page] == []
        assert link in page


def test_pointer_uses_the_sites_emergency_number_and_escapes_the_address(tree: Path) -> None:
    """The pointer line takes the number from site_config (never a fixed one), and the page address made
    from site_url reaches the HTML as escaped text."""
    _add_general_content(tree, MAX_GENERAL + 1)
    config = tree / "site_config/site.yaml"
    config.write_text(config.read_text().replace('emergency_number: "999"', 'emergency_number: "112"')
                      .replace("site_url: https://example.org/test/", "site_url: https://example.org/a&b/"))
    site = prepare(tree / "content", tree / "site_config")
    html = render_handouts(site, all_handouts(site))["causes/heel-ache.pdf"]
    assert "<strong>Call 112 right away</strong> if you have numbness and any emergency warning sign." in html
    assert "999" not in html
    assert '<span class="address">example.org/<wbr>a&amp;b/<wbr>warning-signs/<wbr></span>' in html


def test_editors_guide_gives_the_bound() -> None:
    """CONTRIBUTING.md tells editors the bound the code uses, so the guide cannot drift from it."""
    guide = " ".join((Path(__file__).resolve().parent.parent / "CONTRIBUTING.md").read_text().split())
    assert f"only while there are at most {MAX_GENERAL} of a kind (`MAX_GENERAL` in `generator/content/groupings.py`)" in guide
    assert f"Past {MAX_GENERAL}, the handout prints one plain line" in guide
