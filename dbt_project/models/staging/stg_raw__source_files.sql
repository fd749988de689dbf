with

source as (
    select * from {{ source('raw', 'source_files') }}
),

final as (
    select
        source_file,
        content_sha256,
        size_bytes,
        modified_at,
        encoding,
        status,
        reason,
        duplicate_of,
        article_count,
        processed_at
    from source
)

select * from final
