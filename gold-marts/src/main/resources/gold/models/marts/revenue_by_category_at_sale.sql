{{ config(materialized='view') }}
-- Revenue by the category a product was in when it was sold (kept under its first name; a view
-- on the star schema). products counts distinct products sold in the category.
-- Grain: reporting_currency, category.
with lines as (
    select * from {{ ref('fct_sale_lines') }}
),

products as (
    select product_sk, category from {{ ref('dim_product') }}
),

final as (
    select
        lines.reporting_currency,
        coalesce(products.category, 'UNKNOWN') as category,
        sum(case when lines.line_number = 1 then 1 else 0 end) as sales,
        count(distinct lines.product_id) as products,
        cast(sum(lines.net_quantity) as {{ t_int() }}) as units,
        coalesce(sum(lines.net_amount_reporting), 0) as revenue
    from lines
    left join products on products.product_sk = lines.product_sk
    group by lines.reporting_currency, coalesce(products.category, 'UNKNOWN')
)

select * from final
