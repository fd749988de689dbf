-- Shown in Dagster as a check on marts.event_mentions.
{{ config(meta={'dagster': {'ref': {'name': 'event_mentions'}}}) }}
-- depends_on: {{ ref('int_touched_articles') }}

-- Every event trigger's offsets give back the trigger word in the article body (in an incremental build,
-- the event mentions of the articles it rewrote: macros/incremental_state.sql, only_touched_articles).
select
    event_mentions.event_mention_id,
    event_mentions.trigger,
    substring(
        articles.body, event_mentions.trigger_start + 1, event_mentions.trigger_end - event_mentions.trigger_start
    ) as body_text
from {{ ref('event_mentions') }} as event_mentions
inner join {{ ref('articles') }} as articles
    on event_mentions.article_id = articles.article_id
where
    {{ only_touched_articles('event_mentions.article_id') }}
    and substring(
        articles.body, event_mentions.trigger_start + 1, event_mentions.trigger_end - event_mentions.trigger_start
    ) is distinct from event_mentions.trigger
