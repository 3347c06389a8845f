-- Silver: typed read models built from domain events. Times are UTC; amounts in the sale currency.
create schema if not exists sales_silver;

-- Grain: one order line.
create table if not exists sales_silver.sale_lines (
    sale_id        varchar not null,
    line_number    integer not null,
    event_id       varchar not null,
    customer_id    varchar not null,
    store_id       varchar not null,
    channel        varchar not null,
    payment_method varchar not null,
    currency       varchar not null,
    placed_at      timestamp not null,
    product_id     varchar not null,
    quantity       integer not null,
    unit_price     decimal(18, 2) not null,
    discount       decimal(18, 2) not null default 0,
    amount         decimal(18, 2) not null,  -- net: quantity * unit_price - discount, what the customer pays
    primary key (sale_id, line_number)
);

-- Grain: one store (current state).
create table if not exists sales_silver.stores (
    store_id  varchar primary key,
    name      varchar not null,
    country   varchar not null,
    city      varchar not null,
    kind      varchar not null,
    currency  varchar,
    opened_at timestamp not null,
    event_id  varchar not null
);

-- Warehouses created before these columns existed (rows written then have a zero discount and no
-- currency until a replay).
alter table sales_silver.sale_lines add column if not exists discount decimal(18, 2) default 0;
alter table sales_silver.stores add column if not exists currency varchar;
