with

source as (
    select * from {{ ref('event_roles') }}
),

final as (
    select
        event_type,
        role,
        is_actor,
        -- no types (a time, a place, a figure): an empty list, not [''] or null
        coalesce(string_split(nullif(entity_types, ''), '|'), []::varchar[]) as entity_types
    from source
)

select * from final
