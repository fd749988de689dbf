-- Names of bilingual pages that translate each other: within an English paragraph and the Chinese paragraph
-- that translates it, the English and Chinese names of one type left unexplained (an entity seen on both
-- sides already is one entity) pair up when the pairing is unambiguous: the same number of distinct names
-- on each side, matched by order of first appearance. Each pair maps the entity one side would get to the
-- entity of the other side: the English name joins the Chinese entity, unless only the English name is in
-- the gazetteer (gazetteer matches always win). A name paired with two different entities is dropped.
with

matched_mentions as (
    select * from {{ ref('int_mentions_matched') }}
),

paragraphs as (
    select * from {{ ref('stg_raw__paragraphs') }}
),

would_be_entities as (
    -- the entity each mention resolves to before translation
    select
        article_id,
        start_char,
        surface,
        is_in_gazetteer,
        matched_entity_id as entity_id,
        matched_entity_name as entity_name,
        matched_entity_type as entity_type
    from matched_mentions
),

translated_paragraphs as (
    select
        chinese.article_id,
        chinese.paragraph_index as chinese_paragraph_index,
        english.start_char as english_start_char,
        english.end_char as english_end_char,
        chinese.start_char as chinese_start_char,
        chinese.end_char as chinese_end_char
    from paragraphs as chinese
    inner join paragraphs as english
        on
            chinese.article_id = english.article_id
            and chinese.translation_of = english.paragraph_index
    where english.language = 'en' and chinese.language = 'zh'
),

sided_names as (
    -- each distinct name of a paragraph pair with its side and where it first appears
    select
        translated_paragraphs.article_id,
        translated_paragraphs.chinese_paragraph_index,
        would_be_entities.entity_type,
        would_be_entities.entity_id,
        case
            when would_be_entities.start_char < translated_paragraphs.english_end_char then 'en'
            else 'zh'
        end as side,
        min(would_be_entities.entity_name) as entity_name,
        bool_or(would_be_entities.is_in_gazetteer) as is_in_gazetteer,
        min(would_be_entities.start_char) as first_start_char
    from would_be_entities
    inner join translated_paragraphs
        on
            would_be_entities.article_id = translated_paragraphs.article_id
            and (
                would_be_entities.start_char >= translated_paragraphs.english_start_char
                and would_be_entities.start_char < translated_paragraphs.english_end_char
                or would_be_entities.start_char >= translated_paragraphs.chinese_start_char
                and would_be_entities.start_char < translated_paragraphs.chinese_end_char
            )
    where would_be_entities.entity_type in ('PERSON', 'ORG', 'LOCATION', 'PRODUCT')
    group by all
),

unexplained_names as (
    -- a name already on both sides (the gazetteer joined it) needs no pairing
    select
        *,
        count(*) over (partition by article_id, chinese_paragraph_index, entity_id) as sides_seen
    from sided_names
    qualify sides_seen = 1
),

ranked_names as (
    select
        *,
        row_number() over (
            partition by article_id, chinese_paragraph_index, entity_type, side order by first_start_char
        ) as name_rank,
        count(*) over (partition by article_id, chinese_paragraph_index, entity_type, side) as names_of_type
    from unexplained_names
),

pairs as (
    select
        english.entity_id as english_entity_id,
        english.is_in_gazetteer as is_english_in_gazetteer,
        chinese.entity_id as chinese_entity_id,
        chinese.entity_name as chinese_entity_name,
        chinese.is_in_gazetteer as is_chinese_in_gazetteer,
        english.entity_name as english_entity_name,
        english.entity_type
    from ranked_names as english
    inner join ranked_names as chinese
        on
            english.article_id = chinese.article_id
            and english.chinese_paragraph_index = chinese.chinese_paragraph_index
            and english.entity_type = chinese.entity_type
            and english.name_rank = chinese.name_rank
            and english.names_of_type = chinese.names_of_type
    where english.side = 'en' and chinese.side = 'zh'
),

directed_pairs as (
    -- the side outside the gazetteer joins the other; two gazetteer entities stay as they are
    select
        case when is_english_in_gazetteer then chinese_entity_id else english_entity_id end as from_entity_id,
        case when is_english_in_gazetteer then english_entity_id else chinese_entity_id end as to_entity_id,
        case when is_english_in_gazetteer then english_entity_name else chinese_entity_name end as to_entity_name,
        entity_type
    from pairs
    where not (is_english_in_gazetteer and is_chinese_in_gazetteer)
),

final as (
    select
        from_entity_id,
        min(to_entity_id) as to_entity_id,
        min(to_entity_name) as to_entity_name,
        min(entity_type) as entity_type
    from directed_pairs
    group by from_entity_id
    having count(distinct to_entity_id) = 1
)

select * from final
