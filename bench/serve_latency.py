"""Time from saving a YAML file to the live preview showing it, with a real `python3 -m generator serve`.

Edits of one cause: its summary, several times (only pages that show the text change; the
preview's file watcher looks every half second, so one edit's time varies by that much and the
median is reported), then its name (its page, every page that links to it, the navigation
around it, the search index). For each, the times until the cause's page, a page linking to
it, a page beside it in the navigation and the search index all show the new text. Every wait
is bounded.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _interruptible() -> None:
    """In the server's process: SIGINT back to its default, so the SIGINT below stops it even when the bench
    runs in a background job (a shell makes those ignore SIGINT)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8", "replace"))
    except (urllib.error.URLError, OSError):
        return None


def _wait_for(url: str, token: str, deadline: float, interval: float = 0.05) -> float | None:
    """Poll until the page holds the token; the time it took, or None past the deadline."""
    start = time.perf_counter()
    while time.perf_counter() < deadline:
        text = _get(url)
        if text is not None and token in text:
            return time.perf_counter() - start
        time.sleep(interval)
    return None


def _median(values: list[float | None]) -> float | None:
    """The median, or None when any edit was not shown in time."""
    return None if not values or any(v is None for v in values) else statistics.median(v for v in values if v is not None)


def _neighbour(folder: Path, cause_path: str) -> str:
    """Another page in the same navigation list as the cause (its navigation shows the cause's name)."""
    from generator.pipeline import prepare
    from generator.render.pages import navigation

    site = prepare(folder / "content", folder / "site_config")

    def find(items: list[Any]) -> list[str] | None:
        leaves = [next(iter(i.values())) if isinstance(i, dict) else i for i in items]
        if cause_path in leaves:
            return [leaf for leaf in leaves if isinstance(leaf, str) and leaf != cause_path]
        for leaf in leaves:
            if isinstance(leaf, list) and (found := find(leaf)):
                return found
        return None

    siblings = find(navigation(site)) or []
    return siblings[0]


def _url(base: str, md_path: str) -> str:
    return base + (md_path[: -len("index.md")] if md_path.endswith("index.md") else md_path[:-3] + "/")


def measure_serve(folder: Path, timeout: float = 900, summary_edits: int = 5, code: Path = ROOT) -> dict[str, Any]:
    """Start serve on the content in folder, edit one cause's summary `summary_edits` times and then its name,
    and time the preview. `code`: the checkout whose generator serves (another one to compare with)."""
    port = _free_port()
    cause_file = sorted((folder / "content" / "causes").glob("*.yaml"))[0]
    cause = yaml.safe_load(cause_file.read_text(encoding="utf-8"))
    cause_md = f"causes/{cause_file.stem}.md"
    treatment_id = cause["treatments"][0]
    kind = yaml.safe_load((folder / "content" / "treatments" / f"{treatment_id}.yaml").read_text(encoding="utf-8"))["kind"]
    linking_md = f"{'foot-care' if kind == 'foot-care' else 'treatments'}/{treatment_id}.md"
    neighbour_md = _neighbour(folder, cause_md)
    log_path = folder / "serve.log"
    command = [sys.executable, "-m", "generator", "serve", "--content", str(folder / "content")]
    command += ["--site-config", str(folder / "site_config"), "--docs-dir", str(folder / "serve-docs")]
    command += ["--dev-addr", f"127.0.0.1:{port}"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result: dict[str, Any] = {"causes_in_site": len(list(cause_file.parent.glob("*.yaml")))}
    original = cause_file.read_text(encoding="utf-8")
    with open(log_path, "wb") as log:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=code, env=env, stdout=log, stderr=subprocess.STDOUT, preexec_fn=_interruptible
        )
        try:
            deadline = time.perf_counter() + timeout
            served = None
            while served is None and time.perf_counter() < deadline and process.poll() is None:
                time.sleep(0.5)
                served = re.search(r"Serving on (http://\S+)", log_path.read_text(encoding="utf-8", errors="replace"))
            if served is None:
                raise SystemExit(f"serve did not finish its first build; see {log_path}")
            base = served.group(1).rstrip("/") + "/"  # MkDocs serves under site_url's path
            result["first_build"] = time.perf_counter() - start
            time.sleep(2)  # let the file watcher take its first look at content/
            # Each summary edit adds its own word, so the page shows that edit and no earlier one.
            edits = [("summary", 'summary: "', f'summary: "Zqxvbench{i}q edit. ', f"Zqxvbench{i}q") for i in range(summary_edits)]
            edits.append(("name", f"name: {cause['name']}", f"name: {cause['name']} Zqxvrenamed", "Zqxvrenamed"))
            summaries: list[dict[str, float | None]] = []
            for label, old, new, token in edits:
                text = cause_file.read_text(encoding="utf-8")
                cause_file.write_text(text.replace(old, new, 1), encoding="utf-8")
                edit_deadline = time.perf_counter() + timeout
                timing: dict[str, float | None] = {"page": _wait_for(_url(base, cause_md), token, edit_deadline)}
                timing["search_index"] = _wait_for(base + "search/search_index.json", token, edit_deadline, 0.2)
                if label == "name":
                    timing["linking_page"] = _wait_for(_url(base, linking_md), token, edit_deadline)
                    timing["navigation_neighbour"] = _wait_for(_url(base, neighbour_md), token, edit_deadline)
                # Each wait started after the previous one ended, so the longest is the time until all show it.
                done = [t for t in timing.values() if t is not None]
                timing["all"] = sum(done) if len(done) == len(timing) else None
                if label == "summary":
                    summaries.append(timing)
                else:
                    result[label] = timing
                time.sleep(3)  # let the rebuild finish before the next edit
            result["summary_edits"] = summaries
            result["summary"] = {key: _median([t[key] for t in summaries]) for key in ("page", "search_index", "all")}
            log_text = log_path.read_text(encoding="utf-8", errors="replace")
            result["rebuilt"] = re.findall(r"Rebuilt \d+ of \d+ pages", log_text)
        finally:
            cause_file.write_text(original, encoding="utf-8")
            process.send_signal(signal.SIGINT)  # serve removes its temporary site folder on Ctrl-C
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    return result
