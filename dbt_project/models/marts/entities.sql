-- Incremental (issue 15): the entities of int_touched_entities are recomputed from all their mentions.
{%- set touched = ref('int_touched_entities') %}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='append_new_columns',
    pre_hook="{{ delete_touched('entity_id in (select entity_id from ' ~ ref('int_touched_entities') ~ ')') }}",
) }}

with

mentions as (
    select * from {{ ref('int_mentions_resolved') }}
    where {{ only_touched('entity_id', touched) }}
),

surface_counts as (
    -- the name of an entity outside the gazetteer is its most frequent surface
    select
        entity_id,
        entity_name,
        count(*) as name_count
    from mentions
    group by entity_id, entity_name
),

names as (
    select
        entity_id,
        first(entity_name order by name_count desc, entity_name asc) as name
    from surface_counts
    group by entity_id
),

aggregated as (
    select
        entity_id,
        min(entity_type) as entity_type,
        bool_or(is_in_gazetteer) as is_in_gazetteer,
        min(wikidata_id) as wikidata_id,
        list_sort(list_distinct(list(original_surface) || list(surface))) as aliases,
        count(*) filter (where not is_from_duplicate_article) as mention_count,
        count(distinct article_id) filter (where not is_from_duplicate_article) as article_count,
        min(published_at) as first_seen_at,
        max(published_at) as last_seen_at
    from mentions
    group by entity_id
),

final as (
    select
        aggregated.entity_id,
        names.name,
        aggregated.entity_type,
        aggregated.aliases,
        aggregated.mention_count::integer as mention_count,
        aggregated.article_count::integer as article_count,
        aggregated.first_seen_at,
        aggregated.last_seen_at,
        aggregated.is_in_gazetteer,
        aggregated.wikidata_id
    from aggregated
    inner join names
        on aggregated.entity_id = names.entity_id
)

select * from final
