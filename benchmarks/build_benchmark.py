"""Build and refresh at scale: full build, jieba.posseg on the same text, adding one document.

    .venv/bin/python -m benchmarks.build_benchmark [--sizes 100,1000,10000] [--work DIR] [--repo DIR]
    .venv/bin/python -m benchmarks.build_benchmark --profile 1000   # where the Python stage spends time
    .venv/bin/python -m benchmarks.build_benchmark --dagster-dev    # new file to queryable rows, live

Per size N, in DIR/size_N (default DIR: /tmp/news_benchmark):
1. writes the corpus of N documents (benchmarks.corpus, seed 0);
2. runs a FULL build with the main command, `python -m pipelines build`, in a subprocess with NEWS_SEEDS_DIR,
   NEWS_WAREHOUSE and DAGSTER_HOME in that folder: wall and CPU time (the build and its dbt child),
   peak RSS (of the largest process, from /usr/bin/time or getrusage; and of the whole process tree,
   sampled from /proc), and the Dagster step durations of the run;
3. decodes the same files and runs jieba.posseg.lcut over the decoded text in this process: chars/s of
   both, and how many times faster the whole build is than jieba.posseg alone;
4. adds document N and runs the main command again (the end-to-end time of adding one document);
5. adds document N+1 and takes the sensor path in a subprocess against the same DAGSTER_HOME: two sensor
   evaluations (the stability wait, with the cursor the sensor had before the add), the partition add, and
   the requested `refresh_changed_files` run with `execute_in_process`; the subprocess is timed end to end
   (Python and Dagster start-up included, as a launched run pays them too) and reports its phases.
Both adds are checked: the new file's articles must be in marts.articles of the published warehouse.
Prints a table and writes DIR/results.json. `--repo` runs the commands in another checkout (e.g. a copy
of a commit), with this Python. Timings are wall clock on a shared machine: read the CPU times beside them.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from benchmarks import corpus

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_WORK = Path("/tmp/news_benchmark")
GNU_TIME = Path("/usr/bin/time")
SENSOR = "seed_folder_sensor"
SENSOR_JOB = "refresh_changed_files"
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


# --- running the main command --------------------------------------------------------------------------


@dataclass
class CommandRun:
    seconds: float
    returncode: int
    user_seconds: float | None = None  # CPU time of the command and its children (dbt)
    system_seconds: float | None = None
    peak_rss_mb: float | None = None  # the largest single process
    tree_peak_rss_mb: float | None = None  # the whole process tree at its largest (sampled)
    output_tail: str = ""


def descendants(root: int) -> list[int]:
    """`root` and every process below it, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def tree_rss_kb(root: int) -> int:
    total = 0
    for pid in descendants(root):
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_KB
        except (OSError, IndexError, ValueError):
            continue
    return total


class TreeSampler(threading.Thread):
    """Peak resident memory of a process tree, sampled every 0.2 s."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_kb, self.stop = pid, 0, threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.2):
            self.peak_kb = max(self.peak_kb, tree_rss_kb(self.pid))


def run_command(command: list[str], env: dict[str, str], cwd: Path, log: Path) -> CommandRun:
    """Run `command`, its output to `log`, with wall time, CPU time and peak memory."""
    timing = log.with_suffix(".time")
    use_time = GNU_TIME.exists()
    full = [str(GNU_TIME), "-f", "%e %U %S %M", "-o", str(timing), *command] if use_time else command
    before = _children_usage()
    started = time.perf_counter()
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(full, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        sampler = TreeSampler(process.pid)
        sampler.start()
        returncode = process.wait()
        sampler.stop.set()
    seconds = time.perf_counter() - started
    run = CommandRun(seconds, returncode, tree_peak_rss_mb=round(sampler.peak_kb / 1024, 1))
    if use_time and timing.exists() and timing.read_text().strip():
        last = timing.read_text().strip().splitlines()[-1].split()
        _, user, system, rss_kb = (float(x) for x in last[-4:])
        run.user_seconds, run.system_seconds, run.peak_rss_mb = user, system, round(rss_kb / 1024, 1)
    else:
        after = _children_usage()
        run.user_seconds = after.ru_utime - before.ru_utime
        run.system_seconds = after.ru_stime - before.ru_stime
        run.peak_rss_mb = round(after.ru_maxrss / 1024, 1)  # the largest child so far (KB on Linux)
    run.output_tail = "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-25:])
    return run


def _children_usage():
    import resource

    return resource.getrusage(resource.RUSAGE_CHILDREN)


@dataclass
class Place:
    """One benchmark folder: its seeds, warehouse and Dagster instance."""

    root: Path

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def warehouse(self) -> Path:
        return self.root / "warehouse" / "news.duckdb"

    @property
    def dagster_home(self) -> Path:
        return self.root / "dagster_home"

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            NEWS_SEEDS_DIR=str(self.seeds),
            NEWS_WAREHOUSE=str(self.warehouse),
            DAGSTER_HOME=str(self.dagster_home),
            PYTHONUNBUFFERED="1",
        )
        return env


def main_command(place: Place, repo: Path, log_name: str, spy: bool = False) -> CommandRun:
    command = [sys.executable, "-m", "pipelines", "build"]
    if spy:  # sampled at 20 Hz: a few per cent of overhead
        raw = place.root / f"{log_name}.spy.txt"
        command = [str(PY_SPY), "record", "-r", "20", "-f", "raw", "-o", str(raw), "--", *command]
    return run_command(command, place.env(), repo, place.root / f"{log_name}.log")


PY_SPY = Path(sys.executable).with_name("py-spy")


def spy_summary(raw: Path, top: int = 25) -> list[tuple[str, float]]:
    """Share of the build process's active samples spent inside each function of the pipeline and in a few
    library groups (inclusive: a function's share includes what it calls)."""
    if not raw.exists():
        return []
    inclusive: dict[str, int] = {}
    total = 0
    for line in raw.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        total += int(count)
        frames = set()
        for frame in stack.split(";"):
            if "pipelines/" in frame and " (" in frame:
                function, where = frame.split(" (", 1)
                frames.add(f"{function} ({where.split(':')[0]})")
            for group in ("dagster_dbt/", "polars/", "duckdb", "dagster/_core/storage", "opencc", "rjieba"):
                if group in frame:
                    frames.add(f"[{group.strip('/')}]")
        for frame in frames:
            inclusive[frame] = inclusive.get(frame, 0) + int(count)
    ranked = sorted(inclusive.items(), key=lambda kv: -kv[1])[:top]
    return [("[all active samples]", total)] + [(name, round(n / total, 3)) for name, n in ranked]


# --- what the warehouse and the Dagster instance say ---------------------------------------------------


def query_published(warehouse: Path, sql: str, params: list | None = None, attempts: int = 1):
    """A read-only query; a locked or half-created file is retried `attempts` times, then None."""
    import duckdb

    for attempt in range(attempts):
        try:
            with duckdb.connect(str(warehouse), read_only=True) as conn:
                return conn.execute(sql, params or []).fetchall()
        except (duckdb.Error, OSError):
            if attempt + 1 < attempts:
                time.sleep(0.5)
    return None


def article_count(warehouse: Path, source_file: str) -> int | None:
    rows = query_published(
        warehouse, "select count(*) from marts.articles where source_file = ?", [source_file], attempts=5
    )
    return rows[0][0] if rows else None


def mart_rows(warehouse: Path) -> dict[str, int]:
    counts = {}
    for mart in ("source_files", "articles", "entities", "mentions", "events", "event_mentions"):
        rows = query_published(warehouse, f"select count(*) from marts.{mart}", attempts=3)
        counts[mart] = rows[0][0] if rows else -1
    return counts


def step_durations(dagster_home: Path) -> dict[str, float]:
    """Seconds per step of the instance's latest run, and the run's own start-to-end."""
    from dagster import DagsterInstance
    from dagster._core.instance.ref import InstanceRef

    with DagsterInstance.from_ref(InstanceRef.from_dir(str(dagster_home))) as instance:
        runs = instance.get_runs(limit=1)
        if not runs:
            return {}
        run = runs[0]
        durations = {}
        for step in instance.get_run_step_stats(run.run_id):
            if step.start_time and step.end_time:
                durations[step.step_key] = round(step.end_time - step.start_time, 2)
        stats = instance.get_run_stats(run.run_id)
        if stats.start_time and stats.end_time:
            durations["(whole run)"] = round(stats.end_time - stats.start_time, 2)
        return durations


def instance_stats(dagster_home: Path) -> dict:
    """What the Dagster instance holds after a build: raw/documents' partitions (defined, materialised,
    and per-file dynamic ones, which only an instance of an earlier version has), event-log rows and the
    size of its files."""
    from dagster import AssetKey, DagsterInstance
    from dagster._core.instance.ref import InstanceRef

    from benchmarks.partition_cost import event_rows, instance_size
    from pipelines.buckets import BUCKET_COUNT

    with DagsterInstance.from_ref(InstanceRef.from_dir(str(dagster_home))) as instance:
        materialised = len(instance.get_materialized_partitions(AssetKey(["raw", "documents"])))
        per_file = len(instance.get_dynamic_partitions("seed_files"))
    return {
        "partitions_defined": BUCKET_COUNT,
        "partitions_materialised": materialised,
        "per_file_partitions": per_file,
        "event_log_rows": event_rows(dagster_home),
        "instance_mb": round(instance_size(dagster_home) / 1e6, 1),
    }


def dbt_finished_seconds(log: Path) -> float | None:
    """dbt's own wall time for the whole `dbt build` ('Finished running ... in 0 hours 0 minutes and 13.40
    seconds'), without its start-up and without Dagster's handling of its events."""
    import re

    if not log.exists():
        return None
    text = log.read_text(encoding="utf-8", errors="replace")
    found = re.findall(r"Finished running .*? in (\d+) hours (\d+) minutes and ([\d.]+) seconds", text)
    return round(sum(int(h) * 3600 + int(m) * 60 + float(sec) for h, m, sec in found), 2) if found else None


def dbt_node_seconds(log: Path, top: int = 6) -> tuple[float, list[tuple[str, float]]]:
    """dbt's own per-node timings from the build log ('... [OK in 1.23s]'): total and the slowest."""
    import re

    nodes = []
    if log.exists():
        for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
            line = re.sub(r"\x1b\[[0-9;]*m", "", line)
            match = re.search(
                r"\d+ of \d+ (?:OK|PASS|WARN|ERROR|FAIL)\S* .*? ([\w.]+) \.+ \[\S+ in ([\d.]+)s\]", line
            )
            if match:
                nodes.append((match.group(1), float(match.group(2))))
    nodes.sort(key=lambda n: -n[1])
    return round(sum(s for _, s in nodes), 2), nodes[:top]


# --- jieba.posseg on the same text ---------------------------------------------------------------------


@dataclass
class TextMeasure:
    documents: int
    chars: int
    decode_seconds: float
    rejected: int
    jieba_seconds: float  # over all `chars`; scaled from the sample when jieba_every > 1
    jieba_cpu_seconds: float
    jieba_every: int = 1  # jieba ran on every k-th document
    jieba_sample_chars: int = 0

    @property
    def jieba_chars_per_second(self) -> float:
        return self.chars / self.jieba_seconds


def decoded_texts(seeds: Path) -> tuple[list[str], float, int]:
    from pipelines.text.decoding import decode_bytes
    from pipelines.text.records import RejectedInput

    texts, rejected = [], 0
    started = time.perf_counter()
    for path in sorted(seeds.iterdir()):
        try:
            texts.append(decode_bytes(path.read_bytes()).text)
        except RejectedInput:
            rejected += 1
    return texts, time.perf_counter() - started, rejected


MIN_JIEBA_SAMPLE = 50  # documents: one said little (100 documents, every 1,000th: 60.1 s, all of them 16.6 s)


def sampling_step(documents: int, every: int) -> int:
    """`every`, made smaller where it would sample fewer than MIN_JIEBA_SAMPLE documents."""
    return max(1, min(every, documents // MIN_JIEBA_SAMPLE))


def measure_jieba(seeds: Path, every: int = 1) -> TextMeasure:
    """jieba.posseg.lcut over the decoded documents (dictionary loaded beforehand, not timed). With
    `every` > 1 only every k-th document is segmented and the times are scaled by characters: jieba.posseg
    over 10,000 documents alone takes over an hour."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    jieba.initialize()
    jieba.posseg.lcut("浙江省省长在杭州召开的新闻发布会上表示，阿里云推出了新的模型。")
    texts, decode_seconds, rejected = decoded_texts(seeds)
    every = sampling_step(len(texts), every)
    sample = texts[::every]
    started, cpu = time.perf_counter(), time.process_time()
    for text in sample:
        jieba.posseg.lcut(text)
    chars, sample_chars = sum(len(t) for t in texts), sum(len(t) for t in sample)
    scale = chars / max(sample_chars, 1)
    return TextMeasure(
        len(texts),
        chars,
        round(decode_seconds, 2),
        rejected,
        round((time.perf_counter() - started) * scale, 2),
        round((time.process_time() - cpu) * scale, 2),
        every,
        sample_chars,
    )


# --- the sensor path (run in a subprocess: python -m benchmarks.build_benchmark --sensor-step ...) -------


def sensor_step(mode: str, cursor_file: Path) -> dict:
    """`prime`: two sensor evaluations to learn the folder as it is (no run). `add`: two evaluations,
    the partition add and the requested runs, executed in process. Reads and writes the cursor file."""
    phases: dict[str, float] = {}
    started = time.perf_counter()
    import dagster as dg

    from pipelines import build, settings
    from pipelines.definitions import load
    from pipelines.instance import dagster_home

    settings.export_for_dbt()
    dagster_home()
    build.prepare_dbt_manifest()
    definitions = load()
    sensor_def = definitions.resolve_sensor_def(SENSOR)
    job = definitions.resolve_job_def(SENSOR_JOB)
    instance = dg.DagsterInstance.get()
    phases["start-up (imports, definitions)"] = time.perf_counter() - started

    cursor = cursor_file.read_text(encoding="utf-8") if cursor_file.exists() else None
    t = time.perf_counter()
    requests, partition_adds = [], []
    for _ in range(2):  # a file is taken once it looked the same twice
        result = sensor_def(dg.build_sensor_context(instance=instance, cursor=cursor))
        cursor = result.cursor
        requests += result.run_requests or []
        partition_adds += result.dynamic_partitions_requests or []
    for add in partition_adds:
        instance.add_dynamic_partitions(add.partitions_def_name, list(add.partition_keys))
    phases["two sensor evaluations"] = time.perf_counter() - t
    cursor_file.write_text(cursor or "", encoding="utf-8")
    ranges = [
        (r.tags["dagster/asset_partition_range_start"], r.tags["dagster/asset_partition_range_end"])
        for r in requests
    ]
    ok = True
    if mode == "add":
        t = time.perf_counter()
        log = settings.warehouse_path().parent / "sensor_run.log"
        with log.open("w", encoding="utf-8") as out, contextlib.redirect_stdout(out):
            for request in requests:
                outcome = job.execute_in_process(
                    instance=instance,
                    tags=dict(request.tags),
                    raise_on_error=False,
                    run_config={"loggers": {"console": {"config": {"log_level": "WARNING"}}}},
                )
                ok = ok and outcome.success
        phases["requested run(s)"] = time.perf_counter() - t
    phases["in process, total"] = time.perf_counter() - started
    return {"mode": mode, "ranges": ranges, "ok": ok, "phases": {k: round(v, 2) for k, v in phases.items()}}


def sensor_command(place: Place, repo: Path, mode: str, log_name: str) -> tuple[CommandRun, dict]:
    cursor_file = place.root / "sensor_cursor.json"
    command = [
        sys.executable,
        "-m",
        "benchmarks.build_benchmark",
        "--sensor-step",
        mode,
        "--cursor",
        str(cursor_file),
    ]
    run = run_command(command, place.env(), repo, place.root / f"{log_name}.log")
    report = {}
    for line in reversed(run.output_tail.splitlines()):
        if line.startswith("SENSOR_STEP "):
            report = json.loads(line.removeprefix("SENSOR_STEP "))
            break
    return run, report


# --- one size ------------------------------------------------------------------------------------------


@dataclass
class SizeResult:
    size: int
    corpus: dict = field(default_factory=dict)
    build: dict = field(default_factory=dict)
    build_steps: dict = field(default_factory=dict)
    dbt_seconds: float = 0.0  # the sum of dbt's per-node times
    dbt_finished_seconds: float | None = None  # dbt build's own wall time
    python_stage_profile: list = field(default_factory=list)  # py-spy: share of samples per function
    dbt_slowest: list = field(default_factory=list)
    marts: dict = field(default_factory=dict)
    text: dict = field(default_factory=dict)
    add_main: dict = field(default_factory=dict)
    add_main_steps: dict = field(default_factory=dict)
    add_sensor: dict = field(default_factory=dict)
    add_sensor_report: dict = field(default_factory=dict)
    checks: dict = field(default_factory=dict)
    instance: dict = field(default_factory=dict)  # partitions and event log after the full build


def add_document(place: Place, index: int, seed: int) -> str:
    """Document `index` of the corpus (not in a corpus of fewer documents), written whole by a rename."""
    sources = corpus.load_sources()
    document, _ = corpus.make_document(index, sources, seed)
    partial = place.seeds / f".{document.name}.part"
    partial.write_bytes(document.data)
    partial.rename(place.seeds / document.name)
    return document.name


def run_size(
    size: int,
    work: Path,
    repo: Path,
    seed: int,
    spy: bool = False,
    adds: bool = True,
    jieba_every: int = 1,
) -> SizeResult:
    place = Place(work / f"size_{size}")
    if place.root.exists():
        shutil.rmtree(place.root)
    place.root.mkdir(parents=True)
    result = SizeResult(size)
    say(f"[{size}] corpus")
    summary = corpus.write_corpus(place.seeds, size, seed)
    result.corpus = {"files": summary.files, "bytes": summary.bytes, "chars": summary.chars}
    result.corpus["encodings"] = dict(summary.encodings)
    result.corpus["layouts"] = dict(summary.layouts)

    say(f"[{size}] full build with the main command")
    build = main_command(place, repo, "build", spy=spy)
    result.build = _command_dict(build)
    result.build_steps = step_durations(place.dagster_home)
    result.instance = instance_stats(place.dagster_home)
    result.dbt_seconds, result.dbt_slowest = dbt_node_seconds(place.warehouse.parent / "last_build.log")
    result.dbt_finished_seconds = dbt_finished_seconds(place.warehouse.parent / "last_build.log")
    if spy:
        result.python_stage_profile = spy_summary(place.root / "build.spy.txt")
    result.marts = mart_rows(place.warehouse)
    if build.returncode != 0:
        say(f"[{size}] the build failed (exit {build.returncode}):\n{build.output_tail}")

    say(f"[{size}] jieba.posseg over the same decoded text")
    text = measure_jieba(place.seeds, jieba_every)
    result.text = asdict(text) | {
        "jieba_chars_per_second": round(text.jieba_chars_per_second),
        "build_chars_per_second": round(text.chars / build.seconds),
        "build_vs_jieba": round(text.jieba_seconds / build.seconds, 2),
    }

    if not adds:
        return result
    say(f"[{size}] adding one document with the main command")
    name = add_document(place, size, seed)
    add = main_command(place, repo, "add_main")
    result.add_main = _command_dict(add) | {"file": name}
    result.add_main_steps = step_durations(place.dagster_home)
    result.checks["add_main_articles"] = article_count(place.warehouse, name)

    say(f"[{size}] adding one document through the sensor")
    prime, prime_report = sensor_command(place, repo, "prime", "sensor_prime")
    result.checks["sensor_prime_ranges"] = prime_report.get("ranges")
    name = add_document(place, size + 1, seed)
    run, report = sensor_command(place, repo, "add", "add_sensor")
    result.add_sensor = _command_dict(run) | {"file": name}
    result.add_sensor_report = report
    result.checks["add_sensor_articles"] = article_count(place.warehouse, name)
    if prime.returncode or run.returncode:
        say(f"[{size}] the sensor path failed:\n{prime.output_tail}\n{run.output_tail}")
    return result


def _command_dict(run: CommandRun) -> dict:
    data = asdict(run)
    data["seconds"] = round(data["seconds"], 2)
    data.pop("output_tail")
    return data


def say(message: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {message}", file=sys.stderr, flush=True)


# --- report --------------------------------------------------------------------------------------------


def render(results: list[SizeResult]) -> str:
    base = next((r for r in results if r.size == 100), None)
    lines = [
        "| documents | chars | full build s (CPU s) | peak RSS MB (tree) | build chars/s "
        "| jieba.posseg s (CPU) | jieba chars/s | build vs jieba | add 1, main s | add 1, sensor s (run s) "
        "| add vs 100 (main, sensor) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        b, t = r.build, r.text
        cpu = (b.get("user_seconds") or 0) + (b.get("system_seconds") or 0)
        sensor_run = r.add_sensor_report.get("phases", {}).get("requested run(s)")
        add_main = f"{r.add_main['seconds']:.1f}" if r.add_main else "-"
        add_sensor = f"{r.add_sensor['seconds']:.1f} ({sensor_run})" if r.add_sensor else "-"
        versus = "-"
        if base and base is not r and base.add_main and base.add_sensor and r.add_main and r.add_sensor:
            versus = (
                f"{r.add_main['seconds'] / base.add_main['seconds']:.2f}x, "
                f"{r.add_sensor['seconds'] / base.add_sensor['seconds']:.2f}x"
            )
        lines.append(
            f"| {r.size:,} | {t['chars']:,} | {b['seconds']:.1f} ({cpu:.1f}) | {b['peak_rss_mb']} "
            f"({b['tree_peak_rss_mb']}) | {t['build_chars_per_second']:,} | {t['jieba_seconds']:.1f} "
            f"({t['jieba_cpu_seconds']:.1f}) | {t['jieba_chars_per_second']:,} | {t['build_vs_jieba']:.2f} | "
            f"{add_main} | {add_sensor} | {versus} |"
        )
    lines.append("")
    lines.append("build vs jieba: jieba.posseg seconds / full build seconds (above 1: the build is faster).")
    lines.append("Times are wall clock, CPU seconds in brackets (the build's include its dbt child).")
    for r in results:
        lines.append(f"\n{r.size:,} documents: build exit {r.build['returncode']}, marts {r.marts}")
        lines.append(f"  steps of the full build (s): {r.build_steps}")
        lines.append(f"  Dagster instance after the full build: {r.instance}")
        lines.append(
            f"  dbt build {r.dbt_finished_seconds}s by its own clock; nodes {r.dbt_seconds}s in all, "
            f"slowest: {r.dbt_slowest}"
        )
        if r.python_stage_profile:
            lines.append(f"  py-spy on the full build (share of active samples): {r.python_stage_profile}")
        if r.add_main:
            lines.append(f"  steps of the add with the main command (s): {r.add_main_steps}")
            lines.append(f"  sensor add: {r.add_sensor_report}")
            lines.append(f"  checks: {r.checks}")
    return "\n".join(lines)


# --- profile of the Python stage -----------------------------------------------------------------------


def profile_python_stage(size: int, work: Path, seed: int) -> str:
    """Where `process_files` and the raw write spend their time on a corpus of `size`, stage by stage
    (timers around the library functions the pipeline calls), plus a cProfile dump."""
    import cProfile
    import pstats

    import duckdb

    from pipelines import ingest, warehouse
    from pipelines.text import decoding, documents, entities, events

    place = Place(work / f"profile_{size}")
    if place.root.exists():
        shutil.rmtree(place.root)
    corpus.write_corpus(place.seeds, size, seed)
    totals: dict[str, float] = {}

    def timed(name: str, function):
        def wrapper(*args, **kwargs):
            t = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                totals[name] = totals.get(name, 0.0) + time.perf_counter() - t

        return wrapper

    patches = [
        (decoding, "decode_bytes", "decode_bytes"),
        (documents, "parse_document", "parse_document"),
        (ingest, "extract_article", "extract_article (all extraction)"),
        (entities, "recognise", "  entities.recognise"),
        (events, "find_events", "  events.find_events"),
        (warehouse, "replace_file_rows", "DuckDB write (replace_file_rows)"),
    ]
    saved = [(module, attr, getattr(module, attr)) for module, attr, _ in patches]
    for module, attr, name in patches:
        setattr(module, attr, timed(name, getattr(module, attr)))
    files = sorted(p.name for p in place.seeds.iterdir())
    profiler = cProfile.Profile()
    try:
        started = time.perf_counter()
        profiler.enable()
        rows, outcomes = ingest.process_files(place.seeds, files, {})
        t = time.perf_counter()
        frames = rows.frames()
        totals["polars frames"] = time.perf_counter() - t
        place.warehouse.parent.mkdir(parents=True, exist_ok=True)
        with duckdb.connect(str(place.warehouse)) as conn:
            warehouse.ensure_raw_tables(conn)
            warehouse.replace_file_rows(conn, files, frames)
        profiler.disable()
        total = time.perf_counter() - started
    finally:
        for module, attr, original in saved:
            setattr(module, attr, original)
    dump = place.root / "python_stage.prof"
    profiler.dump_stats(dump)
    chars = sum(len(a["body"]) for a in rows.tables["articles"])
    statuses = {}
    for o in outcomes:
        statuses[o.status] = statuses.get(o.status, 0) + 1
    lines = [
        f"Python stage on {size} documents ({statuses}, {chars:,} body chars): {total:.1f}s under cProfile",
        "| stage | seconds | share |",
        "|---|---:|---:|",
    ]
    for name, seconds in sorted(totals.items(), key=lambda kv: -kv[1]):
        lines.append(f"| {name} | {seconds:.1f} | {seconds / total:.0%} |")
    out = io.StringIO()
    pstats.Stats(str(dump), stream=out).sort_stats("cumulative").print_stats(25)
    lines += ["", f"cProfile (cumulative, top 25; full dump {dump}):", out.getvalue()]
    return "\n".join(lines)


# --- dagster dev: new file to queryable rows -----------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sensor_caught_up(dagster_home: Path) -> bool:
    """The sensor has ticked since it started, its last tick requested nothing, and no run is pending."""
    from dagster import DagsterInstance, DagsterRunStatus, RunsFilter
    from dagster._core.instance.ref import InstanceRef
    from dagster._core.scheduler.instigation import InstigatorType, TickStatus

    with DagsterInstance.from_ref(InstanceRef.from_dir(str(dagster_home))) as instance:
        pending = instance.get_runs_count(
            RunsFilter(
                statuses=[
                    DagsterRunStatus.QUEUED,
                    DagsterRunStatus.NOT_STARTED,
                    DagsterRunStatus.STARTING,
                    DagsterRunStatus.STARTED,
                ]
            )
        )
        if pending:
            return False
        for state in instance.all_instigator_state(instigator_type=InstigatorType.SENSOR):
            if state.name != SENSOR:
                continue
            ticks = instance.get_ticks(state.instigator_origin_id, state.selector_id, limit=3)
            return len(ticks) >= 3 and all(t.status == TickStatus.SKIPPED for t in ticks[:2])
    return False


def dagster_dev(work: Path, repo: Path, seed: int, repeats: int = 5, timeout: float = 600) -> dict:
    """Start `dagster dev` on a built 100-document warehouse, drop new files one at a time, time each until
    queryable, phase by phase; the figure is the median."""
    import urllib.request

    place = Place(work / "dagster_dev")
    if place.root.exists():
        shutil.rmtree(place.root)
    place.root.mkdir(parents=True)
    corpus.write_corpus(place.seeds, 100, seed)
    say("[dagster dev] building the 100-document warehouse first")
    build = main_command(place, repo, "build")
    if build.returncode:
        return {"error": "the build failed", "tail": build.output_tail}
    port = free_port()
    log = (place.root / "dagster_dev.log").open("w", encoding="utf-8")
    env = place.env() | {"PYTHONPATH": str(repo)}  # the code server imports this checkout's pipelines
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("dagster")), "dev", "-p", str(port), "-h", "127.0.0.1"],
        env=env,
        cwd=repo,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, killed as one below
    )
    result: dict = {"port": port}
    try:
        started = time.perf_counter()
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/server_info", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.perf_counter() - started > 240:
                    raise RuntimeError(f"dagster dev did not come up; see {log.name}") from None
                time.sleep(1)
        result["webserver_up_seconds"] = round(time.perf_counter() - started, 1)
        say("[dagster dev] up; waiting for the sensor to catch up with the folder")
        while not sensor_caught_up(place.dagster_home):
            if time.perf_counter() - started > timeout:
                raise RuntimeError("the sensor did not catch up with the 100 files")
            time.sleep(2)
        result["caught_up_seconds"] = round(time.perf_counter() - started, 1)
        landings = []
        for k in range(repeats):
            say(f"[dagster dev] dropping a new file ({k + 1} of {repeats})")
            landings.append(time_one_landing(place, 100 + k, seed, timeout))
            waited = time.perf_counter()
            while not sensor_caught_up(place.dagster_home):  # the run's last steps (the report) too
                if time.perf_counter() - waited > timeout:
                    raise RuntimeError("the sensor did not settle after a new file")
                time.sleep(1)
        result["landings"] = landings
        seconds = sorted(x["new_file_to_queryable_seconds"] for x in landings)
        result["new_file_to_queryable_seconds"] = seconds[len(seconds) // 2]  # the median
    except RuntimeError as error:
        result["error"] = str(error)
    finally:
        stop_group(process)
        log.close()
    return result


def time_one_landing(place: Place, index: int, seed: int, timeout: float) -> dict:
    """Drop document `index` into the seeds folder and poll the published warehouse until its article is
    queryable; then read from the instance where the seconds went."""
    name = add_document(place, index, seed)
    dropped, dropped_wall = time.perf_counter(), time.time()
    while True:
        rows = query_published(
            place.warehouse, "select count(*) from marts.articles where source_file = ?", [name]
        )
        if rows and rows[0][0] > 0:
            break
        if time.perf_counter() - dropped > timeout:
            raise RuntimeError(f"{name} was not queryable after {timeout}s")
        time.sleep(0.2)
    elapsed = time.perf_counter() - dropped
    return {
        "file": name,
        "new_file_to_queryable_seconds": round(elapsed, 1),
        "phases": landing_phases(place.dagster_home, dropped_wall, dropped_wall + elapsed),
    }


def landing_phases(dagster_home: Path, dropped: float, queryable: float) -> dict[str, float]:
    """The seconds from a file landing (Unix time `dropped`) to its rows being seen (`queryable`), from the
    instance's records of the first run created after it: landing to the sensor's run request (settle
    rule and tick interval), the launch (a new process imports the code), each step and the gaps between
    steps in order, and from the last published step to the poll that saw the rows."""
    from datetime import UTC, datetime

    from dagster import DagsterInstance, RunsFilter
    from dagster._core.instance.ref import InstanceRef

    with DagsterInstance.from_ref(InstanceRef.from_dir(str(dagster_home))) as instance:
        after = datetime.fromtimestamp(dropped, UTC)
        records = instance.get_run_records(filters=RunsFilter(created_after=after), ascending=True)
        if not records:
            return {}
        record = records[0]
        steps = sorted(
            (s for s in instance.get_run_step_stats(record.dagster_run.run_id) if s.start_time),
            key=lambda s: s.start_time,
        )
    phases = {"landing to run request (settle, sensor tick)": record.create_timestamp.timestamp() - dropped}
    clock = record.start_time or record.create_timestamp.timestamp()
    phases["run launch (process start, imports)"] = clock - record.create_timestamp.timestamp()
    between = 0.0
    for step in steps:
        if step.start_time > queryable:
            break  # steps after the rows were seen (the report) are not on the path
        between += max(step.start_time - clock, 0.0)
        phases[step.step_key] = (step.end_time or queryable) - step.start_time
        clock = max(clock, step.end_time or queryable)
    phases["between steps"] = between
    phases["published to seen (poll)"] = max(queryable - clock, 0.0)
    return {key: round(value, 2) for key, value in phases.items()}


def stop_group(process: subprocess.Popen) -> None:
    """SIGTERM to the process group we started, SIGKILL to what is left of it after 20 s."""
    members = descendants(process.pid)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    for pid in members:  # run workers that left the group
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)


# --- command line --------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.build_benchmark", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--sizes", default="100,1000,10000", help="comma-separated corpus sizes")
    parser.add_argument(
        "--work", type=Path, default=DEFAULT_WORK, help=f"work folder (default {DEFAULT_WORK})"
    )
    parser.add_argument("--repo", type=Path, default=REPO_ROOT, help="checkout to run the commands in")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--profile", type=int, metavar="N", help="profile the Python stage on N documents")
    parser.add_argument(
        "--dagster-dev", action="store_true", help="time a new file to rows under dagster dev"
    )
    parser.add_argument(
        "--repeats", type=int, default=5, help="with --dagster-dev: files dropped one after another"
    )
    parser.add_argument(
        "--py-spy", action="store_true", help="sample each full build with py-spy if installed"
    )
    parser.add_argument(
        "--no-adds", action="store_true", help="full build and jieba only, no single-file adds"
    )
    parser.add_argument(
        "--jieba-every",
        type=int,
        default=1,
        metavar="K",
        help="jieba.posseg on every K-th document (at least 50 of them), times scaled by characters",
    )
    parser.add_argument("--sensor-step", choices=("prime", "add"), help=argparse.SUPPRESS)
    parser.add_argument("--cursor", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.sensor_step:
        report = sensor_step(args.sensor_step, args.cursor)
        print("SENSOR_STEP " + json.dumps(report, ensure_ascii=False), flush=True)
        return 0 if report["ok"] else 1
    work, repo = args.work.resolve(), args.repo.resolve()
    if work.is_relative_to(REPO_ROOT) or work.is_relative_to(repo):
        print(f"the work folder {work} must be outside the repository", file=sys.stderr)
        return 2
    work.mkdir(parents=True, exist_ok=True)
    if args.profile:
        print(profile_python_stage(args.profile, work, args.seed))
        return 0
    if args.dagster_dev:
        result = dagster_dev(work, repo, args.seed, repeats=args.repeats)
        (work / "dagster_dev.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
        print(json.dumps(result, indent=2))
        return 0 if "error" not in result else 1
    results = []
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        spy = args.py_spy and PY_SPY.exists()
        results.append(
            run_size(
                size, work, repo, args.seed, spy=spy, adds=not args.no_adds, jieba_every=args.jieba_every
            )
        )
        (work / "results.json").write_text(
            json.dumps([asdict(r) for r in results], indent=2, ensure_ascii=False, default=str),
            encoding="utf-8",
        )
        say(f"[{size}] done")
    print(render(results))
    print(f"\nresults: {work / 'results.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
