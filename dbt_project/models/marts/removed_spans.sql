-- What cleaning dropped from each document, and why: nothing is removed unaccountably.
with

removed_spans as (
    select * from {{ ref('stg_raw__removed_spans') }}
),

final as (
    select
        source_file,
        article_id,
        start_char,
        end_char,
        reason,
        removed_text
    from removed_spans
)

select * from final
