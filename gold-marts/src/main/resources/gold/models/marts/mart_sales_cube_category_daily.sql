{{ config(materialized='incremental', unique_key='sale_date, channel, sale_currency, reporting_currency') }}
-- The dashboard's category cube: net revenue per business day, store country, channel, sale currency
-- and the category the product was in when sold. sales counts the distinct sales with a line in the
-- category (a sale has one day, store, channel and currency, so these counts add up across rows);
-- the dashboard answers its category panel under a country, channel or currency filter from here.
-- Amounts in the reporting currency and in the sale currency (add up within one sale currency only).
-- Revenue is net_amount(_reporting) of fct_sale_lines: after discounts, less refunds, 0 when
-- cancelled; units are those sold and not refunded.
-- Incremental by (day, channel, sale currency): the groups holding a fact row written since this
-- mart's last successful build are recomputed with all their lines, not whole days (a late refund
-- rewrites its sale's old group; these attributes of a line never change, so no other group moves;
-- the category at sale, which a re-pointed line can change, and the store's country are
-- recomputed within the group), and so are the groups of those days with rows still under an
-- UNKNOWN country (the store may have been projected since).
-- Amounts are stored as money and counts as whole numbers of the narrowest usual type: the
-- dashboard sums many rows of them per call.
-- Grain: sale_date, country, channel, sale_currency, category, reporting_currency.
with
{% if is_incremental() %}
changed_lines as (
    select sale_date, channel, sale_currency, reporting_currency from {{ ref('fct_sale_lines') }} where _loaded_at > {{ last_success_at }}
),

changed_groups as (
    select distinct sale_date, channel, sale_currency, reporting_currency from changed_lines
    union distinct
    select distinct sale_date, channel, sale_currency, reporting_currency from {{ this }}
    where country = 'UNKNOWN' and sale_date in (select sale_date from changed_lines)
),
{% endif %}

{#- the changed groups' lines first, then the dimensions joined to them only #}
lines as {% if is_incremental() %}{{ materialized_cte() }}{% endif %} (
    select fact.* from {{ ref('fct_sale_lines') }} as fact
    {% if is_incremental() %}
    join changed_groups on changed_groups.sale_date = fact.sale_date and changed_groups.channel = fact.channel and changed_groups.sale_currency = fact.sale_currency and changed_groups.reporting_currency = fact.reporting_currency
    -- the day filter first: the scan reads only the changed days, the join probes only their lines
    where fact.sale_date in (select sale_date from changed_groups)
    {% endif %}
),
stores as (select store_key, country from {{ ref('dim_store') }}),
products as (select product_sk, category from {{ ref('dim_product') }}),
final as (
    select
        lines.sale_date,
        coalesce(stores.country, 'UNKNOWN') as country,
        lines.channel,
        lines.sale_currency,
        coalesce(products.category, 'UNKNOWN') as category,
        lines.reporting_currency,
        cast(count(distinct lines.sale_id) as {{ t_int() }}) as sales,
        cast(count(distinct case when lines.is_cancelled then lines.sale_id end) as {{ t_int() }}) as cancelled_sales,
        cast(sum(lines.net_quantity) as {{ t_int() }}) as units,
        cast(coalesce(sum(case when lines.is_cancelled then 0 else lines.refunded_amount_reporting end), 0) as {{ t_money() }}) as refunded_revenue,
        cast(coalesce(sum(lines.net_amount_reporting), 0) as {{ t_money() }}) as revenue,
        cast(coalesce(sum(case when lines.is_cancelled then 0 else lines.refunded_amount end), 0) as {{ t_money() }}) as refunded_revenue_sale_currency,
        cast(coalesce(sum(lines.net_amount), 0) as {{ t_money() }}) as revenue_sale_currency
    from lines
    left join stores on stores.store_key = lines.store_key
    left join products on products.product_sk = lines.product_sk
    group by lines.sale_date, coalesce(stores.country, 'UNKNOWN'), lines.channel, lines.sale_currency,
        coalesce(products.category, 'UNKNOWN'), lines.reporting_currency
)

select * from final
