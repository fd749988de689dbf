-- Articles of the files currently ingested, each linked to its first copy when the same clean
-- (Simplified) body was already published elsewhere: another outlet, another file, the other script.
-- Keys only: the bodies stay in the raw table (copying them here cost more than the rest of the model).
with

articles as (
    select * from {{ ref('stg_raw__articles') }}
),

source_files as (
    select * from {{ ref('stg_raw__source_files') }}
),

current_articles as (
    select
        articles.article_id,
        articles.source_file,
        articles.article_index,
        articles.published_at,
        articles.body_fingerprint,
        source_files.processed_at
    from articles
    inner join source_files
        on articles.source_file = source_files.source_file
    where source_files.status = 'ingested'
),

first_copies as (
    select
        *,
        first_value(article_id) over (
            partition by body_fingerprint
            order by published_at asc nulls last, source_file asc, article_index asc
        ) as first_copy_id
    from current_articles
),

final as (
    select
        article_id,
        source_file,
        published_at,
        case when first_copy_id != article_id then first_copy_id end as duplicate_of_article_id,
        first_copy_id != article_id as is_duplicate,
        -- when the file was last parsed: an incremental build compares it with its record (issue 15)
        processed_at
    from first_copies
)

select * from final
