{#- 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' into the DATE of its first day. -#}
{% macro partial_iso_date(column) -%}
    try_cast(
        case length({{ column }})
            when 4 then {{ column }} || '-01-01'
            when 7 then {{ column }} || '-01'
            else {{ column }}
        end as date
    )
{%- endmacro %}
