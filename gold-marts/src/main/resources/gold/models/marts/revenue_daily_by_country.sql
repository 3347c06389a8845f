{{ config(materialized='view') }}
-- The dashboard's mart (kept under its first name): net revenue per business day and store
-- country, from mart_sales_by_country_daily. currency is the reporting currency.
-- Grain: sale_date, country, currency.
select sale_date, country, reporting_currency as currency, sales, units, revenue
from {{ ref('mart_sales_by_country_daily') }}
