-- Event mentions with their evidence sentence and their actors: the people and organisations among
-- their arguments in a role roles.csv marks as an actor's and whose entity types fit them
-- (stg_reference__event_roles), as canonical entity ids; a venue organisation in 地点 is no actor.
-- Incremental: the articles of int_touched_articles are recomputed (an event mention depends on its
-- article and the entities of its arguments; a change to a reference seed rebuilds it in full).
{%- set touched = ref('int_touched_articles') %}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='sync_all_columns',
    pre_hook="{{ delete_touched('article_id in (select article_id from ' ~ ref('int_touched_articles') ~ ')') }}",
) }}

with

event_mentions as (
    select * from {{ ref('stg_raw__event_mentions') }}
    where {{ only_touched('article_id', touched) }}
),

arguments as (
    select * from {{ ref('stg_raw__event_arguments') }}
    where {{ only_touched('article_id', touched) }}
),

mentions as (
    -- an argument names a mention of its own article
    select * from {{ ref('int_mentions_resolved') }}
    where {{ only_touched('article_id', touched) }}
),

articles as (
    select * from {{ ref('int_articles_deduplicated') }}
),

event_roles as (
    select * from {{ ref('stg_reference__event_roles') }}
),

argument_entities as (
    select
        arguments.event_mention_id,
        event_mentions.event_type,
        arguments.role,
        arguments.argument,
        mentions.entity_id,
        mentions.entity_type
    from arguments
    inner join event_mentions
        on arguments.event_mention_id = event_mentions.event_mention_id
    left join mentions
        on arguments.mention_id = mentions.mention_id
),

actors as (
    select
        argument_entities.event_mention_id,
        list_sort(list_distinct(list(argument_entities.entity_id))) as actors
    from argument_entities
    inner join event_roles
        on
            argument_entities.event_type = event_roles.event_type
            and argument_entities.role = event_roles.role
    where
        event_roles.is_actor
        and argument_entities.entity_type in ('PERSON', 'ORG')
        and list_contains(event_roles.entity_types, argument_entities.entity_type)
    group by argument_entities.event_mention_id
),

argument_lists as (
    select
        event_mention_id,
        list(
            { 'role': role, 'argument': argument, 'entity_id': entity_id }
            order by role, argument
        ) as arguments
    from argument_entities
    group by event_mention_id
),

final as (
    select
        event_mentions.*,
        articles.published_at,
        articles.is_duplicate as is_from_duplicate_article,
        coalesce(actors.actors, []::varchar[]) as actors,
        argument_lists.arguments,
        -- the mentions the merge rule of int_event_mentions_merged compares this one with
        case
            when actors.actors is null or len(actors.actors) = 0 then 'single|' || event_mentions.event_mention_id
            else concat_ws('|', event_mentions.event_type, event_mentions.modality, array_to_string(actors.actors, '|'))
        end as merge_group
    from event_mentions
    inner join articles
        on event_mentions.article_id = articles.article_id
    left join actors
        on event_mentions.event_mention_id = actors.event_mention_id
    left join argument_lists
        on event_mentions.event_mention_id = argument_lists.event_mention_id
)

select * from final
