"""Data-quality rules on the raw tables: plain functions over a DuckDB connection, no Dagster."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from pipelines import settings


@dataclass(frozen=True)
class Finding:
    passed: bool
    description: str
    failing_rows: list[dict] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def only_files(column: str, files: list[str] | None) -> tuple[str, list]:
    """A SQL condition keeping the rows of `files` (all rows when None), and its parameters."""
    if files is None:
        return "true", []
    return f"list_contains(?::varchar[], {column})", [files]


def _rows(conn: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict]:
    cursor = conn.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def arrived_during_run(seeds_dir: Path, source_file: str, run_started: float) -> bool:
    """Modified after the run began, or being written when it began: the run left it to the next one."""
    from pipelines.seed_folder import SETTLED_SECONDS, seed_path

    try:
        return seed_path(seeds_dir, source_file).stat().st_mtime >= run_started - SETTLED_SECONDS
    except OSError:
        return False


def stale_duplicates(conn: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """Duplicates whose original is not (or no longer) an ingested file with the same bytes."""
    return conn.execute(
        """
        select d.source_file, d.duplicate_of from raw.source_files d
        left join raw.source_files o
          on o.source_file = d.duplicate_of and o.status = 'ingested' and o.content_sha256 = d.content_sha256
        where d.status = 'duplicate' and o.source_file is null
        order by 1
        """
    ).fetchall()


def files_accounted_for(
    conn: duckdb.DuckDBPyConnection,
    files_in_folder: list[str],
    seeds_dir: Path | None = None,
    run_started: float | None = None,
) -> Finding:
    """Every file in the seeds folder has exactly one current row in raw.source_files, every row of a file
    gone from the folder says `deleted`, and every duplicate points at an ingested file with its bytes.
    With `run_started` (a Unix time), files that arrived during the run are left to the next one."""
    recorded = {
        name: status
        for name, status in conn.execute("select source_file, status from raw.source_files").fetchall()
    }
    in_folder = set(files_in_folder)
    missing = [f for f in files_in_folder if f not in recorded or recorded[f] == "deleted"]
    if run_started is not None and seeds_dir is not None:
        missing = [f for f in missing if not arrived_during_run(seeds_dir, f, run_started)]
    duplicates = conn.execute(
        "select source_file from raw.source_files group by source_file having count(*) > 1"
    ).fetchall()
    stale = [f for f, status in recorded.items() if status != "deleted" and f not in in_folder]
    failing = (
        [{"source_file": f, "problem": "in the folder, not in source_files"} for f in missing]
        + [{"source_file": f, "problem": "more than one row"} for (f,) in duplicates]
        + [{"source_file": f, "problem": "in source_files, no longer in the folder"} for f in stale]
        + [
            {"source_file": f, "problem": f"duplicate of {o}, which is not an ingested file with its bytes"}
            for f, o in stale_duplicates(conn)
        ]
    )
    return Finding(
        passed=not failing,
        description=(
            f"all {len(files_in_folder)} files in the seeds folder are accounted for"
            if not failing
            else f"{len(failing)} files disagree between the seeds folder and raw.source_files"
        ),
        failing_rows=failing,
        counts={"files_in_folder": len(files_in_folder), "rows": len(recorded)},
    )


def no_empty_article_bodies(conn: duckdb.DuckDBPyConnection, files: list[str] | None = None) -> Finding:
    """Every article (of `files`, or of every file) has a non-empty body."""
    scope, params = only_files("source_file", files)
    failing = _rows(
        conn,
        "select article_id, source_file, article_index, title from raw.articles "
        f"where {scope} and (body is null or length(trim(body)) = 0) order by source_file, article_index",
        params,
    )
    total = conn.execute(f"select count(*) from raw.articles where {scope}", params).fetchone()[0]
    return Finding(
        passed=not failing,
        description=f"{len(failing)} of {total} articles have an empty body",
        failing_rows=failing,
        counts={"articles": total, "empty": len(failing)},
    )


def offsets_inside_body(conn: duckdb.DuckDBPyConnection, files: list[str] | None = None) -> Finding:
    """Mention and trigger offsets (of `files`, or of every file) lie inside their article body and give
    back their surface text."""
    scope, params = only_files("a.source_file", files)
    failing = _rows(
        conn,
        f"""
        select 'mention' as kind, m.article_id, m.start_char, m.end_char, m.surface as text
        from raw.mentions m join raw.articles a using (article_id)
        where {scope} and (m.start_char < 0 or m.end_char > length(a.body) or m.start_char >= m.end_char
           or substring(a.body, m.start_char + 1, m.end_char - m.start_char) != m.surface)
        union all
        select 'trigger', e.article_id, e.trigger_start, e.trigger_end, e.trigger
        from raw.event_mentions e join raw.articles a using (article_id)
        where {scope} and (e.trigger_start < 0 or e.trigger_end > length(a.body)
           or e.trigger_start >= e.trigger_end
           or substring(a.body, e.trigger_start + 1, e.trigger_end - e.trigger_start) != e.trigger)
        limit 100
        """,
        params * 2,
    )
    return Finding(
        passed=not failing,
        description=(
            "every mention and trigger offset gives back its text"
            if not failing
            else f"{len(failing)} mentions or triggers have offsets that do not match the body"
        ),
        failing_rows=failing,
    )


def load_event_types(path: Path | None = None) -> set[str]:
    path = path or settings.DBT_PROJECT_DIR / "seeds" / "event_types.csv"
    with path.open(encoding="utf-8") as f:
        return {row["event_type"] for row in csv.DictReader(f)}


def event_types_in_taxonomy(conn: duckdb.DuckDBPyConnection) -> Finding:
    known = load_event_types()
    found = conn.execute("select event_type, count(*) from raw.event_mentions group by 1").fetchall()
    failing = [{"event_type": t, "mentions": n} for t, n in found if t not in known]
    return Finding(
        passed=not failing,
        description=(
            f"all {len(found)} event types used are in the taxonomy"
            if not failing
            else f"{len(failing)} event types are not in event_types.csv"
        ),
        failing_rows=failing,
    )


def rejected_files(conn: duckdb.DuckDBPyConnection) -> Finding:
    failing = _rows(
        conn,
        "select source_file, reason from raw.source_files where status = 'rejected' order by source_file",
    )
    return Finding(
        passed=not failing,
        description="no file was rejected" if not failing else f"{len(failing)} files were rejected",
        failing_rows=failing,
    )


def articles_without_mentions(conn: duckdb.DuckDBPyConnection, max_share: float = 0.2) -> Finding:
    """Nearly every news article names someone or something: many without mentions means recognition broke."""
    failing = _rows(
        conn,
        "select a.article_id, a.source_file, a.article_index, a.title from raw.articles a "
        "where not exists (select 1 from raw.mentions m where m.article_id = a.article_id) "
        "order by a.source_file, a.article_index",
    )
    total = conn.execute("select count(*) from raw.articles").fetchone()[0]
    share = len(failing) / total if total else 0.0
    return Finding(
        passed=share <= max_share,
        description=(
            f"{len(failing)} of {total} articles have no entity mention ({share:.0%}; limit {max_share:.0%})"
        ),
        failing_rows=failing,
        counts={"articles": total, "without_mentions": len(failing)},
    )
