-- Revenue by the category a product was in when it was sold (a recategorisation does not move
-- past sales), in the reporting currency, net of cancellations and refunds. Lines of a product
-- whose history has not arrived yet count under UNKNOWN.
-- Grain: reporting_currency, category.
with lines as (
    select * from {{ ref('int_sale_lines_point_in_time') }}
),

final as (
    select
        reporting_currency,
        coalesce(category, 'UNKNOWN') as category,
        count(distinct sale_id) as sales,
        count(distinct product_id) as products,
        sum(quantity) as units,
        sum(net_amount_reporting) as revenue
    from lines
    group by reporting_currency, coalesce(category, 'UNKNOWN')
)

select * from final
