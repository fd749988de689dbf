"""Small Markdown tables for metadata previews (Dagster renders them in the UI)."""

from __future__ import annotations

from collections.abc import Sequence


def cell(value: object, max_chars: int) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = ", ".join(str(v) for v in value)
    text = " ".join(str(value).split())  # newlines would end the table row
    if len(text) > max_chars:
        text = text[: max_chars - 1] + "…"
    return text.replace("|", "\\|")


def markdown_table(columns: Sequence[str], rows: Sequence[Sequence[object]], *, max_chars: int = 40) -> str:
    """A Markdown table of `rows` under `columns`; long values are cut to `max_chars` characters."""
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(cell(v, max_chars) for v in row) + " |" for row in rows]
    return "\n".join(lines)
