{#- The 16-hex-digit id used for ids derived from text (same rule as pipelines/text/gazetteer.py). -#}
{% macro short_hash(expression) -%}
    left(md5({{ expression }}), 16)
{%- endmacro %}
