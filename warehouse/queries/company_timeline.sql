-- Question: what happened to one company, in date order?
-- Change the name in `company` (any canonical name from marts.entities, e.g. 深度求索, 阿里云).
-- Undated events come last, ordered by when they were first reported.
with company as (
    select entity_id
    from marts.entities
    where name = '阿里巴巴'
)

select
    e.event_date,
    e.event_date_precision as precision,
    e.event_type,
    e.trigger,
    e.num_articles as articles,
    left(e.evidence, 24) as evidence
from marts.events as e
inner join company as c on list_contains(e.actors, c.entity_id)
order by e.event_date nulls last, e.first_reported_at nulls last, e.event_id
