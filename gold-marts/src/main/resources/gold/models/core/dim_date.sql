-- The calendar of every day from the first sale (or exchange-rate day) to the last, UTC: ISO
-- week and year, month, quarter, weekday. date_key is yyyymmdd. Built from the fact rather than
-- from silver, so that it covers every sale day of the fact built in the same run.
-- Grain: date_key (one day).
with bounds as (
    select min(first_day) as first_day, max(last_day) as last_day
    from (
        select min(sale_date) as first_day, max(sale_date) as last_day
        from {{ ref('fct_sale_lines') }}
        union all
        select min(day) as first_day, max(day) as last_day
        from {{ source('sales_silver', 'fx_rates') }}
    ) as days
),

spine as (
    {{ date_spine("(select first_day from bounds)", "(select last_day from bounds)") }}
),

final as (
    select
        cast(extract(year from date_day) * 10000 + extract(month from date_day) * 100
            + extract(day from date_day) as {{ t_int() }}) as date_key,
        date_day,
        cast(extract(year from date_day) as {{ t_int() }}) as year,
        cast(extract(quarter from date_day) as {{ t_int() }}) as quarter,
        cast(extract(month from date_day) as {{ t_int() }}) as month,
        {{ month_name('date_day') }} as month_name,
        cast({{ iso_year('date_day') }} as {{ t_int() }}) as iso_year,
        cast({{ iso_week('date_day') }} as {{ t_int() }}) as iso_week,
        cast({{ iso_day_of_week('date_day') }} as {{ t_int() }}) as iso_day_of_week,
        {{ day_name('date_day') }} as day_name,
        {{ iso_day_of_week('date_day') }} >= 6 as is_weekend,
        {{ date_trunc('week', 'date_day') }} as week_start,
        {{ date_trunc('month', 'date_day') }} as month_start,
        {{ date_trunc('quarter', 'date_day') }} as quarter_start
    from spine
    where date_day is not null
)

select * from final
