-- Question: which two names appear together most often?
-- Counted in articles (duplicate copies are not counted again), then in sentences; places left out
-- because almost every article names a country or a city.
select
    p.name_a,
    p.name_b,
    a.entity_type as type_a,
    b.entity_type as type_b,
    p.article_count as articles,
    p.sentence_count as sentences
from marts.entity_pairs as p
inner join marts.entities as a on p.entity_id_a = a.entity_id
inner join marts.entities as b on p.entity_id_b = b.entity_id
where a.entity_type != 'LOCATION' and b.entity_type != 'LOCATION'
order by p.article_count desc, p.sentence_count desc, p.name_a, p.name_b
limit 10
