with

source as (
    select * from {{ source('raw', 'mentions') }}
),

final as (
    select
        article_id,
        mention_index,
        article_id || '-m' || mention_index as mention_id,
        sentence_index,
        start_char,
        end_char,
        original_start_char,
        original_end_char,
        original_surface,
        surface,
        normalised_surface,
        entity_type,
        canonical_key,
        method,
        confidence
    from source
)

select * from final
