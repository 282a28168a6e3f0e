"""One measured build, run in its own process so its peak memory can be read by the parent.

`python3 -m bench.worker project CONTENT SITE_CONFIG DOCS SITE` builds the way
`python3 -m generator build` does (generator pipeline, the PDF handouts, then MkDocs with
the project's mkdocs.yml and hook); `python3 -m bench.worker baseline CONFIG` runs MkDocs alone on a
config file (the baseline: same Markdown, Material's default navigation);
`python3 -m bench.worker floor CONTENT DOCS SCRATCH` times the least any generator must do
(see `floor`).
Prints one JSON object on stdout.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def project(content: Path, site_config: Path, docs: Path, site: Path) -> dict[str, object]:
    """The same calls as `python3 -m generator build`, with each part timed."""
    from generator.engine.build import build_html
    from generator.engine.settings import handouts_dir, use_content_dirs
    from generator.handouts.make import make_handouts
    from generator.parallel import jobs_for
    from generator.pipeline import generate

    start = time.perf_counter()
    generated = generate(content, site_config, docs)
    generator_time = time.perf_counter() - start
    handouts_start = time.perf_counter()
    handouts = make_handouts(generated.site, handouts_dir(docs))
    handouts_time = time.perf_counter() - handouts_start
    use_content_dirs(content, site_config)
    mkdocs_start = time.perf_counter()
    build_html(ROOT / "mkdocs.yml", docs, site)
    end = time.perf_counter()
    return {
        "stages": generated.timings,
        "generator": generator_time,
        "handouts": handouts_time,
        "handouts_printed": len(handouts.printed),
        "mkdocs": end - mkdocs_start,
        "build": end - start,
        "pages": len(generated.site.pages),
        "jobs": jobs_for(len(generated.site.pages)),
        # Markdown and exports (the exports were in docs/ until the seventh stop of 2026-12-04: counted alike).
        "markdown_written": len(generated.report.written) + len(generated.exports_report.written),
        "markdown_unchanged": generated.report.unchanged + generated.exports_report.unchanged,
    }


def baseline(config_file: Path) -> dict[str, object]:
    """MkDocs alone on already generated Markdown."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from generator.engine.build import show_mkdocs_messages

    show_mkdocs_messages()
    start = time.perf_counter()
    config = load_config(str(config_file))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()
    elapsed = time.perf_counter() - start
    return {"mkdocs": elapsed, "build": elapsed}


def floor(content: Path, docs: Path, scratch: Path) -> dict[str, object]:
    """The two parts of the generator's work that no design can skip, each in one process: parsing
    every YAML file with libyaml into plain data (no positions, no validation), and creating the
    Markdown files the generator wrote (the same bytes, into an empty folder). What these take,
    against the site build, is the smallest share of it a generator reading this YAML could have."""
    import yaml

    sources = sorted(content.rglob("*.yaml"))
    start = time.perf_counter()
    for source in sources:
        yaml.load(source.read_bytes(), Loader=yaml.CSafeLoader)
    parse = time.perf_counter() - start
    pages = sorted(docs.rglob("*.md"))
    texts = [(page.relative_to(docs), page.read_bytes()) for page in pages]
    start = time.perf_counter()
    for relative, data in texts:
        target = scratch / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    write = time.perf_counter() - start
    return {"parse": parse, "write": write, "yaml_files": len(sources), "markdown_files": len(pages)}


def main(argv: list[str]) -> int:
    mode, *paths = argv
    if mode == "project":
        result = project(*map(Path, paths))
    elif mode == "floor":
        result = floor(*map(Path, paths))
    else:
        result = baseline(Path(paths[0]))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
