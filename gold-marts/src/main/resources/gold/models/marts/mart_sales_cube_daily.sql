{{ config(materialized='incremental', unique_key='sale_date, store_key, channel, sale_currency, payment_method, reporting_currency') }}
-- The dashboard's cube of whole-sale attributes: net revenue per business day, store, channel,
-- sale currency, payment method and the loyalty tier the customer had when buying, with the store's
-- country beside its key. Every attribute here belongs to the whole sale, so sales (lines 1) add up
-- across rows: the dashboard answers its KPIs, revenue over time and the country, store, channel,
-- payment method, currency and loyalty-tier panels under a country, channel or currency filter by
-- summing this cube (a few rows per store and day) instead of aggregating the fact.
-- Amounts in the reporting currency (revenue, refunded_revenue) and in the sale currency
-- (revenue_sale_currency, refunded_revenue_sale_currency; add up within one sale currency only).
-- Revenue is net_amount(_reporting) of fct_sale_lines: after discounts, less refunds, 0 when
-- cancelled. sales counts the sales placed (cancelled ones too), units those sold and not refunded.
-- Incremental by (day, store, channel, sale currency, payment method): the groups holding a fact
-- row written since this mart's last successful build are recomputed with all their lines, not
-- whole days (a late refund rewrites its sale's old group; these attributes of a line never
-- change, so no other group moves; the tier at purchase, which a re-pointed line can change, is
-- recomputed within the group), and so are the groups of those days with rows still under an
-- UNKNOWN country (the store may have been projected since).
-- Amounts are stored as money and counts as whole numbers of the narrowest usual type: the
-- dashboard sums many rows of them per call. _loaded_at (the run that wrote the row) tells the
-- daily marts built from this cube (country, payment method by country, store, and the full builds
-- of channel, currency split and loyalty tier) which days it recomputed.
-- Grain: sale_date, store_key, channel, sale_currency, payment_method, loyalty_tier, reporting_currency.
with
{% if is_incremental() %}
changed_lines as (
    select sale_date, store_key, channel, sale_currency, payment_method, reporting_currency
    from {{ ref('fct_sale_lines') }} where _loaded_at > {{ last_success_at }}
),

changed_groups as (
    select distinct sale_date, store_key, channel, sale_currency, payment_method, reporting_currency from changed_lines
    union distinct
    select distinct sale_date, store_key, channel, sale_currency, payment_method, reporting_currency from {{ this }}
    where country = 'UNKNOWN' and sale_date in (select sale_date from changed_lines)
),
{% endif %}

{#- the changed groups' lines first, then the dimensions joined to them only #}
lines as {% if is_incremental() %}{{ materialized_cte() }}{% endif %} (
    select fact.* from {{ ref('fct_sale_lines') }} as fact
    {% if is_incremental() %}
    join changed_groups
        on changed_groups.sale_date = fact.sale_date and changed_groups.store_key = fact.store_key
        and changed_groups.channel = fact.channel and changed_groups.sale_currency = fact.sale_currency
        and changed_groups.payment_method = fact.payment_method
        and changed_groups.reporting_currency = fact.reporting_currency
    -- the day filter first: the scan reads only the changed days, the join probes only their lines
    where fact.sale_date in (select sale_date from changed_groups)
    {% endif %}
),
stores as (select store_key, country from {{ ref('dim_store') }}),
customers as (select customer_sk, loyalty_tier from {{ ref('dim_customer') }}),
final as (
    select
        lines.sale_date,
        lines.store_key,
        coalesce(stores.country, 'UNKNOWN') as country,
        lines.channel,
        lines.sale_currency,
        lines.payment_method,
        coalesce(customers.loyalty_tier, 'UNKNOWN') as loyalty_tier,
        lines.reporting_currency,
        cast(sum(case when lines.line_number = 1 then 1 else 0 end) as {{ t_int() }}) as sales,
        cast(sum(case when lines.line_number = 1 and lines.is_cancelled then 1 else 0 end) as {{ t_int() }}) as cancelled_sales,
        cast(sum(lines.net_quantity) as {{ t_int() }}) as units,
        cast(coalesce(sum(case when lines.is_cancelled then 0 else lines.refunded_amount_reporting end), 0) as {{ t_money() }}) as refunded_revenue,
        cast(coalesce(sum(lines.net_amount_reporting), 0) as {{ t_money() }}) as revenue,
        cast(coalesce(sum(case when lines.is_cancelled then 0 else lines.refunded_amount end), 0) as {{ t_money() }}) as refunded_revenue_sale_currency,
        cast(coalesce(sum(lines.net_amount), 0) as {{ t_money() }}) as revenue_sale_currency
    from lines
    left join stores on stores.store_key = lines.store_key
    left join customers on customers.customer_sk = lines.customer_sk
    group by lines.sale_date, lines.store_key, coalesce(stores.country, 'UNKNOWN'), lines.channel, lines.sale_currency,
        lines.payment_method, coalesce(customers.loyalty_tier, 'UNKNOWN'), lines.reporting_currency
)

select final.*, {{ run_started_at }} as _loaded_at from final
