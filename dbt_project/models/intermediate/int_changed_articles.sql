-- The articles an incremental build recomputes (issue 15): those added, removed or changed since the last
-- complete build, by its record (macros/incremental_state.sql). An article changes with its file (parsed
-- again: new processing time), its publication time or its duplicate links, which another file's copy of
-- the same body can move. Empty, and unread, when the models are built in full.
with

current_articles as (
    select
        article_id,
        source_file,
        published_at,
        duplicate_of_article_id,
        is_duplicate,
        processed_at
    from {{ ref('int_articles_deduplicated') }}
),

recorded_articles as (
    {{ previous_rows('intermediate', 'incremental_base_articles', [
        ('article_id', 'varchar'), ('source_file', 'varchar'), ('published_at', 'timestamp'),
        ('duplicate_of_article_id', 'varchar'), ('is_duplicate', 'boolean'), ('processed_at', 'timestamp')
    ]) }}
),

final as (
    select coalesce(current_articles.article_id, recorded_articles.article_id) as article_id
    from current_articles
    full outer join recorded_articles
        on current_articles.article_id = recorded_articles.article_id
    where
        current_articles.article_id is null
        or recorded_articles.article_id is null
        or current_articles.source_file is distinct from recorded_articles.source_file
        or current_articles.published_at is distinct from recorded_articles.published_at
        or current_articles.duplicate_of_article_id is distinct from recorded_articles.duplicate_of_article_id
        or current_articles.is_duplicate is distinct from recorded_articles.is_duplicate
        or current_articles.processed_at is distinct from recorded_articles.processed_at
)

select * from final
