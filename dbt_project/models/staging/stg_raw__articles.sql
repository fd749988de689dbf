with

source as (
    select * from {{ source('raw', 'articles') }}
),

final as (
    select
        article_id,
        source_file,
        content_sha256,
        article_index,
        title,
        outlet,
        authors,
        published_at,
        published_precision,
        languages,
        script,
        body,
        body_original,
        original_offsets,
        metadata_sources,
        -- the same article from another outlet or in the other script: same letters and digits, whatever
        -- the punctuation, spacing and quotes (computed once per file at ingest: Article.fingerprint)
        body_fingerprint
    from source
)

select * from final
