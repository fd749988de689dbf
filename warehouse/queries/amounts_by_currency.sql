-- Question: how much money do the events talk about, per currency?
-- Amounts are normalised to units (4000亿 = 400000000000); "unstated" means a sum with no currency
-- in the sentence. Duplicate copies of an article are not counted again.
select
    coalesce(em.amount_currency, 'unstated') as currency,
    count(*) as mentions,
    count(distinct em.event_id) as events,
    sum(em.amount_value)::bigint as total,
    max(em.amount_value)::bigint as largest,
    arg_max(em.event_type, em.amount_value) as type_of_largest,
    arg_max(left(em.evidence, 16), em.amount_value) as evidence_of_largest
from marts.event_mentions as em
where em.amount_value is not null and not em.is_from_duplicate_article
group by all
order by total desc
