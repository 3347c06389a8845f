-- The product versions of the SCD2 history as of this run (see docs/projections.md).
-- Grain: dbt_scd_id (one row per product event; product_id, dbt_valid_from order them).
select * from {{ source('sales_snapshots', 'products_scd2') }}
