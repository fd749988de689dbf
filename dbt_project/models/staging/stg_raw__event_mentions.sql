with

source as (
    select * from {{ source('raw', 'event_mentions') }}
),

final as (
    select
        article_id,
        event_index,
        article_id || '-e' || event_index as event_mention_id,
        sentence_index,
        event_type,
        trigger,
        trigger_start,
        trigger_end,
        event_date as event_date_text,
        {{ partial_iso_date('event_date') }} as event_date,
        date_precision as event_date_precision,
        date_text,
        amount_value,
        amount_currency,
        modality,
        confidence,
        evidence
    from source
)

select * from final
