-- A view over the raw table: renaming and defaults cost nothing to query, a copy costs a rewrite.
{{ config(materialized='view') }}

with

source_files as (
    select * from {{ ref('stg_raw__source_files') }}
),

final as (
    select
        source_file,
        content_sha256,
        size_bytes,
        encoding,
        status,
        reason,
        coalesce(article_count, 0) as article_count,
        duplicate_of,
        modified_at
    from source_files
)

select * from final
