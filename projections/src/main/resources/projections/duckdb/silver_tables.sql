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
    amount         decimal(18, 2) not null,
    primary key (sale_id, line_number)
);

-- Grain: one store (current state).
create table if not exists sales_silver.stores (
    store_id  varchar primary key,
    name      varchar not null,
    country   varchar not null,
    city      varchar not null,
    kind      varchar not null,
    opened_at timestamp not null,
    event_id  varchar not null
);
