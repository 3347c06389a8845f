-- Net revenue per business day (UTC) of the sale and store country, in the reporting currency:
-- what customers paid after line discounts, less refunds, cancelled sales counting 0
-- (sales_silver.sale_lines.net_amount_reporting, converted at the rate of the sale's day).
-- sales counts every sale placed (cancelled ones too); units are those sold and not refunded.
-- Grain: sale_date, country, currency (the reporting currency).
with sale_lines as (
    select * from {{ ref('stg_sale_lines') }}
),

stores as (
    select * from {{ ref('stg_stores') }}
),

lines_with_country as (
    select
        cast(sale_lines.placed_at as date) as sale_date,
        coalesce(stores.country, 'UNKNOWN') as country,
        sale_lines.reporting_currency as currency,
        sale_lines.sale_id,
        case when sale_lines.status = 'CANCELLED' then 0
             else sale_lines.quantity - sale_lines.refunded_quantity end as units,
        sale_lines.net_amount_reporting
    from sale_lines
    left join stores on stores.store_id = sale_lines.store_id
),

final as (
    select
        sale_date,
        country,
        currency,
        count(distinct sale_id) as sales,
        sum(units) as units,
        coalesce(sum(net_amount_reporting), 0) as revenue
    from lines_with_country
    group by sale_date, country, currency
)

select * from final
