-- Co-mentions: two entities named in the same article (duplicate copies not counted twice).
with

mentions as (
    select * from {{ ref('int_mentions_resolved') }}
    where not is_from_duplicate_article
),

entities as (
    select * from {{ ref('entities') }}
),

article_entities as (
    select distinct
        article_id,
        entity_id
    from mentions
),

sentence_entities as (
    select distinct
        article_id,
        sentence_index,
        entity_id
    from mentions
),

article_pairs as (
    select
        a.entity_id as entity_id_a,
        b.entity_id as entity_id_b,
        count(*) as article_count
    from article_entities as a
    inner join article_entities as b
        on a.article_id = b.article_id and a.entity_id < b.entity_id
    group by a.entity_id, b.entity_id
),

sentence_pairs as (
    select
        a.entity_id as entity_id_a,
        b.entity_id as entity_id_b,
        count(*) as sentence_count
    from sentence_entities as a
    inner join sentence_entities as b
        on
            a.article_id = b.article_id
            and a.sentence_index = b.sentence_index
            and a.entity_id < b.entity_id
    group by a.entity_id, b.entity_id
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
