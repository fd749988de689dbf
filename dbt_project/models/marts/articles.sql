-- A view: the raw articles joined to their duplicate keys. The bodies are the largest columns in the
-- warehouse; copying them on every refresh cost more than any other model.
{{ config(materialized='view') }}

with

articles as (
    select * from {{ ref('stg_raw__articles') }}
),

deduplicated as (
    select * from {{ ref('int_articles_deduplicated') }}
),

final as (
    select
        articles.article_id,
        articles.source_file,
        articles.article_index,
        articles.title,
        articles.outlet,
        articles.authors,
        articles.published_at,
        articles.published_precision,
        articles.languages,
        articles.script,
        articles.body,
        articles.body_original,
        deduplicated.duplicate_of_article_id,
        deduplicated.is_duplicate,
        articles.content_sha256,
        articles.metadata_sources,
        length(articles.body) as body_length
    from articles
    -- only the articles of files currently ingested
    inner join deduplicated
        on articles.article_id = deduplicated.article_id
)

select * from final
