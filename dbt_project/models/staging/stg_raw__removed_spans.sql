with

source as (
    select * from {{ source('raw', 'removed_spans') }}
),

final as (
    select
        source_file,
        article_id,
        start_char,
        end_char,
        reason,
        removed_text
    from source
)

select * from final
