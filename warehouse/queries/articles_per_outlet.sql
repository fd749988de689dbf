-- Question: how many articles does each outlet contribute, and from when?
-- Articles that name no outlet are grouped under "(not stated)"; later copies of an article are left out.
select
    coalesce(a.outlet, '(not stated)') as outlet,
    count(*) as articles,
    count(a.published_at) as dated,
    min(a.published_at) as first_published,
    max(a.published_at) as last_published,
    round(avg(a.body_length)) as avg_chars
from marts.articles as a
where not a.is_duplicate
group by all
order by articles desc, outlet
