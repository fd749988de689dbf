-- Shown in Dagster as a check on marts.mentions.
{{ config(meta={'dagster': {'ref': {'name': 'mentions'}}}) }}
-- depends_on: {{ ref('int_touched_articles') }}

-- Every mention's offsets give back its surface text in the article body (in an incremental build, the
-- mentions of the articles it rewrote: macros/incremental_state.sql, only_touched_articles).
select
    mentions.mention_id,
    mentions.surface,
    substring(articles.body, mentions.start_char + 1, mentions.end_char - mentions.start_char) as body_text
from {{ ref('mentions') }} as mentions
inner join {{ ref('articles') }} as articles
    on mentions.article_id = articles.article_id
where
    {{ only_touched_articles('mentions.article_id') }}
    and substring(articles.body, mentions.start_char + 1, mentions.end_char - mentions.start_char)
    is distinct from mentions.surface
