with

source as (
    select * from {{ ref('gazetteer_aliases') }}
),

final as (
    select distinct
        entity_key,
        alias,
        alias_normalised,
        script
    from source
)

select * from final
