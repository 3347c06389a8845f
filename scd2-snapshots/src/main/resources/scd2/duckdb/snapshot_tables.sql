-- SCD Type-2 histories with dbt-compatible columns. Validity is business time (UTC).
create schema if not exists sales_snapshots;

create table if not exists sales_snapshots.customers_scd2 (
    dbt_scd_id      varchar primary key,
    customer_id     varchar not null,
    sequence_number bigint not null,
    name            varchar not null,
    email           varchar not null,
    country         varchar not null,
    city            varchar not null,
    dbt_valid_from  timestamp not null,
    dbt_valid_to    timestamp,
    dbt_updated_at  timestamp not null
);
