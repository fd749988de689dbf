with

source as (
    select * from {{ source('raw', 'sentences') }}
),

final as (
    select
        article_id,
        sentence_index,
        start_char,
        end_char
    from source
)

select * from final
