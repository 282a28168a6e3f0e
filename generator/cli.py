"""Command line: `.venv/bin/python3 -m generator check|build|serve|handouts|schema|new|readability|changed|approve`."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

from generator.content.errors import ContentErrors
from generator.content.link import Site
from generator.content.site_address import (
    SITE_URL_ENV,
    AddressError,
    check_address,
    is_placeholder,
    published_address,
    set_published_address,
)
from generator.editor.invocation import generator_command
from generator.engine import EngineError
from generator.engine.output_lock import outputs_locked
from generator.engine.settings import handouts_dir, use_content_dirs
from generator.handouts.pdf import PrintError
from generator.parallel import JobsError
from generator.pipeline import generate, prepare
from generator.render.interface_words import MissingWords

PROJECT = Path(__file__).resolve().parent.parent


ENGINES = ("mkdocs", "zensical")


def get_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=generator_command(), description="Build and check the patient-education site.")
    sub = parser.add_subparsers(dest="command", required=True)
    commands = {
        "check": "validate the content and report every problem; write nothing",
        "build": "check, write Markdown into the docs folder, then build the HTML site",
        "serve": "build and serve a live preview that rebuilds when content/ changes",
        "handouts": "check, then print a PDF handout for the topic and for each cause",
        "schema": "write a JSON Schema per content kind into schema/ (for editors' IDEs)",
        "new": "start a new content file with comments that explain each field",
        "readability": "print the reading grade of every reader-facing text, hardest first",
        "changed": "add an entry to a page's history (shown on the page): today's date and what changed",
        "approve": "record a clinician's approval of a page, tied to the page's current content",
        "translated": "record that a page's translation matches its English text as it is now",
    }
    for name, help_text in commands.items():
        command = sub.add_parser(name, help=help_text, description=help_text)
        command.add_argument("--content", type=Path, default=PROJECT / "content", help="content folder (default: content/)")
        command.add_argument(
            "--site-config", type=Path, default=PROJECT / "site_config", help="site settings folder (default: site_config/)"
        )
        if name == "handouts":
            command.add_argument(
                "--out", type=Path, default=handouts_dir(PROJECT / "docs"), help="folder for the PDFs (default: build/handouts/)"
            )
        if name in ("build", "serve"):
            command.add_argument("--config-file", type=Path, default=PROJECT / "mkdocs.yml", help="MkDocs configuration")
            command.add_argument("--docs-dir", type=Path, default=PROJECT / "docs", help="generated Markdown (default: docs/)")
        if name == "build":
            command.add_argument("--site-dir", type=Path, default=PROJECT / "site", help="built HTML (default: site/)")
            command.add_argument(
                "--site-url", type=_site_url, default=None,
                help=f"public address to build for, instead of site_url in site.yaml (or set {SITE_URL_ENV})",
            )
            command.add_argument(
                "--engine", choices=ENGINES, default="mkdocs",
                help="what turns the Markdown into HTML: mkdocs (default) or zensical (install: bash scripts/setup.sh zensical)",
            )
            command.add_argument(
                "--publish", action="store_true",
                help="refuse to build while the address is a placeholder such as example.org (the deploy uses this)",
            )
            command.add_argument(
                "--jobs", type=_jobs, default=None,
                help="processes building pages at once (default: one per core for large sites, else 1; "
                "or the FOOTGUIDE_BUILD_JOBS environment variable)",
            )
        if name == "serve":
            command.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on")
        _add_editor_options(name, command)
    return parser


def _site_url(text: str) -> str:
    try:
        return check_address(text)
    except AddressError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _jobs(text: str) -> int:
    from generator.parallel import JobsError, parse_jobs

    try:
        return parse_jobs(text, "--jobs")
    except JobsError as exc:
        raise argparse.ArgumentTypeError(str(exc).removeprefix("--jobs: ")) from None


def _add_editor_options(name: str, command: argparse.ArgumentParser) -> None:
    from generator.editor.report import FORMATS
    from generator.editor.scaffold import KINDS

    if name == "check":
        command.add_argument("--format", choices=FORMATS, default="text", help="text, or github for GitHub annotations")
        command.add_argument("--strict", action="store_true", help="warnings fail the check too (as in CI)")
        command.add_argument(
            "--today", type=dt.date.fromisoformat, default=None, help="date to judge review dates by, YYYY-MM-DD"
        )
    if name == "schema":
        command.add_argument("--out", type=Path, default=PROJECT / "schema", help="folder to write into (default: schema/)")
        command.add_argument("--check", action="store_true", help="write nothing; fail if a schema file is out of date")
    if name == "new":
        command.add_argument("kind", choices=KINDS, help="kind of page to start")
        command.add_argument("id", help="the new page's id: lower-case letters, digits and single hyphens")
    if name == "readability":
        command.add_argument("--limit", type=int, default=None, help="show only the N hardest fields")
        command.add_argument(
            "--language", default=None, help="a translated edition's texts instead, like es (scored for that language)"
        )
    if name in ("changed", "approve"):
        from generator.editor.approve import PAGE_KINDS

        command.add_argument("kind", choices=PAGE_KINDS, help="kind of page")
        command.add_argument(
            "id", nargs="?", default=None,
            help="the page's id (its file name); none for topic, decision-flow, hazards, glossary",
        )
        command.add_argument("--date", type=dt.date.fromisoformat, default=None, help="the day, YYYY-MM-DD (default: today)")
    if name == "changed":
        command.add_argument("what", help="one line in plain words on what changed, in quotes")
    if name == "approve":
        command.add_argument("--by", required=True, help='the clinician (or translator), as "NAME, ROLE"')
        command.add_argument(
            "--translation", metavar="LANGUAGE", default=None,
            help="record a medical translator's review of the page's translation into LANGUAGE instead",
        )
    if name == "translated":
        from generator.content.translation_schema import TRANSLATED_KINDS

        command.add_argument("language", help="the edition's language code, like es")
        command.add_argument("kind", nargs="?", choices=list(TRANSLATED_KINDS), help="kind of page (none: every page)")
        command.add_argument("id", nargs="?", default=None, help="the page's id (its file name); none for single pages")


def _check(args: argparse.Namespace) -> int:
    from generator.editor.audit import audit
    from generator.editor.report import apply_strict, write_report
    from generator.editor.sign_off_check import approval_count

    site, problems = audit(args.content, args.site_config, args.today or dt.date.today())
    detail = f"{len(site.pages)} pages, {len(site.sources)} sources; {approval_count(site).words()}" if site else ""
    return write_report(apply_strict(problems, args.strict), args.format, sys.stdout, sys.stderr, args.strict, detail)


def _schema(args: argparse.Namespace) -> int:
    from generator.editor.schema_export import write_schemas

    return write_schemas(args.out, check_only=args.check)


def _new(args: argparse.Namespace) -> int:
    from generator.editor.scaffold import new_file

    return new_file(args.kind, args.id, args.content)


def _readability(args: argparse.Namespace) -> int:
    from generator.editor.readability import readability_table, score_site

    site = prepare(args.content, args.site_config)
    if args.language:
        from generator.editor.edition_readability import edition_readability_table

        print(edition_readability_table(site, args.language, args.limit))
        return 0
    print(readability_table(score_site(site), site.config.reading_grade_budget, args.limit))
    return 0


def _changed(args: argparse.Namespace) -> int:
    from generator.editor.record_change import record_change

    site = prepare(args.content, args.site_config)
    return record_change(site, args.kind, args.id, args.what, args.date or dt.date.today())


def _approve(args: argparse.Namespace) -> int:
    from generator.editor.approve import approve

    if args.translation:
        from generator.editor.approve_translation import approve_translation

        day = args.date or dt.date.today()
        return approve_translation(_linked(args), args.translation, args.kind, args.id, args.by, day)
    site = prepare(args.content, args.site_config)
    return approve(site, args.content, args.kind, args.id, args.by, args.date or dt.date.today())


def _translated(args: argparse.Namespace) -> int:
    from generator.editor.mark_translated import mark_translated

    return mark_translated(_linked(args), args.language, args.kind, args.id)


def _linked(args: argparse.Namespace) -> Site:
    """The site as far as it validates: a translation being written must not stop the command that records it."""
    from generator.content.link import link
    from generator.content.validate import PartlyValid, validate_content

    try:
        return link(validate_content(args.content, args.site_config))
    except PartlyValid as exc:
        return link(exc.content, exc.unreadable)


def _handouts(args: argparse.Namespace) -> int:
    from generator.handouts.make import make_handouts

    site = prepare(args.content, args.site_config)
    with outputs_locked(args.out):
        report = make_handouts(site, args.out)
    print(f"{report.summary()}, into {args.out}.")
    _warn_long(report.too_long())
    return 0


def _warn_long(lines: list[str]) -> None:
    for line in lines:
        print(f"warning: handout {line}; shorten the page's text", file=sys.stderr)


def _warn_lost(addresses: list[str]) -> None:
    for address in addresses:
        print(
            f"warning: the page {address} is gone (its file was renamed, moved or deleted), so links, bookmarks "
            f"and printed handouts that name it find nothing; if it moved, add `moved_from: [{address}]` "
            "to its new file",
            file=sys.stderr,
        )


def _not_publishable(site: Site) -> str | None:
    """Why the deploy must not publish this content (beyond content errors), or None."""
    from generator.editor.sign_off_check import approval_count

    contact = site.config.publisher.contact
    if is_placeholder(f"https://{contact.rsplit('@', 1)[-1]}/"):
        return f"publisher.contact in site_config/site.yaml is a placeholder ({contact}): readers could not reach you"
    count = approval_count(site)
    if site.config.require_clinical_approval and count.approved < count.pages:
        missing = count.pages - count.approved
        return (
            f"require_clinical_approval is on, and {missing} of {count.pages} pages have no clinician's approval that "
            f"matches their content; run `{generator_command()} check` to list them"
        )
    return None


def _placeholder_address(site_config: Path) -> str | None:
    """What is wrong with building for a placeholder address such as example.org, or None."""
    from generator.engine.preview import configured_site_url

    address = published_address() or configured_site_url(site_config)
    if not address or not is_placeholder(address):
        return None
    where = "--site-url" if published_address() else f"site_url in {site_config / 'site.yaml'}"
    return (
        f"the site's address {address} ({where}) is a placeholder: every handout's QR code, printed address and "
        "search-engine link would lead nowhere"
    )


def _build(args: argparse.Namespace) -> int:
    from generator.engine.build import build_html
    from generator.handouts.make import make_handouts
    from generator.render.redirects import lost_addresses

    start = time.perf_counter()
    if args.site_url:
        set_published_address(args.site_url)
    placeholder = _placeholder_address(args.site_config)
    if placeholder and args.publish:
        fix = "Set the real address there, or pass --site-url https://…/; nothing was built."
        print(f"error: {placeholder}. {fix}", file=sys.stderr)
        return 1
    if args.publish:
        refusal = _not_publishable(prepare(args.content, args.site_config))
        if refusal:
            print(f"error: {refusal}; nothing was built.", file=sys.stderr)
            return 1
    with outputs_locked(args.docs_dir, args.site_dir):
        generated = generate(args.content, args.site_config, args.docs_dir, args.jobs)
        # Printed here to report it; the MkDocs hook then finds every handout up to date and adds them to the site.
        handouts = make_handouts(generated.site, handouts_dir(args.docs_dir))
        for edition in generated.editions.values():
            handouts.add(make_handouts(edition.site, handouts_dir(edition.docs_dir)), f"{edition.site.config.language}/")
        use_content_dirs(args.content, args.site_config)
        if args.engine == "zensical":
            from generator.engine.zensical import build_with_zensical

            build_with_zensical(args.config_file, args.docs_dir, args.site_dir, generated, handouts_dir(args.docs_dir))
        else:
            build_html(args.config_file, args.docs_dir, args.site_dir, args.jobs, list(generated.editions.values()))
    report = generated.report
    editions = "".join(f" and {len(e.site.pages)} in {language}/" for language, e in generated.editions.items())
    print(
        f"Built {len(generated.site.pages)} pages{editions} into {args.site_dir} with {args.engine} "
        f"in {time.perf_counter() - start:.1f} s "
        f"({len(report.written)} files written to docs, {report.unchanged} unchanged, {len(report.removed)} removed; "
        f"{len(generated.exports_report.written)} data files written to build/exports, "
        f"{generated.exports_report.unchanged} unchanged; {handouts.summary()})."
    )
    _warn_long(handouts.too_long())
    _warn_lost(lost_addresses(report.removed, generated.site))
    if placeholder:
        print(f"warning: {placeholder}. Set the real address before publishing.", file=sys.stderr)
    print(f"Preview it with: {generator_command()} serve")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from generator.engine.serve import serve

    use_content_dirs(args.content, args.site_config)
    serve(args.config_file, args.docs_dir, args.site_config, args.dev_addr)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = get_parser().parse_args(argv)
    try:
        commands = {"check": _check, "build": _build, "serve": _serve, "handouts": _handouts}
        commands.update(schema=_schema, new=_new, readability=_readability, changed=_changed, approve=_approve)
        commands.update(translated=_translated)
        return commands[args.command](args)
    except ContentErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except EngineError as exc:
        print(f"The site build failed: {exc}", file=sys.stderr)
        return 1
    except PrintError as exc:
        print(f"Printing the handouts failed: {exc}", file=sys.stderr)
        return 1
    except (JobsError, AddressError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except MissingWords as exc:  # the site's language lacks a fixed text of the generator (render/locales/)
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # Whoever read our output stopped reading (`... | head`); the work itself is done, so say
        # nothing misleading and keep Python from complaining again at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as exc:  # a full disk, a read-only folder, a file where a folder must go
        where = exc.filename or "a file"
        print(f"Could not read or write {where}: {exc.strerror or exc}. The previous site was left as it was.", file=sys.stderr)
        return 1
