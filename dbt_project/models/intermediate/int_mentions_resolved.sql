-- Mentions resolved to canonical entities: the gazetteer match of int_mentions_matched, unless the name
-- was paired with its translation on a bilingual page (int_entity_translations). Incremental: the articles
-- of int_touched_articles (changed, or naming an entity whose translation changed) are recomputed, after
-- int_touched_entities has read their previous entities.
{%- set touched = ref('int_touched_articles') %}
-- depends_on: {{ ref('int_touched_entities') }}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='sync_all_columns',
    pre_hook="{{ delete_touched('article_id in (select article_id from ' ~ ref('int_touched_articles') ~ ')') }}",
) }}

with

matched as (
    select * from {{ ref('int_mentions_matched') }}
    where {{ only_touched('article_id', touched) }}
),

articles as (
    select * from {{ ref('int_articles_deduplicated') }}
),

translations as (
    select * from {{ ref('int_entity_translations') }}
),

final as (
    select
        matched.mention_id,
        matched.article_id,
        matched.mention_index,
        matched.sentence_index,
        matched.start_char,
        matched.end_char,
        matched.original_start_char,
        matched.original_end_char,
        matched.surface,
        matched.normalised_surface,
        matched.method,
        matched.confidence,
        articles.is_duplicate as is_from_duplicate_article,
        articles.published_at,
        matched.is_in_gazetteer,
        matched.wikidata_id,
        -- a name paired with its translation on a bilingual page takes the translation's entity
        coalesce(translations.to_entity_id, matched.matched_entity_id) as entity_id,
        coalesce(translations.to_entity_name, matched.matched_entity_name) as entity_name,
        coalesce(translations.entity_type, matched.matched_entity_type) as entity_type,
        -- cut by the Python stage: a substring at a character offset of a long body scans it from the start
        matched.original_surface
    from matched
    inner join articles
        on matched.article_id = articles.article_id
    left join translations
        on matched.matched_entity_id = translations.from_entity_id
)

select * from final
