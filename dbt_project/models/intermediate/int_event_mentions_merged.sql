-- Which real-world event each event mention reports. The merge rule:
--   * mentions with no actor are never merged (nothing says two of them are the same event);
--   * otherwise same event type, same modality and the same set of actors, and a compatible date:
--     the same month (day/month precision) or the same year (year precision);
--   * an undated mention joins the dated event of the same type and actors when there is exactly one,
--     otherwise it forms one undated event per type and actors.
-- Incremental (issue 15): the merge groups of int_touched_events are recomputed, every mention of them.
{%- set touched = ref('int_touched_events') %}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='sync_all_columns',
    pre_hook="{{ delete_touched('merge_group in (select merge_group from ' ~ ref('int_touched_events') ~ ')') }}",
) }}

with

event_mentions as (
    select * from {{ ref('int_event_mentions_enriched') }}
    where {{ only_touched('merge_group', touched) }}
),

bucketed as (
    select
        *,
        array_to_string(actors, '|') as actors_key,
        case
            when event_date_precision = 'year' then strftime(event_date, '%Y')
            when event_date is not null then strftime(event_date, '%Y-%m')
        end as date_bucket
    from event_mentions
),

dated_events as (
    select
        event_type,
        modality,
        actors_key,
        count(distinct date_bucket) as bucket_count,
        min(date_bucket) as only_bucket
    from bucketed
    where date_bucket is not null and actors_key != ''
    group by event_type, modality, actors_key
),

keyed as (
    select
        bucketed.*,
        case
            when bucketed.actors_key = '' then 'single|' || bucketed.event_mention_id
            when bucketed.date_bucket is not null
                then concat_ws('|', bucketed.event_type, bucketed.modality, bucketed.actors_key, bucketed.date_bucket)
            when dated_events.bucket_count = 1
                then
                    concat_ws(
                        '|', bucketed.event_type, bucketed.modality, bucketed.actors_key, dated_events.only_bucket
                    )
            else concat_ws('|', bucketed.event_type, bucketed.modality, bucketed.actors_key, 'undated')
        end as event_key
    from bucketed
    left join dated_events
        on
            bucketed.event_type = dated_events.event_type
            and bucketed.modality = dated_events.modality
            and bucketed.actors_key = dated_events.actors_key
),

final as (
    select
        * exclude (actors_key, date_bucket),
        {{ short_hash('event_key') }} as event_id
    from keyed
)

select * from final
