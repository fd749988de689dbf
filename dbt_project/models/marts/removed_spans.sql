-- What cleaning dropped from each document, and why: nothing is removed unaccountably.
-- A view over the raw table (a copy would rewrite every span on every refresh).
{{ config(materialized='view') }}

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
