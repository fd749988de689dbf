-- Shown in Dagster as a check on marts.mentions.
{{ config(meta={'dagster': {'ref': {'name': 'mentions'}}}) }}

-- Every mention's offsets give back its surface text in the article body.
select
    mentions.mention_id,
    mentions.surface,
    substring(articles.body, mentions.start_char + 1, mentions.end_char - mentions.start_char) as body_text
from {{ ref('mentions') }} as mentions
inner join {{ ref('articles') }} as articles
    on mentions.article_id = articles.article_id
where
    substring(articles.body, mentions.start_char + 1, mentions.end_char - mentions.start_char)
    is distinct from mentions.surface
