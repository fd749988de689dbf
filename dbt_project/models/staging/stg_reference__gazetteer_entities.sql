with

source as (
    select * from {{ ref('gazetteer_entities') }}
),

final as (
    select
        entity_key,
        name,
        entity_type,
        nullif(wikidata_id, '') as wikidata_id,
        description
    from source
)

select * from final
