-- The articles whose resolved mentions and event mentions an incremental build recomputes (issue 15): the
-- changed articles, and every article naming an entity whose bilingual translation pair appeared,
-- changed or went since the last complete build (its mentions now resolve to another entity).
with

changed_articles as (
    select article_id from {{ ref('int_changed_articles') }}
),

translations as (
    select * from {{ ref('int_entity_translations') }}
),

recorded_translations as (
    {{ previous_rows('intermediate', 'incremental_base_translations', [
        ('from_entity_id', 'varchar'), ('to_entity_id', 'varchar'),
        ('to_entity_name', 'varchar'), ('entity_type', 'varchar')
    ]) }}
),

changed_translations as (
    select coalesce(translations.from_entity_id, recorded_translations.from_entity_id) as from_entity_id
    from translations
    full outer join recorded_translations
        on translations.from_entity_id = recorded_translations.from_entity_id
    where
        translations.from_entity_id is null
        or recorded_translations.from_entity_id is null
        or translations.to_entity_id is distinct from recorded_translations.to_entity_id
        or translations.to_entity_name is distinct from recorded_translations.to_entity_name
        or translations.entity_type is distinct from recorded_translations.entity_type
),

retranslated_articles as (
    select distinct matched.article_id
    from {{ ref('int_mentions_matched') }} as matched
    inner join changed_translations
        on matched.matched_entity_id = changed_translations.from_entity_id
),

final as (
    select article_id from changed_articles
    union
    select article_id from retranslated_articles
)

select * from final
