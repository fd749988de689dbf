-- A view: the columns analysts need from int_event_mentions_merged, which is already a table.
{{ config(materialized='view') }}

with

event_mentions as (
    select * from {{ ref('int_event_mentions_merged') }}
),

final as (
    select
        event_mention_id,
        event_id,
        article_id,
        sentence_index,
        event_type,
        trigger,
        trigger_start,
        trigger_end,
        date_text,
        event_date,
        event_date_precision,
        amount_value,
        amount_currency,
        modality,
        confidence,
        actors,
        arguments,
        evidence,
        is_from_duplicate_article
    from event_mentions
)

select * from final
