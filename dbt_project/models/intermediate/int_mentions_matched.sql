-- Mentions joined to the gazetteer through their normalised surface: the entity each mention is before
-- bilingual pairing. Names outside the gazetteer get an id from type and normalised surface (the same
-- rule as pipelines/text/gazetteer.py `resolve`). Incremental: a mention depends on its article alone, so a
-- build recomputes the articles of int_changed_articles.
{%- set touched = ref('int_changed_articles') %}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='sync_all_columns',
    pre_hook="{{ delete_touched('article_id in (select article_id from ' ~ ref('int_changed_articles') ~ ')') }}",
) }}

with

mentions as (
    select * from {{ ref('stg_raw__mentions') }}
    where {{ only_touched('article_id', touched) }}
),

aliases as (
    select * from {{ ref('stg_reference__gazetteer_aliases') }}
),

gazetteer as (
    select * from {{ ref('stg_reference__gazetteer_entities') }}
),

alias_keys as (
    -- an alias shared by two entities resolves to one of them, deterministically
    select
        alias_normalised,
        min(entity_key) as entity_key
    from aliases
    group by alias_normalised
),

final as (
    select
        mentions.*,
        gazetteer.entity_key is not null as is_in_gazetteer,
        gazetteer.wikidata_id,
        coalesce(
            gazetteer.entity_key,
            'e_' || {{ short_hash("mentions.entity_type || ':' || mentions.normalised_surface") }}
        ) as matched_entity_id,
        coalesce(gazetteer.name, mentions.surface) as matched_entity_name,
        coalesce(gazetteer.entity_type, mentions.entity_type) as matched_entity_type
    from mentions
    left join alias_keys
        on mentions.normalised_surface = alias_keys.alias_normalised
    left join gazetteer
        on coalesce(mentions.canonical_key, alias_keys.entity_key) = gazetteer.entity_key
)

select * from final
