with

source as (
    select * from {{ source('raw', 'event_arguments') }}
),

final as (
    select
        article_id,
        event_index,
        article_id || '-e' || event_index as event_mention_id,
        argument_index,
        role,
        argument,
        start_char,
        end_char,
        case
            when mention_index is not null then article_id || '-m' || mention_index
        end as mention_id
    from source
)

select * from final
