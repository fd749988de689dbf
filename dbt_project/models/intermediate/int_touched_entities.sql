-- The canonical entities an incremental build recomputes (issue 15): every entity a mention of a touched
-- article resolved to at the last complete build or resolves to now. A new translation pair or alias that
-- merges two entities touches both: the old id of the mentions and the new one. Built before the models it
-- describes, so it still reads their previous rows; with each entity's previous name, as entity_pairs
-- rewrites the pairs of a renamed entity.
with

touched_articles as (
    select article_id from {{ ref('int_touched_articles') }}
),

previous_mentions as (
    {{ previous_rows('intermediate', 'int_mentions_resolved', [('article_id', 'varchar'), ('entity_id', 'varchar')]) }}
),

previous_entities as (
    {{ previous_rows('marts', 'entities', [('entity_id', 'varchar'), ('name', 'varchar')]) }}
),

current_mentions as (
    -- the rule of int_mentions_resolved: the translation's entity, else the gazetteer match
    select
        matched.article_id,
        coalesce(translations.to_entity_id, matched.matched_entity_id) as entity_id
    from {{ ref('int_mentions_matched') }} as matched
    left join {{ ref('int_entity_translations') }} as translations
        on matched.matched_entity_id = translations.from_entity_id
),

touched as (
    select previous_mentions.entity_id
    from previous_mentions
    inner join touched_articles
        on previous_mentions.article_id = touched_articles.article_id
    union
    select current_mentions.entity_id
    from current_mentions
    inner join touched_articles
        on current_mentions.article_id = touched_articles.article_id
),

final as (
    select
        touched.entity_id,
        previous_entities.name as previous_name
    from touched
    left join previous_entities
        on touched.entity_id = previous_entities.entity_id
)

select * from final
