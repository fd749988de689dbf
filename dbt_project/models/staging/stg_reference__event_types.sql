with

source as (
    select * from {{ ref('event_types') }}
),

final as (
    select
        event_type,
        event_class,
        string_split(roles, '|') as roles,
        origin
    from source
)

select * from final
