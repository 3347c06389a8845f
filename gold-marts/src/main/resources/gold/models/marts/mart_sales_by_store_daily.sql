{{ config(materialized='incremental', unique_key='sale_date, store_key, reporting_currency') }}
-- Net revenue per business day and store.
-- Revenue is net_amount_reporting of fct_sale_lines: after discounts, less refunds, 0 when
-- cancelled. sales counts the sales placed (cancelled ones too), units those sold and not refunded.
-- Incremental by (day, store_key): only the groups holding a fact row written since this mart's
-- last successful build are recomputed (a late refund rewrites its line's old group, not the
-- whole day); store_key and reporting_currency of a line never change, so no other group moves.
-- Grain: sale_date, store_key, reporting_currency.
with
{% if is_incremental() %}
changed_groups as (
    select distinct sale_date, store_key, reporting_currency
    from {{ ref('fct_sale_lines') }} where _loaded_at > {{ last_success_at }}
),
{% endif %}

lines as (
    select fact.* from {{ ref('fct_sale_lines') }} as fact
    {% if is_incremental() %}
    join changed_groups
        on changed_groups.sale_date = fact.sale_date and changed_groups.store_key = fact.store_key
        and changed_groups.reporting_currency = fact.reporting_currency
    -- the day filter first: the scan reads only the changed days, the join probes only their lines
    where fact.sale_date in (select sale_date from changed_groups)
    {% endif %}
),

final as (
    select
        lines.sale_date,
        lines.store_key,
        lines.reporting_currency,
        sum(case when lines.line_number = 1 then 1 else 0 end) as sales,
        sum(case when lines.line_number = 1 and lines.is_cancelled then 1 else 0 end) as cancelled_sales,
        cast(sum(lines.net_quantity) as {{ t_int() }}) as units,
        coalesce(sum(case when lines.is_cancelled then 0 else lines.refunded_amount_reporting end), 0) as refunded_revenue,
        coalesce(sum(lines.net_amount_reporting), 0) as revenue
    from lines

    group by lines.sale_date, lines.store_key, lines.reporting_currency
)

select * from final
