-- Co-mentions: two entities named in the same article (duplicate copies not counted twice). Incremental
-- (issue 15): a pair's counts change only in an article where both its entities were touched, its names
-- when one of them was renamed; those pairs are counted again over every article, the others are kept.
{%- set touched = ref('int_touched_entities') %}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='append_new_columns',
    pre_hook="{{ delete_touched(touched_pairs()) }}",
) }}

with

mentions as (
    select * from {{ ref('int_mentions_resolved') }}
    where not is_from_duplicate_article
),

entities as (
    select * from {{ ref('entities') }}
),

renamed as (
    {{ renamed_entities() }}
),

article_entities as (
    select distinct
        mentions.article_id,
        mentions.entity_id,
        {{ only_touched('mentions.entity_id', touched, 'entity_id') }} as is_touched,
        mentions.entity_id in (select renamed.entity_id from renamed) as is_renamed
    from mentions
),

sentence_entities as (
    select distinct
        mentions.article_id,
        mentions.sentence_index,
        mentions.entity_id,
        {{ only_touched('mentions.entity_id', touched, 'entity_id') }} as is_touched,
        mentions.entity_id in (select renamed.entity_id from renamed) as is_renamed
    from mentions
),

-- Three disjoint sets of pairs (the renamed entities are among the touched ones): both entities touched;
-- a renamed first entity with an untouched second; an untouched first with a renamed second. A full build
-- touches every entity and renames none. Each filter applies to one side, before the join.
article_rows as (
    select
        a.entity_id as entity_id_a,
        b.entity_id as entity_id_b
    from article_entities as a
    inner join article_entities as b
        on a.article_id = b.article_id and a.entity_id < b.entity_id
    where a.is_touched and b.is_touched
    union all
    select
        a.entity_id as entity_id_a,
        b.entity_id as entity_id_b
    from article_entities as a
    inner join article_entities as b
        on a.article_id = b.article_id and a.entity_id < b.entity_id
    where a.is_renamed and not b.is_touched
    union all
    select
        a.entity_id as entity_id_a,
        b.entity_id as entity_id_b
    from article_entities as a
    inner join article_entities as b
        on a.article_id = b.article_id and a.entity_id < b.entity_id
    where not a.is_touched and b.is_renamed
),

sentence_rows as (
    select
        a.entity_id as entity_id_a,
        b.entity_id as entity_id_b
    from sentence_entities as a
    inner join sentence_entities as b
        on
            a.article_id = b.article_id
            and a.sentence_index = b.sentence_index
            and a.entity_id < b.entity_id
    where a.is_touched and b.is_touched
    union all
    select
        a.entity_id as entity_id_a,
        b.entity_id as entity_id_b
    from sentence_entities as a
    inner join sentence_entities as b
        on
            a.article_id = b.article_id
            and a.sentence_index = b.sentence_index
            and a.entity_id < b.entity_id
    where a.is_renamed and not b.is_touched
    union all
    select
        a.entity_id as entity_id_a,
        b.entity_id as entity_id_b
    from sentence_entities as a
    inner join sentence_entities as b
        on
            a.article_id = b.article_id
            and a.sentence_index = b.sentence_index
            and a.entity_id < b.entity_id
    where not a.is_touched and b.is_renamed
),

article_pairs as (
    select
        entity_id_a,
        entity_id_b,
        count(*) as article_count
    from article_rows
    group by entity_id_a, entity_id_b
),

sentence_pairs as (
    select
        entity_id_a,
        entity_id_b,
        count(*) as sentence_count
    from sentence_rows
    group by entity_id_a, entity_id_b
),

final as (
    select
        article_pairs.entity_id_a,
        entity_a.name as name_a,
        article_pairs.entity_id_b,
        entity_b.name as name_b,
        article_pairs.article_count::integer as article_count,
        coalesce(sentence_pairs.sentence_count, 0)::integer as sentence_count
    from article_pairs
    left join sentence_pairs
        on
            article_pairs.entity_id_a = sentence_pairs.entity_id_a
            and article_pairs.entity_id_b = sentence_pairs.entity_id_b
    inner join entities as entity_a
        on article_pairs.entity_id_a = entity_a.entity_id
    inner join entities as entity_b
        on article_pairs.entity_id_b = entity_b.entity_id
)

select * from final
