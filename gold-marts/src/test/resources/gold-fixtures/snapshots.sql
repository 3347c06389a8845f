-- Empty SCD2 histories (their real DDL comes from scd2-snapshots' TableSpecs) and the reporting
-- columns of sale_lines, for gold tests whose silver fixture predates them.
create schema if not exists sales_snapshots;
create table if not exists sales_snapshots.customers_scd2 (dbt_scd_id varchar not null, customer_id varchar not null,
    sequence_number bigint not null, change_type varchar not null, name varchar, email varchar, country varchar,
    city varchar, loyalty_tier varchar, dbt_valid_from timestamp not null, dbt_valid_to timestamp,
    dbt_updated_at timestamp not null, is_current boolean not null);
create table if not exists sales_snapshots.products_scd2 (dbt_scd_id varchar not null, product_id varchar not null,
    sequence_number bigint not null, change_type varchar not null, sku varchar, name varchar, brand varchar,
    category varchar, subcategory varchar, list_price decimal(18, 4), currency varchar, status varchar,
    dbt_valid_from timestamp not null, dbt_valid_to timestamp, dbt_updated_at timestamp not null,
    is_current boolean not null);
alter table sales_silver.sale_lines add column if not exists reporting_currency varchar default 'EUR';
alter table sales_silver.sale_lines add column if not exists net_amount_reporting decimal(18, 2);
