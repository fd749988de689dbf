-- A view: the columns analysts need from int_mentions_resolved, which is already a table. Copying
-- every mention again on each refresh cost time that grew with the archive.
{{ config(materialized='view') }}

with

mentions as (
    select * from {{ ref('int_mentions_resolved') }}
),

final as (
    select
        mention_id,
        entity_id,
        article_id,
        sentence_index,
        start_char,
        end_char,
        surface,
        entity_type,
        original_start_char,
        original_end_char,
        original_surface,
        method,
        confidence,
        is_from_duplicate_article
    from mentions
)

select * from final
