-- Question: how many events of each type happened in each month?
-- An event dated only to the year is shown under its year ("2025 (year only)"), not under January;
-- events with no date in the text are counted under "undated".
select
    case
        when e.event_date_precision in ('day', 'month') then strftime(e.event_date, '%Y-%m')
        when e.event_date_precision = 'year' then strftime(e.event_date, '%Y') || ' (year only)'
        else 'undated'
    end as month,
    e.event_type,
    count(*) as events,
    sum(e.num_articles)::integer as article_reports
from marts.events as e
group by all
order by month, events desc, e.event_type
