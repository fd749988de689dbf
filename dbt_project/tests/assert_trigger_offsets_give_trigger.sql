-- Shown in Dagster as a check on marts.event_mentions.
{{ config(meta={'dagster': {'ref': {'name': 'event_mentions'}}}) }}

-- Every event trigger's offsets give back the trigger word in the article body.
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
    substring(
        articles.body, event_mentions.trigger_start + 1, event_mentions.trigger_end - event_mentions.trigger_start
    ) is distinct from event_mentions.trigger
