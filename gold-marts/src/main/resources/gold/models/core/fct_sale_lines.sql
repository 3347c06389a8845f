{{ config(materialized='incremental', unique_key='sale_id, line_number', keep_replaced='true',
          partition_by='sale_date', cluster_by='store_key, product_id') }}
-- The sale-line fact of the star schema, from sales_silver.sale_lines. Amounts in the sale
-- currency and in the reporting currency (converted at the sale day's rate, refunds at the same
-- rate). net_amount / net_amount_reporting are the revenue: after the line's discount, less
-- refunds, 0 when the sale was cancelled. customer_sk / product_sk point at the SCD2 version
-- valid when the sale was placed (NULL while that history has not reached the warehouse).
--
-- Incremental refresh (by business time): a minute of placement is looked at only when its silver
-- lines differ from the fact's in count or in the sum of last_sequence_number (every change to a
-- line, a late refund of an old sale included, raises it); in those minutes only lines whose
-- last_sequence_number changed are rewritten (minutes rather than days: a late refund compares
-- the ~100 lines of its minute, not the ~170,000 of its day, at 10 million lines over 60 days). Lines of customers or products with a new or
-- changed SCD2 version since the last build, placed after that version began, are re-pointed.
-- Grain: sale_id, line_number (one sale line).
with
{% if is_incremental() %}
silver_minutes as (
    select {{ timestamp_trunc('minute', 'placed_at') }} as placed_minute, count(*) as line_count,
        sum(last_sequence_number) as sequence_sum
    from {{ source('sales_silver', 'sale_lines') }}
    group by {{ timestamp_trunc('minute', 'placed_at') }}
),

fact_minutes as (
    select {{ timestamp_trunc('minute', 'placed_at') }} as placed_minute, count(*) as line_count,
        sum(last_sequence_number) as sequence_sum
    from {{ this }}
    group by {{ timestamp_trunc('minute', 'placed_at') }}
),

changed_minutes as (
    select silver_minutes.placed_minute
    from silver_minutes
    left join fact_minutes on fact_minutes.placed_minute = silver_minutes.placed_minute
    where fact_minutes.placed_minute is null
        or fact_minutes.line_count <> silver_minutes.line_count
        or fact_minutes.sequence_sum <> silver_minutes.sequence_sum
),

changed_customer_versions as (
    select * from {{ ref('dim_customer') }} where _loaded_at > {{ last_success_at }}
),

-- From when the mapping of lines to versions may have changed: a version whose end moved matters
-- from its new end on (a new version begins there), a new current version from its start; lines
-- still without a version are looked at again whenever their customer or product changes.
changed_customers as (
    select customer_id,
        min(case when valid_to is null then valid_from else valid_to end) as changed_from
    from changed_customer_versions
    group by customer_id
),

changed_product_versions as (
    select * from {{ ref('dim_product') }} where _loaded_at > {{ last_success_at }}
),

changed_products as (
    select product_id,
        min(case when valid_to is null then valid_from else valid_to end) as changed_from
    from changed_product_versions
    group by product_id
),

-- Silver rows to (re)load, by row locator: fetching the changed rows by locator reads only their
-- row groups, where a join on (sale_id, line_number) would read every column of all of silver.
changed_rows as (
    select {{ row_locator('silver') }} as silver_row
    from {{ source('sales_silver', 'sale_lines') }} as silver
    left join (
        select sale_id, line_number, last_sequence_number
        from {{ this }}
        where {{ timestamp_trunc('minute', 'placed_at') }} in (select placed_minute from changed_minutes)
    ) as known
        on known.sale_id = silver.sale_id and known.line_number = silver.line_number
    where {{ timestamp_trunc('minute', 'silver.placed_at') }} in (select placed_minute from changed_minutes)
        and (known.sale_id is null or known.last_sequence_number <> silver.last_sequence_number)
    union all
    select {{ row_locator('silver') }} as silver_row
    from {{ source('sales_silver', 'sale_lines') }} as silver
    join changed_customers on changed_customers.customer_id = silver.customer_id
    where silver.placed_at >= changed_customers.changed_from
        -- lets the scan skip the row groups placed before any change (zone maps)
        and silver.placed_at >= (select min(changed_from) from changed_customers)
    union all
    select {{ row_locator('silver') }} as silver_row
    from {{ source('sales_silver', 'sale_lines') }} as silver
    join changed_products on changed_products.product_id = silver.product_id
    where silver.placed_at >= changed_products.changed_from
        and silver.placed_at >= (select min(changed_from) from changed_products)
    union all
    select {{ row_locator('silver') }} as silver_row
    from {{ source('sales_silver', 'sale_lines') }} as silver
    join (
        select sale_id, line_number
        from {{ this }}
        where (customer_sk is null and customer_id in (select customer_id from changed_customer_versions))
            or (product_sk is null and product_id in (select product_id from changed_product_versions))
    ) as unversioned
        on unversioned.sale_id = silver.sale_id and unversioned.line_number = silver.line_number
),

sale_lines as (
    select silver.*
    from {{ source('sales_silver', 'sale_lines') }} as silver
    where {{ row_locator('silver') }} in (select silver_row from changed_rows)
),
{% else %}
sale_lines as (
    select * from {{ source('sales_silver', 'sale_lines') }}
),
{% endif %}

customer_versions as (
    select customer_sk, customer_id, valid_from, valid_to from {{ ref('dim_customer') }}
),

product_versions as (
    select product_sk, product_id, valid_from, valid_to from {{ ref('dim_product') }}
),

final as (
    select
        sale_lines.sale_id,
        sale_lines.line_number,
        cast(sale_lines.placed_at as date) as sale_date,
        cast(extract(year from sale_lines.placed_at) * 10000 + extract(month from sale_lines.placed_at) * 100
            + extract(day from sale_lines.placed_at) as {{ t_int() }}) as date_key,
        sale_lines.placed_at,
        sale_lines.customer_id,
        customer_versions.customer_sk,
        sale_lines.product_id,
        product_versions.product_sk,
        sale_lines.store_id as store_key,
        sale_lines.channel,
        sale_lines.payment_method,
        sale_lines.currency as sale_currency,
        sale_lines.reporting_currency,
        sale_lines.status,
        sale_lines.status = 'CANCELLED' as is_cancelled,
        sale_lines.quantity,
        sale_lines.refunded_quantity,
        case when sale_lines.status = 'CANCELLED' then 0
             else sale_lines.quantity - sale_lines.refunded_quantity end as net_quantity,
        sale_lines.unit_price,
        sale_lines.discount,
        sale_lines.unit_price * sale_lines.quantity as gross_amount,
        sale_lines.amount,
        sale_lines.refunded_amount,
        sale_lines.net_amount,
        sale_lines.fx_rate,
        sale_lines.fx_rate_day,
        sale_lines.amount_reporting,
        sale_lines.refunded_amount_reporting,
        sale_lines.net_amount_reporting,
        sale_lines.fulfilled_at,
        sale_lines.cancelled_at,
        sale_lines.last_sequence_number,
        {{ run_started_at }} as _loaded_at
    from sale_lines
    {{ point_in_time_join('customer_versions', 'customer_id', 'sale_lines', 'sale_lines.placed_at') }}
    {{ point_in_time_join('product_versions', 'product_id', 'sale_lines', 'sale_lines.placed_at') }}
)

select * from final
