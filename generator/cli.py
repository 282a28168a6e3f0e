"""Command line: `python -m generator check|build|serve|handouts`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from mkdocs.exceptions import MkDocsException

from .errors import ContentErrors
from .handouts.pdf import PrintError
from .pipeline import generate, prepare
from .settings import handouts_dir, use_content_dirs

PROJECT = Path(__file__).resolve().parent.parent


def get_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    commands = {
        "check": "validate the content and report every problem; write nothing",
        "build": "check, write Markdown into the docs folder, then build the HTML site",
        "serve": "build and serve a live preview that rebuilds when content/ changes",
        "handouts": "check, then print a PDF handout for the topic and for each cause",
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
        if name not in ("check", "handouts"):
            command.add_argument("--config-file", type=Path, default=PROJECT / "mkdocs.yml", help="MkDocs configuration")
            command.add_argument("--docs-dir", type=Path, default=PROJECT / "docs", help="generated Markdown (default: docs/)")
        if name == "build":
            command.add_argument("--site-dir", type=Path, default=PROJECT / "site", help="built HTML (default: site/)")
        if name == "serve":
            command.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on")
    return parser


def _check(args: argparse.Namespace) -> int:
    site = prepare(args.content, args.site_config)
    pages = len(site.pages)
    print(f"Content is valid: {pages} pages, {len(site.sources)} sources.")
    return 0


def _handouts(args: argparse.Namespace) -> int:
    from .handouts.make import make_handouts

    report = make_handouts(prepare(args.content, args.site_config), args.out)
    print(f"{report.summary()}, into {args.out}.")
    _warn_long(report.too_long())
    return 0


def _warn_long(lines: list[str]) -> None:
    for line in lines:
        print(f"warning: handout {line}; shorten the page's text", file=sys.stderr)


def _build(args: argparse.Namespace) -> int:
    from .build import build_html
    from .handouts.make import make_handouts

    start = time.perf_counter()
    generated = generate(args.content, args.site_config, args.docs_dir)
    # Printed here to report it; the MkDocs hook then finds every handout up to date and adds them to the site.
    handouts = make_handouts(generated.site, handouts_dir(args.docs_dir))
    use_content_dirs(args.content, args.site_config)
    build_html(args.config_file, args.docs_dir, args.site_dir)
    report = generated.report
    print(
        f"Built {len(generated.site.pages)} pages into {args.site_dir} in {time.perf_counter() - start:.1f} s "
        f"({len(report.written)} Markdown files written, {report.unchanged} unchanged, {len(report.removed)} removed; "
        f"{handouts.summary()})."
    )
    _warn_long(handouts.too_long())
    print(f"Open {args.site_dir / 'index.html'} or run: python -m generator serve")
    return 0


def _serve(args: argparse.Namespace) -> int:
    import logging

    from mkdocs.commands.serve import serve

    from .build import show_mkdocs_messages

    prepare(args.content, args.site_config)
    use_content_dirs(args.content, args.site_config)
    show_mkdocs_messages(logging.INFO)
    serve(config_file=str(args.config_file), dev_addr=args.dev_addr, docs_dir=str(args.docs_dir.resolve()))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = get_parser().parse_args(argv)
    try:
        return {"check": _check, "build": _build, "serve": _serve, "handouts": _handouts}[args.command](args)
    except ContentErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except MkDocsException as exc:
        print(f"The site build failed: {exc}", file=sys.stderr)
        return 1
    except PrintError as exc:
        print(f"Printing the handouts failed: {exc}", file=sys.stderr)
        return 1
