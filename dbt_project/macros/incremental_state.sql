{#-
Incremental builds (issue 15). The last complete build leaves a record of what it was built from: every
article with its file's processing time and its duplicate links (intermediate.incremental_state_articles),
the bilingual translation pairs (..._translations) and a version of the project's code (..._version). A
run starts by moving that record aside (..._base_*) and ends by writing a new one only when every
incremental model was built: a failed, partial or killed run leaves no record, so the next run rebuilds
every incremental model in full, as `dbt build --full-refresh` and a first build do.
-#}

{#- Models and seeds by their checksums: another SQL or reference CSV makes the record unusable. -#}
{% macro incremental_code_version() -%}
    {%- set parts = [] -%}
    {%- for node in graph.nodes.values() | sort(attribute='unique_id') -%}
        {%- if node.resource_type in ('model', 'seed') -%}
            {%- do parts.append(node.unique_id ~ ':' ~ node.checksum.checksum) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(local_md5(parts | join(','))) }}
{%- endmacro %}

{% macro incremental_models() -%}
    {%- set ids = [] -%}
    {%- for node in graph.nodes.values() -%}
        {%- if node.resource_type == 'model' and node.config.materialized == 'incremental' -%}
            {%- do ids.append(node.unique_id) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(ids | sort) }}
{%- endmacro %}

{% macro incremental_run_start() -%}
    {%- if execute and flags.WHICH in ('build', 'run') -%}
        {%- do run_query("create schema if not exists intermediate") -%}
        {%- do run_query(
            "create table if not exists intermediate.incremental_state_version (code_version varchar)"
        ) -%}
        {%- do run_query(
            "create table if not exists intermediate.incremental_state_articles (article_id varchar, "
            ~ "source_file varchar, published_at timestamp, duplicate_of_article_id varchar, "
            ~ "is_duplicate boolean, processed_at timestamp)"
        ) -%}
        {%- do run_query(
            "create table if not exists intermediate.incremental_state_translations (from_entity_id varchar, "
            ~ "to_entity_id varchar, to_entity_name varchar, entity_type varchar)"
        ) -%}
        {%- for part in ('version', 'articles', 'translations') -%}
            {%- do run_query(
                "create or replace table intermediate.incremental_base_" ~ part
                ~ " as select * from intermediate.incremental_state_" ~ part
            ) -%}
        {%- endfor -%}
        {#- consumed: a run that stops half-way leaves no record -#}
        {%- do run_query("delete from intermediate.incremental_state_version") -%}
    {%- endif -%}
{%- endmacro %}

{% macro incremental_run_end(results) -%}
    {%- if execute and flags.WHICH in ('build', 'run') -%}
        {%- set wanted = incremental_models() -%}
        {%- set built = [] -%}
        {%- set attempted = [] -%}
        {%- for result in results -%}
            {%- if result.node.unique_id in wanted -%}
                {%- do attempted.append(result.node.unique_id) -%}
                {%- if result.status == 'success' -%}{%- do built.append(result.node.unique_id) -%}{%- endif -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if built | sort == wanted -%}
            {%- do run_query("delete from intermediate.incremental_state_articles") -%}
            {%- do run_query(
                "insert into intermediate.incremental_state_articles select article_id, source_file, "
                ~ "published_at, duplicate_of_article_id, is_duplicate, processed_at from "
                ~ "intermediate.int_articles_deduplicated"
            ) -%}
            {%- do run_query("delete from intermediate.incremental_state_translations") -%}
            {%- do run_query(
                "insert into intermediate.incremental_state_translations select from_entity_id, to_entity_id, "
                ~ "to_entity_name, entity_type from intermediate.int_entity_translations"
            ) -%}
            {%- do run_query(
                "insert into intermediate.incremental_state_version values ('" ~ incremental_code_version() ~ "')"
            ) -%}
        {%- elif not attempted -%}
            {#- no incremental model ran (seeds, staging alone): the record still describes them -#}
            {%- do run_query(
                "insert into intermediate.incremental_state_version select * from intermediate.incremental_base_version"
            ) -%}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}

{#- The record of the last complete build is there and was made by this code. -#}
{% macro incremental_record_usable() -%}
    {%- if not execute -%}{{ return(false) }}{%- endif -%}
    {%- set base = adapter.get_relation(target.database, 'intermediate', 'incremental_base_version') -%}
    {%- if base is none -%}{{ return(false) }}{%- endif -%}
    {%- set found = run_query("select count(*) from " ~ base ~ " where code_version = '"
        ~ incremental_code_version() ~ "'") -%}
    {{ return(found.columns[0].values()[0] > 0) }}
{%- endmacro %}

{#- True when this model may recompute only the keys a change touched: it exists, no full refresh was
asked, and the record is usable. -#}
{% macro incremental_ready() -%}
    {#- a unit test has no relation of its own: its given rows are the whole input -#}
    {%- if not execute or this is none -%}{{ return(false) }}{%- endif -%}
    {{ return(is_incremental() and incremental_record_usable()) }}
{%- endmacro %}

{#- A model's rows as the last build left them, read before the model that writes them runs (no ref: that
would be a cycle); no rows when there is no usable record (the consumers then rebuild in full). -#}
{% macro previous_rows(schema, name, columns) -%}
    {%- set relation = adapter.get_relation(target.database, schema, name) if execute else none -%}
    {%- if relation is none or not incremental_record_usable() -%}
        select {% for column, type in columns %}null::{{ type }} as {{ column }}{{ ", " if not loop.last }}{% endfor %} where false
    {%- else -%}
        select {% for column, type in columns %}{{ column }}{{ ", " if not loop.last }}{% endfor %} from {{ relation }}
    {%- endif -%}
{%- endmacro %}

{#- The filter of an incremental model's input: the keys in `touched` (a model of keys to recompute). -#}
{% macro only_touched(column, touched, key=none) -%}
    {%- if incremental_ready() -%}
        {{ column }} in (select {{ key or column.split('.')[-1] }} from {{ touched }})
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}

{#- The pre-hook of an incremental model: its rows for the keys it recomputes go (all of them when the
record is missing: the model is rebuilt in full); its SQL then gives their new rows. -#}
{% macro delete_touched(predicate) -%}
    {%- if incremental_ready() -%}
        delete from {{ this }} where {{ predicate }}
    {%- elif execute and is_incremental() -%}
        delete from {{ this }}
    {%- endif -%}
{%- endmacro %}

{#- entity_pairs: the touched entities whose name changed (or that are gone), which every pair shows. -#}
{% macro renamed_entities() -%}
    {%- if incremental_ready() -%}
        select touched.entity_id
        from {{ ref('int_touched_entities') }} as touched
        left join {{ ref('entities') }} as entities
            on touched.entity_id = entities.entity_id
        where entities.name is distinct from touched.previous_name
    {%- else -%}
        select null::varchar as entity_id where false
    {%- endif -%}
{%- endmacro %}

{#- entity_pairs: the pairs an incremental build recomputes. -#}
{% macro touched_pairs() -%}
    (
        entity_id_a in (select entity_id from {{ ref('int_touched_entities') }})
        and entity_id_b in (select entity_id from {{ ref('int_touched_entities') }})
    )
    or entity_id_a in ({{ renamed_entities() }})
    or entity_id_b in ({{ renamed_entities() }})
{%- endmacro %}

{#- events: the events of the touched merge groups, before and after int_event_mentions_merged. -#}
{% macro touched_events() -%}
    select previous_event_id as event_id from {{ ref('int_touched_events') }}
    union
    select event_id from {{ ref('int_event_mentions_merged') }}
    where merge_group in (select merge_group from {{ ref('int_touched_events') }})
{%- endmacro %}

{#- A data test's filter over whole-archive marts: in an incremental build, only the touched articles (the
only ones whose rows the build rewrote: the others were tested when they were last written, and the
incremental property test holds them equal to a full rebuild); every article when the models were built
in full. The test names `int_touched_articles` in a depends_on comment: a ref made only at execution is
not seen when dbt parses. -#}
{% macro only_touched_articles(column) -%}
    {%- if execute and not flags.FULL_REFRESH and incremental_record_usable() -%}
        {{ column }} in (select touched.article_id from {{ ref('int_touched_articles') }} as touched)
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}
