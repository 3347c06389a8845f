-- Every currency sales were made in or rates were published for, with the latest rate known
-- (units per one reporting unit, as sales_silver.fx_rates; 1 for the reporting currency). Built
-- from the fact rather than from silver, so that it covers every currency of the fact built in the
-- same run.
-- Grain: currency_code (one ISO 4217 code).
with sale_currencies as (
    select sale_currency as currency_code, min(reporting_currency) as reporting_currency
    from {{ ref('fct_sale_lines') }}
    group by sale_currency
    union all
    select distinct reporting_currency as currency_code, reporting_currency
    from {{ ref('fct_sale_lines') }}
),

rates as (
    select currency, day, rate,
        row_number() over (partition by currency order by day desc) as recency
    from {{ source('sales_silver', 'fx_rates') }}
),

codes as (
    select currency_code, max(reporting_currency) as reporting_currency
    from (
        select currency_code, reporting_currency from sale_currencies
        union all
        select distinct currency as currency_code, cast(null as {{ t_string() }}) as reporting_currency from rates
    ) as all_codes
    group by currency_code
),

final as (
    select
        codes.currency_code,
        codes.currency_code = coalesce(codes.reporting_currency, 'EUR') as is_reporting_currency,
        rates.day as latest_rate_day,
        case when codes.currency_code = coalesce(codes.reporting_currency, 'EUR') then 1
             else cast(rates.rate as {{ t_rate() }}) end as latest_rate
    from codes
    left join rates on rates.currency = codes.currency_code and rates.recency = 1
)

select * from final
