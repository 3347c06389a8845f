{#- Cross-database macros, dispatched on target.type the way dbt's adapter.dispatch does: every
    model is one file, rendered for DuckDB (target.type == 'duckdb') or BigQuery ('bigquery').
    Only what the two dialects spell differently lives here. -#}

{%- macro config() -%}{%- endmacro -%}

{#- Types -#}
{%- macro t_string() -%}{{ 'string' if target.type == 'bigquery' else 'varchar' }}{%- endmacro -%}
{%- macro t_int() -%}{{ 'int64' if target.type == 'bigquery' else 'bigint' }}{%- endmacro -%}
{%- macro t_money() -%}{{ 'numeric' if target.type == 'bigquery' else 'decimal(18, 2)' }}{%- endmacro -%}
{#- a sum of t_money values -#}
{%- macro t_money_total() -%}{{ 'numeric' if target.type == 'bigquery' else 'decimal(38, 2)' }}{%- endmacro -%}
{%- macro t_rate() -%}{{ 'float64' if target.type == 'bigquery' else 'double' }}{%- endmacro -%}

{#- Truncates a DATE to the first day of its ISO week (Monday), month, quarter or year. -#}
{%- macro date_trunc(part, date_expr) -%}
{%- if target.type == 'bigquery' -%}
date_trunc({{ date_expr }}, {{ 'isoweek' if part == 'week' else part }})
{%- else -%}
cast(date_trunc('{{ part }}', {{ date_expr }}) as date)
{%- endif -%}
{%- endmacro -%}

{#- a / b, NULL when b is 0 or NULL (DuckDB's 1/0 is Infinity, BigQuery's an error). -#}
{%- macro safe_divide(numerator, denominator) -%}
{%- if target.type == 'bigquery' -%}
safe_divide({{ numerator }}, {{ denominator }})
{%- else -%}
case when {{ denominator }} is null or {{ denominator }} = 0 then null
     else cast({{ numerator }} as double) / cast({{ denominator }} as double) end
{%- endif -%}
{%- endmacro -%}

{#- Whole days from start_date to end_date (DATEs). -#}
{%- macro days_between(start_date, end_date) -%}
{%- if target.type == 'bigquery' -%}
date_diff({{ end_date }}, {{ start_date }}, day)
{%- else -%}
date_diff('day', {{ start_date }}, {{ end_date }})
{%- endif -%}
{%- endmacro -%}

{#- ISO 8601 calendar parts of a DATE. -#}
{%- macro iso_week(date_expr) -%}
{%- if target.type == 'bigquery' -%}extract(isoweek from {{ date_expr }}){%- else -%}weekofyear({{ date_expr }}){%- endif -%}
{%- endmacro -%}
{%- macro iso_year(date_expr) -%}
{%- if target.type == 'bigquery' -%}extract(isoyear from {{ date_expr }}){%- else -%}isoyear({{ date_expr }}){%- endif -%}
{%- endmacro -%}
{#- 1 = Monday ... 7 = Sunday -#}
{%- macro iso_day_of_week(date_expr) -%}
{%- if target.type == 'bigquery' -%}mod(extract(dayofweek from {{ date_expr }}) + 5, 7) + 1{%- else -%}isodow({{ date_expr }}){%- endif -%}
{%- endmacro -%}
{%- macro day_name(date_expr) -%}
{%- if target.type == 'bigquery' -%}format_date('%A', {{ date_expr }}){%- else -%}dayname({{ date_expr }}){%- endif -%}
{%- endmacro -%}
{%- macro month_name(date_expr) -%}
{%- if target.type == 'bigquery' -%}format_date('%B', {{ date_expr }}){%- else -%}monthname({{ date_expr }}){%- endif -%}
{%- endmacro -%}

{#- One row per day from start_date to end_date inclusive, as column date_day. -#}
{%- macro date_spine(start_date, end_date) -%}
{%- if target.type == 'bigquery' -%}
select date_day from unnest(generate_date_array({{ start_date }}, {{ end_date }})) as date_day
{%- else -%}
select cast(range as date) as date_day from range(cast({{ start_date }} as timestamp), cast({{ end_date }} as timestamp) + interval 1 day, interval 1 day)
{%- endif -%}
{%- endmacro -%}

{#- A string field of a JSON value, e.g. json_string('payload', 'saleId'). -#}
{%- macro json_string(json_expr, field) -%}
{%- if target.type == 'bigquery' -%}json_value({{ json_expr }}, '$.{{ field }}'){%- else -%}json_extract_string({{ json_expr }}, '$.{{ field }}'){%- endif -%}
{%- endmacro -%}

{#- A lateral join of the elements of the JSON array at field of json_expr, one row each, as alias. -#}
{%- macro cross_join_json_array(json_expr, field, alias) -%}
{%- if target.type == 'bigquery' -%}
cross join unnest(json_query_array({{ json_expr }}, '$.{{ field }}')) as {{ alias }}
{%- else -%}
cross join unnest(json_extract({{ json_expr }}, '$.{{ field }}[*]')) as unnested_{{ alias }}({{ alias }})
{%- endif -%}
{%- endmacro -%}

{#- Truncates a TIMESTAMP to the start of its minute, hour or day (still a TIMESTAMP). -#}
{%- macro timestamp_trunc(part, timestamp_expr) -%}
{%- if target.type == 'bigquery' -%}timestamp_trunc({{ timestamp_expr }}, {{ part }}){%- else -%}date_trunc('{{ part }}', {{ timestamp_expr }}){%- endif -%}
{%- endmacro -%}

{%- macro timestamp_minus_minutes(timestamp_expr, minutes) -%}
{%- if target.type == 'bigquery' -%}timestamp_sub({{ timestamp_expr }}, interval {{ minutes }} minute){%- else -%}({{ timestamp_expr }} - interval {{ minutes }} minute){%- endif -%}
{%- endmacro -%}

{#- Identifies a row of `alias` within one statement: DuckDB's rowid (a filter on it reads only the
    row groups holding the rows); BigQuery has none, so there the whole row serialised. -#}
{%- macro row_locator(alias) -%}
{%- if target.type == 'bigquery' -%}to_json_string({{ alias }}){%- else -%}{{ alias }}.rowid{%- endif -%}
{%- endmacro -%}

{#- A 64-bit integer surrogate key from a string natural key (an SCD2 version's dbt_scd_id): the
    upper half of its MD5 on DuckDB (halved to fit a signed BIGINT), farm_fingerprint on BigQuery.
    The fact stores these instead of 32-character strings (cheaper to write and to join); the
    dimensions keep the string as scd_id. -#}
{%- macro surrogate_key(expr) -%}
{%- if target.type == 'bigquery' -%}farm_fingerprint({{ expr }}){%- else -%}cast(md5_number_upper({{ expr }}) >> 1 as bigint){%- endif -%}
{%- endmacro -%}

{#- Asks DuckDB to compute a CTE once before the joins that follow (its optimiser otherwise joined
    the dimensions to every line of the changed days before filtering them to the changed groups);
    BigQuery has no such hint. Usage: name as {{ materialized_cte() }} ( ... ). -#}
{%- macro materialized_cte() -%}{{ '' if target.type == 'bigquery' else 'materialized' }}{%- endmacro -%}

{#- Joins each row to the version of an SCD2 relation (columns key, valid_from, valid_to) valid at
    instant `at`: a hash join on the key with the validity as a filter, the same text in both
    dialects (DuckDB's ASOF join was measured 20 times slower on a million lines: it sorts by the
    string key). With overlapping versions a row joins twice; the unique test of the fact says so. -#}
{%- macro point_in_time_join(versions, key, row_alias, at) -%}
left join {{ versions }}
        on {{ versions }}.{{ key }} = {{ row_alias }}.{{ key }}
        and {{ at }} >= {{ versions }}.valid_from
        and ({{ versions }}.valid_to is null or {{ at }} < {{ versions }}.valid_to)
{%- endmacro -%}

{#- The value of `value` on the row with the greatest `order_by` (an aggregate). -#}
{%- macro arg_max(value, order_by) -%}
{%- if target.type == 'bigquery' -%}
array_agg({{ value }} order by {{ order_by }} desc limit 1)[safe_offset(0)]
{%- else -%}
arg_max({{ value }}, {{ order_by }})
{%- endif -%}
{%- endmacro -%}

{#- The rows a delta mart sums per group in an incremental refresh: the rows of its table (`table`,
    i.e. `this`) in the groups the delta touches (`keys`) and the delta's own rows, `columns` in the
    table's order. The delta is a CTE named `delta` holding signed changes, so that the sums are the
    groups' new totals. -#}
{%- macro delta_with_kept_rows(table, keys, columns) -%}
    select {% for column in columns %}kept.{{ column }}{% if not loop.last %}, {% endif %}{% endfor %}
    from {{ table }} as kept
    join (select distinct {{ keys | join(', ') }} from delta) as touched
        on {% for key in keys %}touched.{{ key }} = kept.{{ key }}{% if not loop.last %} and {% endif %}{% endfor %}
    union all
    select {{ columns | join(', ') }}
    from delta
{%- endmacro -%}
