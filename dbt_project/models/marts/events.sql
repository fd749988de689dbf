-- One row per real-world event (see int_event_mentions_merged for the merge rule). Incremental (issue 15):
-- the events of the touched merge groups (int_touched_events), as they were and as they are, are replaced.
{%- set touched = ref('int_touched_events') %}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='append_new_columns',
    pre_hook="{{ delete_touched('event_id in (' ~ touched_events() ~ ')') }}",
) }}

with

event_mentions as (
    select * from {{ ref('int_event_mentions_merged') }}
    {%- if incremental_ready() %}
    where event_id in ({{ touched_events() }})
    {%- endif %}
),

precision_ranks as (
    select
        *,
        case event_date_precision when 'day' then 3 when 'month' then 2 when 'year' then 1 else 0 end
            as precision_rank
    from event_mentions
),

aggregated as (
    select
        event_id,
        min(event_type) as event_type,
        min(modality) as modality,
        -- the best-dated mention gives the date: most precise, then earliest
        arg_max(event_date, precision_rank * 100000 - coalesce(epoch(event_date) / 86400, 0))
        filter (where event_date is not null) as event_date,
        max(precision_rank) as precision_rank,
        list_sort(list_distinct(flatten(list(actors)))) as actors,
        count(*) filter (where not is_from_duplicate_article) as num_mentions,
        count(distinct article_id) filter (where not is_from_duplicate_article) as num_articles,
        -- ties broken by id, so the result does not depend on the order rows arrive in
        first(article_id order by published_at asc nulls last, article_id asc) as first_article_id,
        min(published_at) as first_reported_at,
        first(trigger order by confidence desc, event_mention_id asc) as trigger,
        first(evidence order by confidence desc, event_mention_id asc) as evidence,
        max(amount_value) as amount_value,
        first(amount_currency order by amount_value desc nulls last, amount_currency asc) as amount_currency,
        max(confidence) as confidence
    from precision_ranks
    group by event_id
),

final as (
    select
        event_id,
        event_type,
        event_date::date as event_date,
        case precision_rank when 3 then 'day' when 2 then 'month' when 1 then 'year' end as event_date_precision,
        actors,
        num_mentions::integer as num_mentions,
        num_articles::integer as num_articles,
        modality,
        trigger,
        amount_value,
        amount_currency,
        confidence,
        first_article_id,
        first_reported_at,
        evidence
    from aggregated
)

select * from final
