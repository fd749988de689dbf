"""The models never cut text out of a whole article body by character offset (issue 14: a 2 MB one-line
file made dbt take 69 s instead of 20 s). DuckDB finds a character offset in UTF-8 text by scanning from the
start, so one cut per mention costs the body's length each time: 7,000 cuts of a 2-million-character body
took minutes. The Python stage cuts each mention's surface as written and each event's evidence sentence,
where a slice is cheap, and the models read those columns."""

import re

from tests.paths import REPO_ROOT

MODELS = REPO_ROOT / "dbt_project" / "models"
CUT = re.compile(r"\b(?:substring|substr|left|right)\s*\(\s*[\w.]*\bbody(?:_original)?\b", re.I)


def test_no_model_cuts_an_article_body_per_row():
    assert [p.name for p in sorted(MODELS.rglob("*.sql")) if CUT.search(p.read_text(encoding="utf-8"))] == []


def test_the_cut_surfaces_and_evidence_are_the_text_at_their_offsets(built):
    _, conn = built
    mentions = conn.execute(
        """
        select m.original_surface, a.body_original, m.original_start_char, m.original_end_char
        from marts.mentions as m inner join marts.articles as a using (article_id)
        """
    ).fetchall()
    assert mentions
    assert all(surface == body[start:end] for surface, body, start, end in mentions)
    events = conn.execute(
        """
        select e.evidence, e.trigger
        from marts.event_mentions as e
        """
    ).fetchall()
    assert events and all(evidence and trigger in evidence for evidence, trigger in events)
