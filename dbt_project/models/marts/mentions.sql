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
