-- The merge groups an incremental build recomputes (issue 15): the groups (type, modality, actors) of the
-- event mentions of touched articles, now and at the last complete build, since a mention joining or
-- leaving a group can move the date every undated mention of it takes; with the events the group had,
-- which the events mart replaces. Built before int_event_mentions_merged, so it reads its previous rows.
with

touched_articles as (
    select article_id from {{ ref('int_touched_articles') }}
),

previous_mentions as (
    {{ previous_rows('intermediate', 'int_event_mentions_merged', [
        ('article_id', 'varchar'), ('merge_group', 'varchar'), ('event_id', 'varchar')
    ]) }}
),

touched_groups as (
    select enriched.merge_group
    from {{ ref('int_event_mentions_enriched') }} as enriched
    inner join touched_articles
        on enriched.article_id = touched_articles.article_id
    union
    select previous_mentions.merge_group
    from previous_mentions
    inner join touched_articles
        on previous_mentions.article_id = touched_articles.article_id
),

final as (
    select
        touched_groups.merge_group,
        previous_mentions.event_id as previous_event_id
    from touched_groups
    left join previous_mentions
        on touched_groups.merge_group = previous_mentions.merge_group
)

select * from final
