with

source as (
    select * from {{ source('raw', 'paragraphs') }}
),

final as (
    select
        article_id,
        paragraph_index,
        start_char,
        end_char,
        language,
        translation_of
    from source
)

select * from final
