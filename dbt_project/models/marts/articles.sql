with

articles as (
    select * from {{ ref('int_articles_deduplicated') }}
),

final as (
    select
        article_id,
        source_file,
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
        duplicate_of_article_id,
        is_duplicate,
        content_sha256,
        metadata_sources,
        length(body) as body_length
    from articles
)

select * from final
