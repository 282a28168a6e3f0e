"""Build benchmark: synthetic content of N causes, built the project's way and with a baseline.

    python3 bench/run.py --sizes 100 1000 3000 [--baseline-sizes 100 1000] [--serve-size 1000]

For each size: writes synthetic content (bench/synth.py) into a work folder, builds it
in a fresh process (generator pipeline + MkDocs, as `python3 -m generator build` does),
builds it again with no change (which must rewrite no Markdown file), times the least any
generator must do on that content (parse its YAML, create its Markdown files: the "floor"), then
builds the same Markdown with Material's default navigation (no `navigation.prune`, MkDocs' own
flat sections per folder) as the baseline. Prints a table and writes a JSON file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.synth import write_content  # noqa: E402

STAGES = ("load+validate", "link", "check", "render", "write", "fingerprint")


def _tree_memory(root: int) -> int:
    """Proportional memory (PSS) in bytes of a process and all its descendants: the build's forked
    shares and Chromium's processes. PSS splits pages that processes share (forked copies,
    Chromium's libraries) between them, so the sum counts each page once."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue  # ended meanwhile
            parents[int(entry)] = int(stat[stat.rindex(")") + 2 :].split()[1])
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent and pid not in tree]
        tree.update(children)
        frontier.extend(children)
    total = 0
    for pid in tree:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) * 1024
                    break
        except OSError:
            continue
    return total


class _TreeMemory(threading.Thread):
    """Samples a process tree's memory four times a second; `peak` is the largest sample."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self._stop_event = pid, 0, threading.Event()

    def run(self) -> None:
        while not self._stop_event.wait(0.25):
            self.peak = max(self.peak, _tree_memory(self.pid))

    def stop(self) -> int:
        self._stop_event.set()
        self.join()
        return self.peak


def run_worker(args: list[str], log: Path) -> dict[str, Any]:
    """Run bench.worker in its own process; add its wall time and peak memory (max RSS)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    load_before = os.getloadavg()[0]  # other work on the machine slows the wall times
    with open(log, "wb") as err, tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "bench.worker", *args], cwd=ROOT, env=env, stdout=out, stderr=err)
        memory = _TreeMemory(process.pid)
        memory.start()
        # wait4 gives this one child's resource usage, where RUSAGE_CHILDREN would mix all runs.
        _, status, usage = os.wait4(process.pid, 0)
        tree_peak = memory.stop()
        process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        out.seek(0)
        text = out.read().decode()
    if process.returncode != 0:
        raise SystemExit(f"bench worker {args[0]} failed ({process.returncode}); see {log}")
    result: dict[str, Any] = json.loads(text.strip().splitlines()[-1])
    result["wall"] = wall
    # The largest single process (Linux reports KiB), and the whole tree's largest sampled sum:
    # a parallel build's shares and Chromium are processes of their own.
    result["peak_mb"] = usage.ru_maxrss / 1024
    result["peak_tree_mb"] = tree_peak / 2**20
    # CPU seconds, for reading the wall times on a machine that other work shares.
    result["cpu"] = usage.ru_utime + usage.ru_stime
    result["load_before"], result["load_after"] = load_before, os.getloadavg()[0]
    return result


def tree_size(folder: Path) -> tuple[int, int]:
    """(number of files, total bytes) under a folder."""
    files = total = 0
    for dirpath, _, names in os.walk(folder):
        for name in names:
            files += 1
            total += os.path.getsize(os.path.join(dirpath, name))
    return files, total


def write_baseline_config(work: Path) -> Path:
    """The project's mkdocs.yml with Material's default navigation: no generator hook, no nav, no pruning."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    # The theme needs the hook's template filter; nothing else of the hook (no generator, no nav).
    hook = work / "baseline_hook.py"
    hook.write_text(
        "from generator.render.csp import content_security_policy\n\n\n"
        "def on_env(env, config, files):\n"
        '    env.filters["content_security_policy"] = content_security_policy\n'
        "    return env\n",
        encoding="utf-8",
    )
    config["hooks"] = [str(hook)]
    config.pop("nav", None)
    config["theme"]["features"] = [f for f in config["theme"]["features"] if f != "navigation.prune"]
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    config["docs_dir"] = str(work / "docs")
    config["site_dir"] = str(work / "site-baseline")
    config["strict"] = False
    path = work / "baseline.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def measure_size(n: int, work: Path, seed: int, with_baseline: bool) -> dict[str, Any]:
    """Every figure for one size."""
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    counts = write_content(work, n, seed)
    paths = [str(work / "content"), str(work / "site_config"), str(work / "docs"), str(work / "site")]
    print(f"[{n}] building ({sum(counts.values()) - counts['sources']} entity pages)...", file=sys.stderr, flush=True)
    first = run_worker(["project", *paths], work / "project.log")
    files, size = tree_size(work / "site")
    print(f"[{n}] build {first['build']:.1f} s; rebuilding with no change...", file=sys.stderr, flush=True)
    second = run_worker(["project", *paths], work / "rebuild.log")
    scratch = work / "floor-docs"
    least = run_worker(["floor", paths[0], paths[2], str(scratch)], work / "floor.log")
    shutil.rmtree(scratch, ignore_errors=True)
    generator = sum(first["stages"].values())
    row: dict[str, Any] = {
        "causes": n,
        "entities": counts,
        "pages": first["pages"],
        "stages": first["stages"],
        "generator": generator,
        "handouts": first["handouts"],
        "handouts_printed": first["handouts_printed"],
        "mkdocs": first["mkdocs"],
        "build": first["build"],
        # The site without printing PDF handouts (printed once, then only when a cause changes).
        "site_build": first["build"] - first["handouts"],
        "wall": first["wall"],
        "cpu": first["cpu"],
        "peak_mb": first["peak_mb"],
        "peak_tree_mb": first["peak_tree_mb"],
        "jobs": first["jobs"],
        "markdown_written": first["markdown_written"],
        "html_files": files,
        "output_bytes": size,
        "rebuild": {
            "build": second["build"],
            "handouts_printed": second["handouts_printed"],
            "markdown_written": second["markdown_written"],
            "markdown_unchanged": second["markdown_unchanged"],
        },
        "floor": {key: least[key] for key in ("parse", "write", "yaml_files", "markdown_files")},
        "load_average": [first["load_before"], first["load_after"]],
    }
    row["generator_share"] = generator / row["site_build"]
    # Parsing the YAML can be split over the build's processes; creating the files was not.
    row["floor_share"] = (least["parse"] / first["jobs"] + least["write"]) / row["site_build"]
    if with_baseline:
        print(f"[{n}] baseline build (default navigation)...", file=sys.stderr, flush=True)
        base = run_worker(["baseline", str(write_baseline_config(work))], work / "baseline.log")
        base_files, base_size = tree_size(work / "site-baseline")
        shutil.rmtree(work / "site-baseline")  # gigabytes at large sizes
        row["baseline"] = {
            "mkdocs": base["mkdocs"],
            "cpu": base["cpu"],
            "peak_mb": base["peak_mb"],
            "peak_tree_mb": base["peak_tree_mb"],
            "html_files": base_files,
            "output_bytes": base_size,
        }
        row["ratio"] = row["build"] / base["mkdocs"]
        row["site_ratio"] = row["site_build"] / base["mkdocs"]
    return row


def table(rows: list[dict[str, Any]]) -> str:
    """The results as a Markdown table, one row per size (times in seconds)."""
    head = ["causes", "pages", *STAGES, "generator", "gen % of site", "floor % of site", "handouts", "MkDocs", "build"]
    head += ["site build", "cpu"]
    head += [
        "jobs",
        "peak MB",
        "md written",
        "rebuild md written",
        "rebuild",
        "files",
        "output MB",
        "baseline",
        "ratio",
        "site ratio",
    ]
    lines = ["| " + " | ".join(head) + " |", "|" + "---:|" * len(head)]
    for row in rows:
        base = row.get("baseline")
        cells = [str(row["causes"]), str(row["pages"]), *(f"{row['stages'].get(s, 0):.2f}" for s in STAGES)]
        cells += [f"{row['generator']:.2f}", f"{100 * row['generator_share']:.1f}", f"{100 * row['floor_share']:.1f}"]
        cells.append(f"{row['handouts']:.1f}")
        cells += [f"{row['mkdocs']:.1f}", f"{row['build']:.1f}", f"{row['site_build']:.1f}", f"{row['cpu']:.1f}"]
        cells += [
            str(row["jobs"]),
            f"{row['peak_tree_mb']:.0f}",
            str(row["markdown_written"]),
            str(row["rebuild"]["markdown_written"]),
        ]
        cells += [f"{row['rebuild']['build']:.1f}", str(row["html_files"]), f"{row['output_bytes'] / 1e6:.1f}"]
        cells += [f"{base['mkdocs']:.1f}" if base else "-", f"{row['ratio']:.3f}" if base else "-"]
        cells += [f"{row['site_ratio']:.3f}" if base else "-"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def scaling(rows: list[dict[str, Any]]) -> dict[str, float]:
    """Growth from the second-largest to the largest size, against the growth in causes."""
    if len(rows) < 2:
        return {}
    small, large = rows[-2], rows[-1]
    return {
        "causes_ratio": large["causes"] / small["causes"],
        "generator_ratio": large["generator"] / small["generator"],
        "output_ratio": large["output_bytes"] / small["output_bytes"],
        "site_build_ratio": large["site_build"] / small["site_build"],
    }


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average_at_start": os.getloadavg(),
    }


def get_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 3000], help="numbers of causes")
    parser.add_argument("--baseline-sizes", type=int, nargs="*", help="sizes to build the baseline for (default: all)")
    parser.add_argument("--seed", type=int, default=8, help="seed of the synthetic content")
    parser.add_argument("--work", type=Path, help="work folder (default: a new temporary folder, removed after)")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results.json", help="where to write the results")
    parser.add_argument("--serve-size", type=int, help="also measure a YAML edit while serving, at this size")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = get_parser().parse_args(argv)
    baseline_sizes = set(args.sizes if args.baseline_sizes is None else args.baseline_sizes)
    work = args.work or Path(tempfile.mkdtemp(prefix="footguide-bench-"))
    results: dict[str, Any] = {"date": dt.datetime.now().isoformat(timespec="seconds"), "machine": machine(), "seed": args.seed}
    rows = []
    try:
        for n in sorted(args.sizes):
            rows.append(measure_size(n, work / str(n), args.seed, n in baseline_sizes))
        results["sizes"] = rows
        results["scaling"] = scaling(rows)
        if args.serve_size:
            from bench.serve_latency import measure_serve

            folder = work / str(args.serve_size)
            if not (folder / "content").is_dir():
                write_content(folder, args.serve_size, args.seed)
            results["serve"] = measure_serve(folder)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    text = table(rows)
    print(text)
    for key, value in results["scaling"].items():
        print(f"{key}: {value:.2f}")
    if "serve" in results:
        print("serve:", json.dumps(results["serve"]))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    results["table"] = text
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
